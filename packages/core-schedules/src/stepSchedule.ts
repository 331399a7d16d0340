import type { ScheduleSpec } from './scheduleSpec';

/**
 * The hyper-parameters for one batch.
 *
 * `mom` is the momentum of SGD, or `beta1` of Adam-type optimizers; it is absent when the
 * schedule does not set it. `wd` is the weight decay, absent when the spec has no `wd`.
 */
export interface Hyper {
  /** Learning rate. */
  lr: number;
  /** Momentum, or Adam's beta1. */
  mom?: number;
  /** Weight decay. */
  wd?: number;
}

/** One point of a sampled schedule, for plots (see `sampleSchedule`). */
export interface SamplePoint {
  /** 0-based global batch index. */
  step: number;
  /** Learning rate at `step`. */
  lr: number;
  /** Momentum (or beta1) at `step`, when the schedule sets it. */
  mom?: number;
  /** Weight decay at `step`, when the schedule sets it. */
  wd?: number;
}

/** A schedule compiled from a {@link ScheduleSpec}: a pure function of the global batch index. */
export interface StepSchedule {
  /** The spec with every default filled in; `createSchedule(s.spec)` gives the same values. */
  readonly spec: ScheduleSpec;
  /** Number of steps, or `undefined` for open-ended (cyclic, constant, decaying) kinds. */
  readonly totalSteps: number | undefined;
  /**
   * The hyper-parameters for the batch with 0-based global index `step`.
   * @param step - an integer >= 0, and < `totalSteps` for bounded kinds.
   * @returns a fresh `Hyper` object.
   * @throws ScheduleError when `step` is negative, fractional, not finite or past the end.
   */
  at(step: number): Hyper;
  /**
   * Steps where a phase or cycle starts (the first integer step at or after the start, since
   * PyTorch's phase ends are floats), sorted, with `0 < b < (totalSteps ?? until)`; for chart rules.
   * @param until - the end for open-ended kinds (ignored when `totalSteps` is set).
   * @returns the boundaries; `[]` for an open-ended kind when `until` is not given.
   */
  boundaries(until?: number): number[];
  /** The nominal maximum learning rate of the schedule (used by `wdSchedule: 'followLr'` and charts). */
  readonly peakLr: number;
}
