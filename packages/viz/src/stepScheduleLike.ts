// viz draws plain data. The records it reads (a Recorder's JSON, an LR range test's result) are
// the ones defined in core-schedules; schedules are taken structurally, so any object with `at`
// and `totalSteps` can be drawn.
import type { Hyper, LrFindResult, Suggestions, SweepResult } from '@onecycle/core-schedules';

export type {
  LrFindResult, RecordedBatch, RecordedEpoch, RecorderJSON, SamplePoint, Suggestions, SuggestionSpread, SweepResult,
} from '@onecycle/core-schedules';

/** Hyper-parameters at one step, as returned by a schedule's `at(step)` (core-schedules' `Hyper`). */
export type HyperLike = Hyper;

/** An LR range test's result, as `lrFinderChart` draws it (lr-finder's `LrFindResult`). */
export type LrFindResultLike = LrFindResult;

/** lr-finder's `Suggestions`. */
export type SuggestionsLike = Suggestions;

/** lr-finder's `SweepResult`. */
export type SweepResultLike = SweepResult;

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

/** One named run for {@link compareChart}. */
export interface CompareRun {
  /** Legend label of the run. */
  name: string;
  /** The metric per epoch; `std` draws a ±std band around the mean. */
  points: Array<{ epoch: number; value: number; std?: number }>;
}
