import { get, knownFields, lrValue, momPair, numOr, stepsValue, wdOptions } from '../check';
import { periodicBoundaries, type Kernel } from '../kernel';
import { ScheduleError } from '../scheduleError';
import type { FastaiClrSpec } from '../specs';
import type { Hyper } from '../types';

const FIELDS = ['kind', 'lr', 'stepsPerCycle', 'div', 'cutDiv', 'maxMom', 'minMom', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `fastaiClr` spec: fastai 0.7's `use_clr=(div, cut_div)` (class `CircularLR`), a
 * slanted triangle. With `cut = floor(n / cutDiv)`, `i = step mod n`: `p = i / cut` while
 * `i <= cut`, else `1 - (i - cut) / (n - cut)`; `lr = L * (1 + p (div - 1)) / div`.
 * Optional momentum moves opposite to the LR (maxMom at the ends, minMom at the peak), aligned
 * with the LR of the same step.
 */
export function buildFastaiClr(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'fastaiClr'");
  const L = lrValue(get(o, 'lr'), `${path}lr`);
  const nb = stepsValue(get(o, 'stepsPerCycle'), `${path}stepsPerCycle`);
  const div = numOr(get(o, 'div'), 4, `${path}div`, { min: 0, gt: true, hint: 'the LR starts at lr / div' });
  const cutDiv = numOr(get(o, 'cutDiv'), 8, `${path}cutDiv`, { min: 1, hint: 'the rise takes stepsPerCycle / cutDiv steps' });
  const moms = momPair(o, path);
  const cut = Math.floor(nb / cutDiv);
  if (cut < 1) {
    throw new ScheduleError(
      `${path}cutDiv must leave at least 1 rising step, got cutDiv = ${cutDiv} with stepsPerCycle = ${nb} (floor(stepsPerCycle / cutDiv) = 0): use cutDiv <= stepsPerCycle`,
    );
  }
  const spec: FastaiClrSpec = { kind: 'fastaiClr', lr: L, stepsPerCycle: nb, div, cutDiv, ...wdOptions(o, path) };
  if (moms !== undefined) {
    spec.maxMom = moms.maxMom;
    spec.minMom = moms.minMom;
  }
  const down = nb - cut;
  const pAt = (i: number): number => (i > cut ? 1 - (i - cut) / down : i / cut);
  let at: (step: number) => Hyper;
  if (moms === undefined) {
    at = (step) => ({ lr: (L * (1 + pAt(step % nb) * (div - 1))) / div });
  } else {
    const { maxMom, minMom } = moms;
    at = (step) => {
      const p = pAt(step % nb);
      return { lr: (L * (1 + p * (div - 1))) / div, mom: maxMom + p * (minMom - maxMom) };
    };
  }
  return {
    spec,
    totalSteps: undefined,
    peakLr: L,
    ownsWd: false,
    at,
    boundaries: (limit) => periodicBoundaries(nb, [cut], limit),
  };
}
