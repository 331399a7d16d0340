import { get, momPair, numOr, wdOptions } from '../numRule';
import { periodicBoundaries, type Kernel } from '../kernel';
import { ScheduleError } from '../errors';
import type { FastaiClrBetaSpec } from '../scheduleSpec';
import { cycleKernel, cycleStart, mirroredAt, withMomPair } from './cycleKernel';

const FIELDS = ['kind', 'lr', 'stepsPerCycle', 'div', 'pct', 'maxMom', 'minMom', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `fastaiClrBeta` spec: fastai 0.7's `use_clr_beta=(div, pct, maxMom, minMom)`
 * (class `CircularLR_beta`), the 1cycle policy of Smith (arXiv 1803.09820).
 *
 * With `c = floor(n * (1 - pct/100) / 2)` and `i = step mod n`: the LR rises linearly
 * `L/div -> L` for `i <= c`, falls back to `L/div` for `c < i <= 2c`, then falls to
 * `L/div * (1 - 0.99 p)` (about `L/(100 div)`) over the last `pct` percent. Momentum mirrors
 * the LR (maxMom -> minMom -> maxMom) and stays at maxMom in the last phase.
 *
 * Note: fastai 0.7 computes the momentum after advancing its counter, so its momentum runs one
 * step ahead of its LR. This package aligns the momentum with the LR of the same step.
 */
export function buildFastaiClrBeta(o: object, path: string): Kernel {
  const { L, nb } = cycleStart(o, path, FIELDS, 'fastaiClrBeta');
  const div = numOr(get(o, 'div'), 10, `${path}div`, { min: 0, gt: true, hint: 'the LR starts at lr / div' });
  const pct = numOr(get(o, 'pct'), 10, `${path}pct`, {
    min: 0,
    max: 100,
    lt: true,
    hint: 'it is the percent of each cycle spent in the final phase',
  });
  const moms = momPair(o, path);
  const c = Math.floor((nb * (1 - pct / 100)) / 2);
  if (c < 1) {
    throw new ScheduleError(
      `${path}stepsPerCycle must give at least 1 step per half-cycle, got stepsPerCycle = ${nb} with pct = ${pct} (floor(stepsPerCycle * (1 - pct/100) / 2) = ${c}): use more steps or a smaller pct`,
    );
  }
  const spec = withMomPair<FastaiClrBetaSpec>({ kind: 'fastaiClrBeta', lr: L, stepsPerCycle: nb, div, pct, ...wdOptions(o, path) }, moms);
  const c2 = 2 * c;
  const tail = nb - c2;
  const lrAt = (i: number): number => {
    if (i > c2) return (L * (1 + ((i - c2) / tail) * (1 - 100) / 100)) / div;
    const p = i > c ? 1 - (i - c) / c : i / c;
    return (L * (1 + p * (div - 1))) / div;
  };
  // momentum mirrors the LR over the rise and fall, and stays at maxMom in the last phase
  const momPos = (i: number): number => (i > c2 ? 0 : i > c ? 1 - (i - c) / c : i / c);
  return cycleKernel(spec, L, mirroredAt(nb, lrAt, momPos, moms), (limit) => periodicBoundaries(nb, [c, c2], limit));
}
