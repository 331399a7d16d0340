import type { RecorderJSON, SamplePoint, ScheduleSpecLike, StepScheduleLike } from './stepScheduleLike';
import { VizError } from './errors';
import { describeValue } from '@onecycle/core-schedules';

/** What {@link scheduleChart} accepts. */
export type ScheduleInput = StepScheduleLike | ScheduleSpecLike | readonly SamplePoint[] | RecorderJSON;

/** Options that decide how a schedule input turns into points. */
export interface SchedulePointsOptions {
  /** Steps to draw for a schedule; required when `totalSteps` is undefined. @default schedule.totalSteps */
  steps?: number;
  /**
   * core-schedules' `createSchedule`, needed only when a plain spec is passed (viz does not
   * evaluate specs itself). Declared as a method so that function, typed for the full
   * `ScheduleSpec` union, fits.
   */
  createSchedule?(spec: ScheduleSpecLike): StepScheduleLike;
}

/** Points and phase boundaries taken from a schedule input. */
export interface SchedulePoints {
  points: SamplePoint[];
  boundaries: number[];
}

function isSchedule(input: ScheduleInput): input is StepScheduleLike {
  return 'at' in input && typeof input.at === 'function';
}

function isRecorder(input: ScheduleInput): input is RecorderJSON {
  return 'batches' in input && Array.isArray(input.batches);
}

/**
 * Turns any {@link ScheduleInput} into `{ step, lr, mom?, wd? }` points (one per step for a
 * schedule of up to 200,000 steps; longer ones on an even grid plus the steps around each
 * boundary) plus the phase boundaries a schedule reports.
 * @param input - a StepSchedule, a spec (with `opts.createSchedule`), sample points or Recorder JSON.
 * @param opts - see {@link SchedulePointsOptions}.
 * @returns the points sorted by step and the boundaries inside the drawn range.
 */
export function schedulePoints(input: ScheduleInput, opts: SchedulePointsOptions = {}): SchedulePoints {
  if (typeof input !== 'object' || input === null) {
    throw new VizError(`scheduleChart input must be a StepSchedule, a schedule spec, an array of { step, lr, mom?, wd? } or a Recorder JSON, got ${describeValue(input)}`);
  }
  if (Array.isArray(input)) return { points: checkPoints(input, 'points'), boundaries: [] };
  if (isRecorder(input)) {
    const points = input.batches.map((b) => toPoint(b.iteration, b.lr, b.mom, b.wd));
    return { points: checkPoints(points, 'recorder.batches'), boundaries: [] };
  }
  if (isSchedule(input)) return fromSchedule(input, opts.steps);
  if ('kind' in input && typeof input.kind === 'string') {
    if (opts.createSchedule === undefined) {
      throw new VizError(`scheduleChart got a plain spec (kind '${input.kind}') but no opts.createSchedule: viz does not evaluate specs itself; pass createSchedule from @onecycle/core-schedules, or pass a StepSchedule`);
    }
    return fromSchedule(opts.createSchedule(input), opts.steps);
  }
  throw new VizError('scheduleChart input must be a StepSchedule, a schedule spec, an array of { step, lr, mom?, wd? } or a Recorder JSON');
}

function fromSchedule(s: StepScheduleLike, stepsOpt: number | undefined): SchedulePoints {
  const steps = stepsOpt ?? s.totalSteps;
  if (steps === undefined) {
    throw new VizError(`opts.steps is required for the open-ended schedule '${s.spec.kind}' (its totalSteps is undefined): say how many steps to draw`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new VizError(`opts.steps must be a positive integer, got ${String(steps)}`);
  }
  const boundaries = (s.boundaries?.(steps) ?? []).filter((b) => b > 0 && b < steps);
  const points: SamplePoint[] = [];
  for (const step of stepsToEvaluate(steps, boundaries)) {
    const h = s.at(step);
    points.push(toPoint(step, h.lr, h.mom, h.wd));
  }
  return { points: checkPoints(points, 'schedule'), boundaries };
}

/** Schedules longer than this are evaluated on an even grid plus the steps around each boundary. */
export const MAX_EVALUATED_STEPS = 200_000;

/**
 * Every step when there are at most {@link MAX_EVALUATED_STEPS}; else an even grid of that many
 * steps plus each boundary and its neighbours (where phase peaks and restarts sit), and the last step.
 */
function stepsToEvaluate(steps: number, boundaries: number[]): number[] {
  if (steps <= MAX_EVALUATED_STEPS) return Array.from({ length: steps }, (_, i) => i);
  const set = new Set<number>();
  for (let i = 0; i < MAX_EVALUATED_STEPS; i++) set.add(Math.floor((i * (steps - 1)) / (MAX_EVALUATED_STEPS - 1)));
  for (const b of boundaries) for (const s of [b - 1, b, b + 1]) if (s >= 0 && s < steps) set.add(s);
  return [...set].sort((a, b) => a - b);
}

function toPoint(step: number, lr: number, mom: number | undefined, wd: number | undefined): SamplePoint {
  const p: SamplePoint = { step, lr };
  if (mom !== undefined) p.mom = mom;
  if (wd !== undefined) p.wd = wd;
  return p;
}

function checkPoints(points: readonly SamplePoint[], what: string): SamplePoint[] {
  if (points.length === 0) throw new VizError(`${what} is empty: there is nothing to draw`);
  points.forEach((p, i) => {
    if (!Number.isFinite(p.step) || !Number.isFinite(p.lr)) {
      throw new VizError(`${what}[${i}] has step ${String(p.step)} and lr ${String(p.lr)}: both must be finite numbers`);
    }
  });
  return [...points].sort((a, b) => a.step - b.step);
}
