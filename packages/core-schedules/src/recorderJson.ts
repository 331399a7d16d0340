// The plain-data records of a training run and of an LR range test. They are the one definition
// shared by the packages that write them (callbacks' Recorder, the LR finder) and those that read
// them (viz's charts, the Learner's checkpoints, the CLI's files), so they live here, in the package
// every other one depends on.

/** One batch of a training run, as the Recorder keeps it. */
export interface RecordedBatch {
  /** Global 0-based batch index. */
  iteration: number;
  /** 0-based epoch. */
  epoch: number;
  /** Learning rate used for this batch. */
  lr: number;
  /** Momentum (or Adam's beta1) used, when the optimizer has one. */
  mom?: number;
  /** Weight decay used, when the optimizer has one. */
  wd?: number;
  /** Raw training loss of the batch. */
  loss: number;
  /** Debiased EMA (beta 0.98) of the losses so far, as fastai's Recorder keeps it. */
  smoothLoss: number;
}

/** One epoch of a training run, as the Recorder keeps it. */
export interface RecordedEpoch {
  /** 0-based epoch. */
  epoch: number;
  /** Batches done so far (the x position of this epoch's validation loss). */
  iteration: number;
  /**
   * Smoothed training loss at the end of the epoch (fastai's `train_loss`); null when no batch of
   * the run has reported a loss (the Recorder warns once through the bus when that happens).
   */
  trainLoss: number | null;
  /** Validation loss at the end of the epoch, when there was validation. */
  validLoss?: number;
  /** Metrics at the end of the epoch, by name. */
  metrics: Record<string, number>;
  /** Wall-clock seconds the epoch took. */
  seconds: number;
}

/** What `Recorder.toJSON()` returns: plain, versioned data for charts and files. */
export interface RecorderJSON {
  /** Format version. */
  version: 1;
  /** One entry per trained batch. */
  batches: RecordedBatch[];
  /** One entry per epoch. */
  epochs: RecordedEpoch[];
}

/** An LR range for one CLR or 1cycle cycle. */
export interface LrRange {
  /** The low end of the cycle, `max / div`. */
  min: number;
  /** The peak lr. */
  max: number;
  /** `max / min`. */
  div: number;
}

/**
 * All suggestions for one range-test curve, computed on the smoothed losses; each is null (with a
 * reason in `reasons`) when the curve does not support it.
 */
export interface Suggestions {
  /** fastai's `valley`: the middle of the longest falling stretch. */
  valley: number | null;
  /** fastai's `slide`: where the loss stops falling, found by a sliding window. */
  slide: number | null;
  /** The lr at the lowest loss, divided by 10 (fastai's `minimum`). */
  minimum: number | null;
  /** The steepest descent (fastai's `steep`). */
  steep: number | null;
  /** A CLR / 1cycle range; `range.max` is the recommended 1cycle peak. */
  range: LrRange | null;
  /** Why each null suggestion is null (absent when every suggestion was given). */
  reasons?: Partial<Record<SuggestionName | 'range', string>>;
}

/** Names of the point suggestions. */
export type SuggestionName = 'valley' | 'slide' | 'minimum' | 'steep';

/** Spread of one suggestion over repeated runs. */
export interface SuggestionSpread {
  /** Median over the runs that gave a value. */
  median: number | null;
  /** Smallest value. */
  min: number | null;
  /** Largest value. */
  max: number | null;
}

/** Per-lr statistics of repeated range tests. */
export interface RepeatsSummary {
  /** Number of runs. */
  n: number;
  /** The lr grid (same for every run). */
  lrs: number[];
  /** Per-lr median of the smoothed loss over all runs; NaN from the first lr a run did not reach (finite). */
  median: number[];
  /** Per-lr minimum of the smoothed loss. */
  low: number[];
  /** Per-lr maximum of the smoothed loss. */
  high: number[];
  /** Spread of each suggestion over the runs (null where no run gave one). */
  suggestionSpread: Record<SuggestionName, SuggestionSpread>;
}

/** The outcome of an LR range test. */
export interface LrFindResult {
  /** lr used at each iteration. */
  lrs: number[];
  /** Raw training loss of each iteration. */
  losses: number[];
  /** Debiased EMA (beta 0.98) of the losses. */
  smoothLosses: number[];
  /** Loss on one validation batch after each step (with `validLoss: true`). */
  validLosses?: number[];
  /**
   * Why the test stopped: all `numIt` iterations ran, the smoothed loss diverged or became
   * non-finite, or something else ended the training early (a cancel error, `stopTraining` set by
   * another callback, a fit too short) — `iterations` says how far it got; `'dataEnded'` when the
   * data ran out before `numIt` (a dataset of unknown length).
   */
  stopReason: 'completed' | 'diverged' | 'nonFinite' | 'cancelled' | 'dataEnded';
  /** Iterations run. */
  iterations: number;
  /** LR spacing used. */
  mode: 'exp' | 'linear';
  /** Points left out at the start by the suggestions. */
  skipStart: number;
  /** Points left out at the end by the suggestions. */
  skipEnd: number;
  /** `suggestAll(lrs, smoothLosses)`: computed on the smoothed losses (with repeats, on their per-lr median). */
  suggestions: Suggestions;
  /** Present when the test was repeated. */
  repeats?: RepeatsSummary;
}

/** One range test per value of momentum or weight decay (Smith's sweeps, arXiv 1803.09820). */
export interface SweepResult {
  /** The hyper-parameter varied. */
  param: 'mom' | 'wd';
  /** One range test per value, in the order given. */
  runs: Array<{ value: number; result: LrFindResult }>;
}
