import type { PhaseSpec, ScheduleSpec } from '@onecycle/core-schedules';
import { LearnerOptionError } from './errors';
import { checkPositiveInt, lrScales, wdScales } from './fitPlan';
import type { FitPlan } from './fitPlan';
import type { LrInput } from './lrSlice';

/** fastai v2 `fit_flat_cos` options (the part that shapes the schedule). */
export interface FlatCosPlanOptions {
  /** Fraction of the steps at the flat LR before the cosine. @default 0.75 */
  pctStart?: number;
  /** The LR ends at lr / divFinal. @default 1e5 */
  divFinal?: number;
  /** Weight decay, one value or one per group; absent leaves the optimizer's own. */
  wd?: number | readonly number[];
}

/** fastai v2 `fit_sgdr` options (the part that shapes the schedule). */
export interface SgdrPlanOptions {
  /** Each cycle is `cycleMult` times longer than the one before. @default 2 */
  cycleMult?: number;
  /** Weight decay, one value or one per group; absent leaves the optimizer's own. */
  wd?: number | readonly number[];
}

function withWd(spec: ScheduleSpec, lrScale: number[], wd: number | readonly number[] | undefined, groups: number): { spec: ScheduleSpec; wdScale: number[] } {
  if (wd === undefined) return { spec, wdScale: lrScale.map(() => 1) };
  const w = wdScales(wd, groups);
  return { spec: { ...spec, wd: w.wd }, wdScale: w.scale };
}

/**
 * fastai v2 `fit_flat_cos(n_epoch, lr, div_final=1e5, pct_start=0.75)`: the LR held at `lr` for
 * `pctStart` of the steps, then cosine-annealed to `lr / divFinal` (`combined_cos(pct_start, lr,
 * lr, lr/div_final)`), as a `phases` spec; momentum is left to the optimizer, as in fastai.
 *
 * @param lr - the flat LR, one per group, or a slice
 * @param opts - pctStart, divFinal, wd
 * @param groups - number of layer groups
 * @throws LearnerOptionError naming a bad option
 */
export function flatCosPlan(epochs: number, lr: LrInput, opts: FlatCosPlanOptions, groups: number, batchesPerEpoch: number): FitPlan {
  checkPositiveInt('epochs', epochs);
  const { peak, scale } = lrScales(lr, groups);
  const pctStart = opts.pctStart ?? 0.75;
  if (!(Number.isFinite(pctStart) && pctStart > 0 && pctStart < 1)) {
    throw new LearnerOptionError(`pctStart must be in (0, 1), got ${pctStart}: the fraction of the steps at the flat LR`);
  }
  const divFinal = opts.divFinal ?? 1e5;
  if (!(Number.isFinite(divFinal) && divFinal >= 1)) throw new LearnerOptionError(`divFinal must be a number >= 1, got ${divFinal}: the LR ends at lr / divFinal`);
  const phases: PhaseSpec[] = [
    { pct: pctStart, lr: { start: peak, end: peak, anneal: 'cos' } },
    { pct: 1 - pctStart, lr: { start: peak, end: peak / divFinal, anneal: 'cos' } },
  ];
  const { spec, wdScale } = withWd({ kind: 'phases', totalSteps: epochs * batchesPerEpoch, phases }, scale, opts.wd, groups);
  return { spec, numEpochs: epochs, lrScale: scale, wdScale };
}

/**
 * fastai v2 `fit_sgdr(n_cycles, cycle_len, lr_max, cycle_mult=2)`: `nCycles` cosine annealings
 * from `lrMax` to 0, the i-th `cycleLen * cycleMult^i` epochs long (`combine_scheds` of
 * `SchedCos(lr_max, 0)`), as a `phases` spec. fastai computes the epochs as
 * `cycle_len * (cycle_mult^n - 1) // (cycle_mult - 1)`, which divides by zero at `cycle_mult=1`;
 * here `cycleMult` 1 gives `nCycles * cycleLen` epochs.
 *
 * @param cycleLen - epochs of the first cycle
 * @param lrMax - the LR at each restart, one per group, or a slice
 * @param opts - cycleMult, wd
 * @param groups - number of layer groups
 * @throws LearnerOptionError naming a bad option
 */
export function sgdrPlan(nCycles: number, cycleLen: number, lrMax: LrInput, opts: SgdrPlanOptions, groups: number, batchesPerEpoch: number): FitPlan {
  checkPositiveInt('nCycles', nCycles);
  checkPositiveInt('cycleLen', cycleLen);
  const cycleMult = opts.cycleMult ?? 2;
  checkPositiveInt('cycleMult', cycleMult);
  const { peak, scale } = lrScales(lrMax, groups);
  const lens = Array.from({ length: nCycles }, (_, i) => cycleLen * cycleMult ** i);
  const epochs = lens.reduce((a, b) => a + b, 0);
  const phases: PhaseSpec[] = lens.map((len) => ({ pct: len / epochs, lr: { start: peak, end: 0, anneal: 'cos' } }));
  const { spec, wdScale } = withWd({ kind: 'phases', totalSteps: epochs * batchesPerEpoch, phases }, scale, opts.wd, groups);
  return { spec, numEpochs: epochs, lrScale: scale, wdScale };
}
