import type { StepSchedule } from '@onecycle/core-schedules';

/** The numbers `onecycle schedule` prints about a schedule. */
export interface ScheduleSummary {
  /** Steps previewed. */
  steps: number;
  /** Highest LR over those steps. */
  peakLr: number;
  /** Lowest LR over those steps. */
  minLr: number;
  /** Lowest and highest momentum, when the schedule sets one. */
  mom: { min: number; max: number } | undefined;
  /** True when more than a million steps were sampled with a stride rather than every step. */
  approximate: boolean;
}

const EXACT_LIMIT = 1_000_000;

/**
 * Scans a schedule over `steps` steps (every step up to a million, an even stride beyond).
 *
 * @param steps - how many steps to scan
 * @returns the extremes of LR and momentum
 */
export function summarizeSchedule(schedule: StepSchedule, steps: number): ScheduleSummary {
  const stride = Math.max(1, Math.ceil(steps / EXACT_LIMIT));
  let peakLr = -Infinity;
  let minLr = Infinity;
  let momMin = Infinity;
  let momMax = -Infinity;
  const visit = (t: number): void => {
    const h = schedule.at(t);
    peakLr = Math.max(peakLr, h.lr);
    minLr = Math.min(minLr, h.lr);
    if (h.mom !== undefined) {
      momMin = Math.min(momMin, h.mom);
      momMax = Math.max(momMax, h.mom);
    }
  };
  for (let t = 0; t < steps; t += stride) visit(t);
  if ((steps - 1) % stride !== 0) visit(steps - 1);
  return { steps, peakLr, minLr, mom: momMin <= momMax ? { min: momMin, max: momMax } : undefined, approximate: stride > 1 };
}

/**
 * Six significant digits, without trailing zeros.
 *
 * @returns its short text
 */
export function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}
