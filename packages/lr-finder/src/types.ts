import type { LrRange } from './suggestions/suggestRange';

/**
 * All suggestions for one range-test curve, computed on the smoothed losses; each is null (with a
 * reason in `reasons`) when the curve does not support it.
 */
export interface Suggestions {
  /** {@link valley}. */
  valley: number | null;
  /** {@link slide}. */
  slide: number | null;
  /** {@link minimum}: lr at the lowest loss / 10. */
  minimum: number | null;
  /** {@link steep}: steepest descent. */
  steep: number | null;
  /** {@link suggestRange}: a CLR/1cycle range; `range.max` is the recommended 1cycle peak. */
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
  /** Why the test stopped: `'dataEnded'` when the data ran out before `numIt` (a dataset of unknown length). */
  stopReason: 'completed' | 'diverged' | 'nonFinite' | 'dataEnded';
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
