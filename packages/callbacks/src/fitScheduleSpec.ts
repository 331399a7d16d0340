import { createSchedule, parseScheduleSpec } from '@onecycle/core-schedules';
import type { ScheduleSpec, StepSchedule } from '@onecycle/core-schedules';
import { CallbackOptionError } from './errors';

/** The spec fields that give a schedule's length in batches. */
type LengthField = 'totalSteps' | 'stepsPerCycle' | 'tMax';

type OpenLength<S> = S extends unknown
  ? Omit<S, Extract<keyof S, LengthField>> & Partial<Pick<S, Extract<keyof S, LengthField>>>
  : never;

/**
 * A {@link ScheduleSpec} whose length (`totalSteps`, `stepsPerCycle` or `tMax`) may be left out:
 * `scheduleCallback` fills it in from the fit's own numbers at `onTrainBegin`.
 */
export type FitScheduleSpec = OpenLength<ScheduleSpec>;

const LENGTH_FIELD: Partial<Record<ScheduleSpec['kind'], LengthField>> = {
  oneCycle: 'totalSteps',
  torchOneCycle: 'totalSteps',
  phases: 'totalSteps',
  fastaiClrBeta: 'stepsPerCycle',
  fastaiClr: 'stepsPerCycle',
  fastaiSgdr: 'stepsPerCycle',
  torchCosineAnnealing: 'tMax',
};

/** What the fit looks like, for the spec's length and the error messages. */
export interface FitSize {
  /** Batches of the whole fit, when tfjs can know them. */
  totalBatches: number | undefined;
  /** How the count came about, e.g. `3 epochs x 15 batches`. */
  description: string;
}

/**
 * Fills in a spec's left-out length with the fit's batch count and compiles it; refuses a spec
 * that is shorter than the fit, or a left-out length when the fit's length is unknown.
 * @param fit - the fit's size
 * @returns the compiled schedule
 * @throws CallbackOptionError naming the field and the fix; ScheduleError for a bad spec
 */
export function fitSchedule(spec: FitScheduleSpec, fit: FitSize): StepSchedule {
  const field = LENGTH_FIELD[spec.kind];
  const given: unknown = field === undefined ? undefined : Reflect.get(spec, field);
  const total = fit.totalBatches;
  let full: ScheduleSpec;
  if (field !== undefined && given === undefined) {
    if (total === undefined) {
      throw new CallbackOptionError(
        `scheduleCallback cannot fill in ${field}: the fit's length is unknown (${fit.description}); ` +
          `pass batchesPerEpoch to model.fitDataset, or give ${field} in the spec`,
      );
    }
    full = parseScheduleSpec({ ...spec, [field]: total });
  } else {
    full = parseScheduleSpec(spec);
  }
  const schedule = createSchedule(full);
  if (schedule.totalSteps !== undefined && total !== undefined && schedule.totalSteps < total) {
    throw new CallbackOptionError(
      `the ${spec.kind} schedule has ${field ?? 'totalSteps'} = ${schedule.totalSteps} but this fit runs ${total} batches (${fit.description}): ` +
        `leave ${field ?? 'totalSteps'} out so scheduleCallback fills it in, or set it to ${total}`,
    );
  }
  return schedule;
}

/**
 * Checks a spec before any fit: every field but a left-out length is validated now.
 * @throws ScheduleError for a bad spec
 */
export function checkFitScheduleSpec(spec: FitScheduleSpec): void {
  const field = LENGTH_FIELD[spec.kind];
  const given: unknown = field === undefined ? undefined : Reflect.get(spec, field);
  createSchedule(parseScheduleSpec(field !== undefined && given === undefined ? { ...spec, [field]: 100 } : spec));
}
