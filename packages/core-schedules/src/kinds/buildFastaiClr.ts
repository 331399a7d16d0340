import { get, momPair, numOr, wdOptions } from '../numRule';
import { periodicBoundaries, type Kernel } from '../kernel';
import { ScheduleError } from '../errors';
import type { FastaiClrSpec } from '../scheduleSpec';
import { cycleKernel, cycleStart, mirroredAt, withMomPair } from './cycleKernel';

const FIELDS = ['kind', 'lr', 'stepsPerCycle', 'div', 'cutDiv', 'maxMom', 'minMom', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `fastaiClr` spec: fastai 0.7's `use_clr=(div, cut_div)` (class `CircularLR`), a
 * slanted triangle. With `cut = floor(n / cutDiv)`, `i = step mod n`: `p = i / cut` while
 * `i <= cut`, else `1 - (i - cut) / (n - cut)`; `lr = L * (1 + p (div - 1)) / div`.
 * Optional momentum moves opposite to the LR (maxMom at the ends, minMom at the peak), aligned
 * with the LR of the same step.
 */
export function buildFastaiClr(o: object, path: string): Kernel {
  const { L, nb } = cycleStart(o, path, FIELDS, 'fastaiClr');
  const div = numOr(get(o, 'div'), 4, `${path}div`, { min: 0, gt: true, hint: 'the LR starts at lr / div' });
  const cutDiv = numOr(get(o, 'cutDiv'), 8, `${path}cutDiv`, { min: 1, hint: 'the rise takes stepsPerCycle / cutDiv steps' });
  const moms = momPair(o, path);
  const cut = Math.floor(nb / cutDiv);
  if (cut < 1) {
    throw new ScheduleError(
      `${path}cutDiv must leave at least 1 rising step, got cutDiv = ${cutDiv} with stepsPerCycle = ${nb} (floor(stepsPerCycle / cutDiv) = 0): use cutDiv <= stepsPerCycle`,
    );
  }
  const spec = withMomPair<FastaiClrSpec>({ kind: 'fastaiClr', lr: L, stepsPerCycle: nb, div, cutDiv, ...wdOptions(o, path) }, moms);
  const down = nb - cut;
  const pAt = (i: number): number => (i > cut ? 1 - (i - cut) / down : i / cut);
  const at = mirroredAt(nb, (i) => (L * (1 + pAt(i) * (div - 1))) / div, pAt, moms);
  return cycleKernel(spec, L, at, (limit) => periodicBoundaries(nb, [cut], limit));
}
