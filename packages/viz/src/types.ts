// Structural input types. They match the shapes pinned in contracts.md for @onecycle/core-schedules,
// @onecycle/callbacks and @onecycle/lr-finder, so viz needs none of those packages at runtime.

/** Hyper-parameters at one step, as returned by a schedule's `at(step)`. */
export interface HyperLike {
  /** Learning rate. */
  lr: number;
  /** Momentum (SGD) or beta1 (Adam). */
  mom?: number;
  /** Weight decay. */
  wd?: number;
}

/** One sampled point of a schedule (same shape as core-schedules' `SamplePoint`). */
export interface SamplePoint {
  /** 0-based global batch index. */
  step: number;
  /** Learning rate at `step`. */
  lr: number;
  /** Momentum at `step`, when the schedule has one. */
  mom?: number;
  /** Weight decay at `step`, when the schedule has one. */
  wd?: number;
}

/** Anything with a `kind`: a core-schedules `ScheduleSpec` as far as viz is concerned. */
export interface ScheduleSpecLike {
  /** The schedule kind, e.g. `'oneCycle'`. */
  readonly kind: string;
}

/** Structural twin of core-schedules' `StepSchedule`: all that viz needs to draw one. */
export interface StepScheduleLike {
  /** The spec the schedule was made from. */
  readonly spec: ScheduleSpecLike;
  /** Total planned steps, or `undefined` for open-ended cyclic schedules. */
  readonly totalSteps: number | undefined;
  /** Hyper-parameters at a 0-based step. */
  at(step: number): HyperLike;
  /** Steps where a phase or cycle starts (drawn as faint vertical rules). */
  boundaries?(until?: number): number[];
}

/** One batch row of a Recorder's JSON. */
export interface RecordedBatch {
  /** Global 0-based batch index. */
  iteration: number;
  /** 0-based epoch. */
  epoch: number;
  /** Learning rate used for this batch. */
  lr: number;
  /** Momentum (or Adam beta1) used for this batch. */
  mom?: number;
  /** Weight decay used for this batch. */
  wd?: number;
  /** Raw training loss of the batch. */
  loss: number;
  /** Debiased EMA (0.98) of the loss, as fastai's Recorder keeps it. */
  smoothLoss: number;
}

/** One epoch row of a Recorder's JSON. */
export interface RecordedEpoch {
  /** 0-based epoch. */
  epoch: number;
  /** Batches done so far (the x position of this epoch's validation loss). */
  iteration: number;
  /** Smoothed training loss at the end of the epoch; null when no batch of the run reported a loss. */
  trainLoss: number | null;
  /** Validation loss at the end of the epoch. */
  validLoss?: number;
  /** Metrics at the end of the epoch, by name. */
  metrics: Record<string, number>;
  /** Wall time of the epoch. */
  seconds: number;
}

/** Structural twin of callbacks' `RecorderJSON` (what `Recorder.toJSON()` returns). */
export interface RecorderJSON {
  version: 1;
  batches: RecordedBatch[];
  epochs: RecordedEpoch[];
}

/** Structural twin of lr-finder's `Suggestions`. */
export interface SuggestionsLike {
  valley: number | null;
  slide: number | null;
  minimum: number | null;
  steep: number | null;
  range: { min: number; max: number; div: number } | null;
}

/** Spread of a suggestion over repeated finder runs. */
export interface SuggestionSpread {
  median: number | null;
  min: number | null;
  max: number | null;
}

/** Structural twin of lr-finder's `LrFindResult`. */
export interface LrFindResultLike {
  /** Learning rate of each iteration. */
  lrs: number[];
  /** Raw loss of each iteration. */
  losses: number[];
  /** Smoothed (debiased EMA) loss of each iteration. */
  smoothLosses: number[];
  /** Validation loss of each iteration, when measured. */
  validLosses?: number[];
  /** Why the test stopped; anything but `'completed'` is marked on the chart. */
  stopReason: 'completed' | 'diverged' | 'nonFinite' | 'dataEnded';
  /** Iterations run. */
  iterations: number;
  /** How the lr grew. */
  mode: 'exp' | 'linear';
  /** Points the plot leaves out at the start (fastai: 10). */
  skipStart: number;
  /** Points the plot leaves out at the end (fastai: 5). */
  skipEnd: number;
  /** Suggested learning rates. */
  suggestions: SuggestionsLike;
  /** Spread over repeated runs, when run more than once. */
  repeats?: {
    n: number;
    lrs: number[];
    median: number[];
    low: number[];
    high: number[];
    suggestionSpread: Record<'valley' | 'slide' | 'minimum' | 'steep', SuggestionSpread>;
  };
}

/** Structural twin of lr-finder's `SweepResult`. */
export interface SweepResultLike {
  param: 'mom' | 'wd';
  runs: Array<{ value: number; result: LrFindResultLike }>;
}

/** One named run for {@link compareChart}. */
export interface CompareRun {
  /** Legend label of the run. */
  name: string;
  /** The metric per epoch; `std` draws a ±std band around the mean. */
  points: Array<{ epoch: number; value: number; std?: number }>;
}
