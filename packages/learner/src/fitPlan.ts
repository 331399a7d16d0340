import type { Callback } from '@onecycle/callbacks';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import { checkCount } from './checkLearnerOptions';
import { LearnerOptionError } from './errors';
import { spreadLr } from './lrSlice';
import type { LrInput } from './lrSlice';

/** fastai 0.7 `learn.fit` options. */
export interface FitOptions {
  /** Epochs per cycle; with no CLR option this is SGDR (cosine annealing with restarts). */
  cycleLen?: number;
  /** SGDR: each cycle is `cycleMult` times longer than the one before. @default 1 */
  cycleMult?: number;
  /** fastai 0.7 `use_clr=(div, cut_div)` (slanted triangle), optionally with `[maxMom, minMom]`. */
  useClr?: readonly [number, number] | readonly [number, number, number, number];
  /** fastai 0.7 `use_clr_beta=(div, pct)` or `(div, pct, maxMom, minMom)`: 1cycle with cyclical momentum. */
  useClrBeta?: readonly [number, number] | readonly [number, number, number, number];
  /** Weight decay: one value, or one per layer group. */
  wds?: number | readonly number[];
  /** Scale weight decay with the LR (fastai 0.7 `use_wd_sched`, schedule `wdSchedule: 'followLr'`). @default false */
  useWdSched?: boolean;
  /** Callbacks for this fit only. */
  callbacks?: Callback[];
  /** Continue the interrupted fit with these same arguments exactly where it stopped. @default false */
  resume?: boolean;
}

/** The schedule and length a fit resolves to, plus per-group multipliers. */
export interface FitPlan {
  /** The schedule; step = global batch index; its lr is the largest group's. */
  spec: ScheduleSpec;
  /** Epochs to run. */
  numEpochs: number;
  /** Per layer group: LR multiplier relative to the spec's lr. */
  lrScale: number[];
  /** Per layer group: weight-decay multiplier relative to the spec's wd. */
  wdScale: number[];
}

/** Throws a LearnerOptionError unless `v` is an integer >= 1. */
export function checkPositiveInt(name: string, v: number): void {
  checkCount(name, v, 1);
}

/**
 * Per-group LR multipliers relative to the largest LR, and that largest LR.
 * @param groups - number of layer groups
 * @returns the peak LR and the multipliers
 */
export function lrScales(lr: LrInput, groups: number): { peak: number; scale: number[] } {
  const lrs = spreadLr(lr, groups);
  const peak = Math.max(...lrs);
  return { peak, scale: lrs.map((v) => v / peak) };
}

/**
 * Weight decay for the spec and per-group multipliers.
 * @param wds - one value or one per group
 * @param groups - number of layer groups
 * @returns the reference wd (largest) and multipliers
 */
export function wdScales(wds: number | readonly number[], groups: number): { wd: number; scale: number[] } {
  const list = typeof wds === 'number' ? Array.from({ length: groups }, () => wds) : [...wds];
  if (list.length !== groups) throw new LearnerOptionError(`wds has ${list.length} values but the model has ${groups} layer groups`);
  list.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0) throw new LearnerOptionError(`wds[${i}] must be a finite number >= 0, got ${v}`);
  });
  const wd = Math.max(...list);
  return { wd, scale: list.map((v) => (wd === 0 ? 0 : v / wd)) };
}

function moms(t: readonly number[]): { maxMom: number; minMom: number } | Record<string, never> {
  const [, , maxMom, minMom] = t;
  return maxMom !== undefined && minMom !== undefined ? { maxMom, minMom } : {};
}

/**
 * Turns fastai 0.7 `fit(lr, nCycle, opts)` into a core-schedules spec and an epoch count:
 * `useClrBeta` -> `fastaiClrBeta`, `useClr` -> `fastaiClr` (one cycle = `cycleLen` epochs, default
 * 1, `nCycle` cycles), `cycleLen`/`cycleMult` alone -> `fastaiSgdr`, neither -> `constant`.
 * Epochs: `sum(cycleLen * cycleMult^i, i < nCycle)` with a `cycleLen`, else `nCycle` (fastai 0.7).
 *
 * @param lr - peak LR (or one per layer group)
 * @param opts - fastai 0.7 options
 * @param groups - number of layer groups
 */
export function fitPlan(lr: LrInput, nCycle: number, opts: FitOptions, groups: number, batchesPerEpoch: number): FitPlan {
  checkPositiveInt('nCycle', nCycle);
  if (opts.useClr !== undefined && opts.useClrBeta !== undefined) throw new LearnerOptionError('give useClr or useClrBeta, not both');
  const clr = opts.useClr ?? opts.useClrBeta;
  const clrLength: number = clr?.length ?? 2;
  if (clrLength !== 2 && clrLength !== 4) {
    throw new LearnerOptionError(`${opts.useClr !== undefined ? 'useClr' : 'useClrBeta'} must have 2 items [div, ${opts.useClr !== undefined ? 'cutDiv' : 'pct'}] or 4 items [.., .., maxMom, minMom], got ${clrLength}`);
  }
  const cycleMult = opts.cycleMult ?? 1;
  if (!Number.isFinite(cycleMult) || cycleMult < 1) throw new LearnerOptionError(`cycleMult must be a finite number >= 1, got ${cycleMult}`);
  if (clr !== undefined && cycleMult !== 1) throw new LearnerOptionError(`cycleMult ${cycleMult} only applies to SGDR (cycleLen without useClr/useClrBeta); CLR cycles all have cycleLen epochs`);
  if (opts.cycleLen !== undefined) checkPositiveInt('cycleLen', opts.cycleLen);
  if (opts.useWdSched === true && opts.wds === undefined) throw new LearnerOptionError('useWdSched needs wds: give the weight decay to schedule');
  const cycleLen = opts.cycleLen ?? (clr !== undefined ? 1 : undefined);
  let numEpochs = nCycle;
  if (cycleLen !== undefined) {
    numEpochs = 0;
    for (let i = 0; i < nCycle; i++) numEpochs += cycleLen * cycleMult ** i;
    if (!Number.isInteger(numEpochs)) throw new LearnerOptionError(`cycleLen ${cycleLen} with cycleMult ${cycleMult} gives ${numEpochs} epochs: it must be a whole number`);
  }
  const { peak, scale } = lrScales(lr, groups);
  const stepsPerCycle = batchesPerEpoch * (cycleLen ?? 1);
  let spec: ScheduleSpec;
  if (opts.useClrBeta !== undefined) {
    const [div, pct] = opts.useClrBeta;
    spec = { kind: 'fastaiClrBeta', lr: peak, stepsPerCycle, div, pct, ...moms(opts.useClrBeta) };
  } else if (opts.useClr !== undefined) {
    const [div, cutDiv] = opts.useClr;
    spec = { kind: 'fastaiClr', lr: peak, stepsPerCycle, div, cutDiv, ...moms(opts.useClr) };
  } else if (cycleLen !== undefined) {
    spec = { kind: 'fastaiSgdr', lr: peak, stepsPerCycle, cycleMult };
  } else {
    spec = { kind: 'constant', lr: peak };
  }
  let wdScale = scale.map(() => 1);
  if (opts.wds !== undefined) {
    const w = wdScales(opts.wds, groups);
    spec = { ...spec, wd: w.wd, wdSchedule: opts.useWdSched === true ? 'followLr' : 'constant' };
    wdScale = w.scale;
  }
  return { spec, numEpochs, lrScale: scale, wdScale };
}

/** fastai v2 `fit_one_cycle` options (the part that shapes the schedule). */
export interface OneCyclePlanOptions {
  /** Fraction of the steps spent warming up. @default 0.25 */
  pctStart?: number;
  /** The LR starts at lrMax / div. @default 25 */
  div?: number;
  /** The LR ends at lrMax / divFinal. @default 1e5 */
  divFinal?: number;
  /** Momentum at start, at the peak LR, at the end; false leaves the momentum alone (plain SGD, Adagrad). @default [0.95, 0.85, 0.95] */
  moms?: [number, number, number] | false;
  /** Weight decay, one value or one per group; absent leaves the optimizer's own. */
  wd?: number | readonly number[];
}

/**
 * fastai v2 `fit_one_cycle(n_epoch, lr_max, …)` as a `oneCycle` spec over `epochs * batchesPerEpoch`
 * steps; options left out keep core-schedules' fastai v2 defaults.
 *
 * @param lrMax - peak LR, one per group, or a slice
 * @param opts - pctStart, div, divFinal, moms, wd
 * @param groups - number of layer groups
 */
export function oneCyclePlan(epochs: number, lrMax: LrInput, opts: OneCyclePlanOptions, groups: number, batchesPerEpoch: number): FitPlan {
  checkPositiveInt('epochs', epochs);
  const { peak, scale } = lrScales(lrMax, groups);
  let spec: ScheduleSpec = { kind: 'oneCycle', lrMax: peak, totalSteps: epochs * batchesPerEpoch };
  if (opts.pctStart !== undefined) spec = { ...spec, pctStart: opts.pctStart };
  if (opts.div !== undefined) spec = { ...spec, div: opts.div };
  if (opts.divFinal !== undefined) spec = { ...spec, divFinal: opts.divFinal };
  if (opts.moms !== undefined) spec = { ...spec, moms: opts.moms };
  let wdScale = scale.map(() => 1);
  if (opts.wd !== undefined) {
    const w = wdScales(opts.wd, groups);
    spec = { ...spec, wd: w.wd };
    wdScale = w.scale;
  }
  return { spec, numEpochs: epochs, lrScale: scale, wdScale };
}
