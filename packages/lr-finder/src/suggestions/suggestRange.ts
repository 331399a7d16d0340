import { describeValue } from '@onecycle/core-schedules';
import type { LrRange } from '@onecycle/core-schedules';
import { LrFinderError } from '../errors';
import type { SuggestionOptions } from './prepareCurve';
import { fallingPart, MIN_DROP } from './fallingPart';
import type { Verdict } from './fallingPart';
import { checkSuggestionOptions, prepareCurve } from './prepareCurve';

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
 * turns up, the min about max/10), or says why the curve gives none.
 *
 * The rule, on the smoothed curve after NaN-tail truncation and skipping:
 * 1. the curve must really fall: by at least `minDrop` (1%) of its first kept value, with its
 *    lowest point past the first window;
 * 2. `g[i]` = slope of loss vs log10(lr) across the window of `2h + 1` points centred on point
 *    `i` (`h` about a tenth of the kept points), for centres up to the lowest loss;
 * 3. `s` = the steepest (most negative) slope;
 * 4. from the steepest centre walk right while `g[i] <= fraction * s` (still falling at least
 *    `fraction` as fast); the last such centre is `j`;
 * 5. `max = lr[j]`, `min = max / div`.
 * So `max` is never the first kept point, lies at or before the lowest loss, and the smoothed
 * loss falls across the window around it.
 *
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses (a NaN tail is cut off).
 * @param opts - `skipStart` (10), `skipEnd` (5), `div` (10), `fraction` (0.5), `minDrop` (0.01).
 * @returns the range and no reason, or null and why there is none.
 * @throws LrFinderError on bad arrays, `div <= 1` or `fraction` outside (0, 1].
 */
export function rangeVerdict(lrs: readonly number[], losses: readonly number[], opts: RangeOptions = {}): Verdict<LrRange> {
  const checked = checkSuggestionOptions(opts, 'suggestRange', ['div', 'fraction']);
  const div: unknown = opts.div ?? 10;
  const fraction: unknown = opts.fraction ?? 0.5;
  if (typeof div !== 'number' || !Number.isFinite(div) || div <= 1) {
    throw new LrFinderError(`div must be a finite number > 1, got ${describeValue(div)}: it is max/min of the cycle`);
  }
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) {
    throw new LrFinderError(`fraction must be in (0, 1], got ${describeValue(fraction)}`);
  }
  const c = prepareCurve(lrs, losses, checked);
  const f = fallingPart(c, checked.minDrop ?? MIN_DROP);
  if (f.part === null) return { value: null, reason: f.reason };
  const { h, slopes, steepest } = f.part;
  const s = slopes[steepest] ?? 0;
  let j = steepest;
  while (j + 1 < slopes.length && (slopes[j + 1] ?? 0) <= fraction * s) j++;
  const max = c.lrs[j + h];
  if (max === undefined) return { value: null, reason: 'no point at the end of the falling part' };
  return { value: { min: max / div, max, div } };
}

/**
 * Suggests `{ min, max, div }` for a CLR/1cycle cycle: the peak `max` is the largest lr where the
 * smoothed loss still falls fast (see {@link rangeVerdict} for the rule and the reasons).
 *
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses (a NaN tail is cut off).
 * @param opts - `skipStart` (10), `skipEnd` (5), `div` (10), `fraction` (0.5), `minDrop` (0.01).
 * @returns the range, or null when the curve does not really fall.
 * @throws LrFinderError on bad arrays, `div <= 1` or `fraction` outside (0, 1].
 * @example
 * ```ts
 * const r = suggestRange(result.lrs, result.smoothLosses);
 * if (r) createSchedule({ kind: 'oneCycle', lrMax: r.max, div: r.div, totalSteps });
 * ```
 */
export function suggestRange(lrs: readonly number[], losses: readonly number[], opts: RangeOptions = {}): LrRange | null {
  return rangeVerdict(lrs, losses, opts).value;
}
