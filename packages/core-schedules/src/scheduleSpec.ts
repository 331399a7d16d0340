/** How weight decay moves: kept constant, or scaled by `lr / peakLr` every step. */
export type WdSchedule = 'constant' | 'followLr';

/** Options every spec kind accepts. */
export interface WdOptions {
  /** Weight decay. Absent: the schedule does not set `wd`. */
  wd?: number;
  /**
   * `'followLr'` multiplies `wd` by `lr / peakLr` each step: the schedule multiplier of
   * Loshchilov & Hutter's decoupled weight decay (arXiv 1711.05101, the paper behind fastai 0.7's
   * `use_wd_sched`), so weight decay moves with the LR.
   * @default 'constant' (filled in only when `wd` is set)
   */
  wdSchedule?: WdSchedule;
}

/** A constant learning rate (and optional momentum). */
export interface ConstantSpec extends WdOptions {
  kind: 'constant';
  lr: number;
  mom?: number;
}

/**
 * fastai 0.7 `use_clr_beta=(div, pct, max_mom, min_mom)` (class `CircularLR_beta`): the 1cycle
 * policy with cyclical momentum of Smith (arXiv 1803.09820).
 *
 * With `n = stepsPerCycle`, `c = floor(n * (1 - pct/100) / 2)` and `i = step mod n`, the LR rises
 * linearly `lr/div -> lr` over `[0, c]`, falls back to `lr/div` over `(c, 2c]`, then falls to
 * about `lr/(100 div)` over the last `pct` percent. Momentum mirrors the LR
 * (maxMom -> minMom -> maxMom) and stays at maxMom in the last phase. Cycles repeat.
 *
 * Momentum alignment: fastai 0.7 computes the momentum after advancing its iteration counter, so
 * its momentum runs one step ahead of its LR. This package aligns the momentum with the LR of the
 * same step (at the LR peak, momentum is exactly minMom).
 *
 * @example
 * ```ts
 * // the original request: use_clr_beta=(10, 10, 0.95, 0.85) at lr 0.01, 100 batches per cycle
 * createSchedule({ kind: 'fastaiClrBeta', lr: 0.01, stepsPerCycle: 100, maxMom: 0.95, minMom: 0.85 }).at(45);
 * // { lr: 0.01, mom: 0.85 }
 * ```
 */
export interface FastaiClrBetaSpec extends WdOptions {
  kind: 'fastaiClrBeta';
  /** The peak LR (the `lr` given to fastai's `fit`), > 0. */
  lr: number;
  /** Batches per cycle (`batches_per_epoch * cycle_len`), an integer >= 1. */
  stepsPerCycle: number;
  /** The LR starts and returns to `lr / div`. @default 10 */
  div?: number;
  /** Percent of each cycle spent in the final annealing phase, in [0, 100). @default 10 */
  pct?: number;
  /** Momentum at the ends of the cycle (give with `minMom`; neither = momentum is not set). */
  maxMom?: number;
  /** Momentum at the LR peak (give with `maxMom`). */
  minMom?: number;
}

/** fastai 0.7 `use_clr=(div, cut_div)` (class `CircularLR`, slanted triangular). */
export interface FastaiClrSpec extends WdOptions {
  kind: 'fastaiClr';
  /** The peak LR, > 0. */
  lr: number;
  /** Batches per cycle, an integer >= 1. */
  stepsPerCycle: number;
  /** The LR starts at `lr / div`. @default 4 */
  div?: number;
  /** The rise takes `floor(stepsPerCycle / cutDiv)` steps; >= 1. @default 8 */
  cutDiv?: number;
  /** Momentum at the ends of the cycle (give with `minMom`); aligned with the LR of the same step. */
  maxMom?: number;
  /** Momentum at the LR peak (give with `maxMom`). */
  minMom?: number;
}

/** fastai 0.7 `cycle_len`/`cycle_mult` (class `CosAnneal`, SGDR of Loshchilov & Hutter). */
export interface FastaiSgdrSpec extends WdOptions {
  kind: 'fastaiSgdr';
  /** The LR at the start of each cycle, > 0. */
  lr: number;
  /** Batches in the first cycle (`batches_per_epoch * cycle_len`). */
  stepsPerCycle: number;
  /** Each cycle is `cycleMult` times longer than the previous (an integer >= 1). @default 1 */
  cycleMult?: number;
  /** L/100 for the first 1/20 of the first cycle. @default true */
  warmup?: boolean;
}

/** fastai v2 `fit_one_cycle`. */
export interface OneCycleSpec extends WdOptions {
  kind: 'oneCycle';
  /** The peak LR, > 0. */
  lrMax: number;
  /** Total batches of the run (`n_epoch * batches_per_epoch`). */
  totalSteps: number;
  /** Fraction of the run spent warming up, in (0, 1). @default 0.25 */
  pctStart?: number;
  /** The LR starts at `lrMax / div`. @default 25 */
  div?: number;
  /** The LR ends at `lrMax / divFinal`. @default 1e5 */
  divFinal?: number;
  /**
   * Momentum (or Adam's beta1) at the start, at the LR peak and at the end; `false` leaves the
   * optimizer's momentum alone (for plain SGD, Adagrad, Adadelta, which have none).
   * @default [0.95, 0.85, 0.95]
   */
  moms?: [number, number, number] | false;
}

/** PyTorch `torch.optim.lr_scheduler.OneCycleLR`. */
export interface TorchOneCycleSpec extends WdOptions {
  kind: 'torchOneCycle';
  maxLr: number;
  totalSteps: number;
  /** @default 0.3 */
  pctStart?: number;
  /** @default 'cos' */
  annealStrategy?: 'cos' | 'linear';
  /** @default true */
  cycleMomentum?: boolean;
  /** @default 0.85 */
  baseMomentum?: number;
  /** @default 0.95 */
  maxMomentum?: number;
  /** @default 25 */
  divFactor?: number;
  /** @default 1e4 */
  finalDivFactor?: number;
  /** @default false */
  threePhase?: boolean;
}

/** PyTorch `torch.optim.lr_scheduler.CyclicLR` (CLR of Smith, arXiv 1506.01186). */
export interface TorchCyclicSpec extends WdOptions {
  kind: 'torchCyclic';
  baseLr: number;
  maxLr: number;
  /** @default 2000 */
  stepSizeUp?: number;
  /** @default stepSizeUp */
  stepSizeDown?: number;
  /** @default 'triangular' */
  mode?: 'triangular' | 'triangular2' | 'expRange';
  /** @default 1 */
  gamma?: number;
  /** @default true */
  cycleMomentum?: boolean;
  /** @default 0.8 */
  baseMomentum?: number;
  /** @default 0.9 */
  maxMomentum?: number;
}

/** PyTorch `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts`, stepped once per batch. */
export interface TorchCosineWarmRestartsSpec extends WdOptions {
  kind: 'torchCosineWarmRestarts';
  baseLr: number;
  t0: number;
  /** @default 1 */
  tMult?: number;
  /** @default 0 */
  etaMin?: number;
}

/** PyTorch `MultiStepLR` stepped per batch: `lr * gamma^(milestones passed)`. */
export interface MultiStepSpec extends WdOptions {
  kind: 'multiStep';
  lr: number;
  milestones: number[];
  /** @default 0.1 */
  gamma?: number;
  mom?: number;
}

/** PyTorch `ExponentialLR` stepped per batch: `lr * gamma^step`. */
export interface ExponentialSpec extends WdOptions {
  kind: 'exponential';
  lr: number;
  gamma: number;
}

/** PyTorch `StepLR` stepped per batch: `lr * gamma^floor(step / stepSize)`. */
export interface TorchStepSpec extends WdOptions {
  kind: 'torchStep';
  lr: number;
  stepSize: number;
  /** @default 0.1 */
  gamma?: number;
  mom?: number;
}

/** PyTorch `CosineAnnealingLR` stepped per batch: `etaMin + (lr - etaMin)(1 + cos(pi step / tMax)) / 2`. */
export interface TorchCosineAnnealingSpec extends WdOptions {
  kind: 'torchCosineAnnealing';
  lr: number;
  tMax: number;
  /** @default 0 */
  etaMin?: number;
  mom?: number;
}

/** PyTorch `LinearLR` stepped per batch: `lr` times a factor linear from `startFactor` to `endFactor` over `totalIters` steps, then held. */
export interface TorchLinearSpec extends WdOptions {
  kind: 'torchLinear';
  lr: number;
  /** @default 1/3 */
  startFactor?: number;
  /** @default 1 */
  endFactor?: number;
  /** @default 5 */
  totalIters?: number;
  mom?: number;
}

/** PyTorch `PolynomialLR` stepped per batch: `lr * (1 - min(step, totalIters) / totalIters)^power`. */
export interface TorchPolynomialSpec extends WdOptions {
  kind: 'torchPolynomial';
  lr: number;
  /** @default 5 */
  totalIters?: number;
  /** @default 1 */
  power?: number;
  mom?: number;
}

/** Caffe's `inv` LR policy stepped per batch: `lr * (1 + gamma * step)^(-power)`. */
export interface CaffeInvSpec extends WdOptions {
  kind: 'caffeInv';
  lr: number;
  gamma: number;
  power: number;
  mom?: number;
}

/** An annealer name, as fastai v2's `SchedLin`/`SchedCos`/`SchedExp`/`SchedPoly`/`SchedNo`. */
export type AnnealName = 'lin' | 'cos' | 'exp' | 'poly' | 'no';

/** One hyper-parameter's path through a phase. */
export interface AnnealSpec {
  start: number;
  end: number;
  anneal: AnnealName;
  /** Required for `'poly'`. */
  power?: number;
}

/** One phase of a {@link PhasesSpec}. */
export interface PhaseSpec {
  /** Fraction of `totalSteps`, > 0; the phases' pcts sum to 1. */
  pct: number;
  lr: AnnealSpec;
  mom?: AnnealSpec;
  wd?: AnnealSpec;
}

/** fastai's training phases / `combine_scheds`: any piecewise schedule of lr, mom and wd. */
export interface PhasesSpec extends WdOptions {
  kind: 'phases';
  totalSteps: number;
  phases: PhaseSpec[];
}

/** One part of a {@link SequenceSpec}. */
export interface SequencePart {
  steps: number;
  spec: ScheduleSpec;
}

/** PyTorch `SequentialLR`-like chaining: each part runs its own spec from its own step 0. */
export interface SequenceSpec extends WdOptions {
  kind: 'sequence';
  parts: SequencePart[];
}

/** Every schedule, as plain JSON data with a `kind`. */
export type ScheduleSpec =
  | ConstantSpec
  | FastaiClrBetaSpec
  | FastaiClrSpec
  | FastaiSgdrSpec
  | OneCycleSpec
  | TorchOneCycleSpec
  | TorchCyclicSpec
  | TorchCosineWarmRestartsSpec
  | MultiStepSpec
  | ExponentialSpec
  | TorchStepSpec
  | TorchCosineAnnealingSpec
  | TorchLinearSpec
  | TorchPolynomialSpec
  | CaffeInvSpec
  | PhasesSpec
  | SequenceSpec;

/** The `kind` of every {@link ScheduleSpec}. */
export type ScheduleKind = ScheduleSpec['kind'];
