import type { SuggestionOptions } from './prepareCurve';
import { describeValue } from '@onecycle/core-schedules';
import { LrFinderError } from '../errors';
import { checkSuggestionOptions, isFlat, prepareCurve } from './prepareCurve';

/** Options of {@link slide}. */
export interface SlideOptions extends SuggestionOptions {
  /** Distance in points between the two gradients compared. @default 15 */
  lrDiff?: number;
  /** Largest gradient difference that counts as "flat". @default 0.005 */
  thresh?: number;
  /** Factor applied to the lr found. @default 1 */
  adjustValue?: number;
}

/** numpy.gradient with unit spacing: central differences inside, one-sided at the ends. */
function gradient(y: readonly number[]): number[] {
  const n = y.length;
  return y.map((_, i) => {
    if (i === 0) return (y[1] ?? 0) - (y[0] ?? 0);
    if (i === n - 1) return (y[n - 1] ?? 0) - (y[n - 2] ?? 0);
    return ((y[i + 1] ?? 0) - (y[i - 1] ?? 0)) / 2;
  });
}

/**
 * fastai v2's `slide` suggestion (interval slide rule): starting at the end of the curve, slide a
 * window of `lrDiff` points to the left while the loss gradient (per point) at its two ends differs
 * by more than `thresh`; return the lr at the window's left end (times `adjustValue`).
 *
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses (a NaN tail is cut off).
 * @param opts - `skipStart` (10), `skipEnd` (5), `lrDiff` (15), `thresh` (0.005), `adjustValue` (1).
 * @returns the lr, or null when no more than `lrDiff` points remain or the curve is flat.
 * @throws LrFinderError when the arrays differ in length or an lr is not positive.
 */
export function slide(lrs: readonly number[], losses: readonly number[], opts: SlideOptions = {}): number | null {
  const { lrs: x, losses: y } = prepareCurve(lrs, losses, checkSuggestionOptions(opts, 'slide', ['lrDiff', 'thresh', 'adjustValue']));
  const lrDiff = opts.lrDiff ?? 15;
  const thresh = opts.thresh ?? 0.005;
  const adjust = opts.adjustValue ?? 1;
  if (typeof lrDiff !== 'number' || !Number.isSafeInteger(lrDiff) || lrDiff < 1) throw new LrFinderError(`lrDiff must be an integer >= 1, got ${describeValue(lrDiff)}`);
  if (typeof thresh !== 'number' || !Number.isFinite(thresh) || thresh < 0) throw new LrFinderError(`thresh must be a finite number >= 0, got ${describeValue(thresh)}`);
  if (typeof adjust !== 'number' || !Number.isFinite(adjust) || adjust <= 0) throw new LrFinderError(`adjustValue must be a finite number > 0, got ${describeValue(adjust)}`);
  const n = y.length;
  if (n <= lrDiff || isFlat(y)) return null;
  const g = gradient(y);
  let r = n - 1;
  let l = r - lrDiff;
  let found = x[l] ?? 0;
  while (l >= 0 && Math.abs((g[r] ?? 0) - (g[l] ?? 0)) > thresh) {
    found = x[l] ?? found;
    r -= 1;
    l -= 1;
  }
  return found * adjust;
}
