import { describeValue } from '@onecycle/core-schedules';
import type { LrRange } from '@onecycle/core-schedules';
import { LrFinderError } from '../errors';
import type { SuggestionOptions } from './prepare';
import { argMin, checkSuggestionOptions, isFlat, logSlopes, prepareCurve } from './prepare';

/** Options of {@link suggestRange}. */
export interface RangeOptions extends SuggestionOptions {
  /** Ratio max/min of the suggested cycle (Smith, 1cycle: "min about max/10"). @default 10 */
  div?: number;
  /**
   * A segment counts as "still falling fast" while its slope (loss vs log10 lr) is at least this
   * fraction of the steepest slope. @default 0.5
   */
  fraction?: number;
}

/**
 * Suggests `{ min, max, div }` for a CLR/1cycle cycle from a range-test curve (Leslie Smith,
 * arXiv 1506.01186 §3.3 and 1803.09820 §4.1: the max is where the loss still falls fast before it
 * turns up, the min about max/10).
 *
 * The rule, on the curve after NaN-tail truncation and skipping:
 * 1. `g[i]` = slope of loss vs log10(lr) between points i and i+1, only up to the lowest loss;
 * 2. `s` = the steepest (most negative) slope; if none is negative there is no range (null);
 * 3. from the steepest segment walk right while `g[i] <= fraction * s` (still falling at least
 *    `fraction` as fast); the last such segment ends at point `j`;
 * 4. `max = lr[j]`, `min = max / div`.
 *
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses (a NaN tail is cut off).
 * @param opts - `skipStart` (10), `skipEnd` (5), `div` (10), `fraction` (0.5).
 * @returns the range, or null when fewer than 3 points remain, the curve is flat or never falls.
 * @throws LrFinderError on bad arrays, `div <= 1` or `fraction` outside (0, 1].
 * @example
 * ```ts
 * const r = suggestRange(result.lrs, result.smoothLosses);
 * if (r) createSchedule({ kind: 'oneCycle', lrMax: r.max, div: r.div, totalSteps });
 * ```
 */
export function suggestRange(lrs: readonly number[], losses: readonly number[], opts: RangeOptions = {}): LrRange | null {
  const skips = checkSuggestionOptions(opts, 'suggestRange', ['div', 'fraction']);
  const div: unknown = opts.div ?? 10;
  const fraction: unknown = opts.fraction ?? 0.5;
  if (typeof div !== 'number' || !Number.isFinite(div) || div <= 1) {
    throw new LrFinderError(`div must be a finite number > 1, got ${describeValue(div)}: it is max/min of the cycle`);
  }
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) {
    throw new LrFinderError(`fraction must be in (0, 1], got ${describeValue(fraction)}`);
  }
  const c = prepareCurve(lrs, losses, skips);
  if (c.losses.length < 3 || isFlat(c.losses)) return null;
  const last = argMin(c.losses);
  const g = logSlopes(c.lrs.slice(0, last + 1), c.losses.slice(0, last + 1));
  if (g.length === 0) return null;
  const k = argMin(g);
  const s = g[k] ?? 0;
  if (!(s < 0)) return null;
  let j = k;
  while (j + 1 < g.length && (g[j + 1] ?? 0) <= fraction * s) j++;
  const max = c.lrs[j + 1];
  if (max === undefined) return null;
  return { min: max / div, max, div };
}
