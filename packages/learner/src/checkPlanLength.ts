import { createSchedule, describeValue, rejectUnknownKeys, ScheduleError } from '@onecycle/core-schedules';
import { LR_FINDER_OPTION_NAMES, LrFinderError, resolveLrFinderOptions } from '@onecycle/lr-finder';
import type { LrFinderOptions } from '@onecycle/lr-finder';
import { LearnerOptionError } from './errors';
import type { FitPlan } from './fitPlan';

/**
 * Checks, before the first batch, that a fit's schedule is valid and long enough for every
 * batch of it (`numEpochs * batchesPerEpoch` steps), so a bad or short spec fails before any
 * training instead of in the middle of it.
 *
 * @param plan - the fit's plan
 * @throws LearnerOptionError naming the spec's problem or the two lengths
 */
export function checkPlanLength(plan: FitPlan, batchesPerEpoch: number): void {
  const steps = plan.numEpochs * batchesPerEpoch;
  if (!Number.isSafeInteger(steps)) throw new LearnerOptionError(`${plan.numEpochs} epochs of ${batchesPerEpoch} batches is ${steps} steps, more than a step counter can hold (2^53 - 1)`);
  let total: number | undefined;
  try {
    total = createSchedule(plan.spec).totalSteps;
  } catch (e) {
    if (e instanceof ScheduleError) throw new LearnerOptionError(`the schedule spec is invalid: ${e.message}`, { cause: e });
    throw e;
  }
  if (total !== undefined && total < steps) {
    throw new LearnerOptionError(
      `the schedule spec (kind '${plan.spec.kind}') covers ${total} steps but the fit runs ${steps} (${plan.numEpochs} epochs x ${batchesPerEpoch} batches): lengthen the spec or fit fewer epochs`,
    );
  }
}

/**
 * Checks the options of `learner.lrFind` (the LR finder's, plus `repeats`) as learner errors.
 *
 * @throws LearnerOptionError naming the option, the value and what is allowed
 */
export function checkLrFindOptions(opts: LrFinderOptions & { repeats?: number }): void {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw new LearnerOptionError(`lrFind options must be an object, got ${describeValue(opts)}`);
  rejectUnknownKeys(opts, [...LR_FINDER_OPTION_NAMES, 'repeats'], { what: 'an option of lrFind', listLabel: 'options' }, (m) => new LearnerOptionError(m));
  const { repeats, ...finder } = opts;
  if (repeats !== undefined && (typeof repeats !== 'number' || !Number.isSafeInteger(repeats) || repeats < 1)) {
    throw new LearnerOptionError(`repeats must be an integer >= 1, got ${describeValue(repeats)}`);
  }
  try {
    resolveLrFinderOptions(finder);
  } catch (e) {
    if (e instanceof LrFinderError) throw new LearnerOptionError(e.message, { cause: e });
    throw e;
  }
}
