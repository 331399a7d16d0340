import type { SuggestionOptions } from './prepareCurve';
import { argMin, checkSuggestionOptions, isFlat, prepareCurve } from './prepareCurve';

/**
 * fastai v2's `minimum` suggestion: the learning rate at the lowest loss, divided by 10.
 *
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses, one per iteration (a NaN tail is cut off).
 * @param opts - `skipStart` (10) and `skipEnd` (5) points are left out first.
 * @returns `lr[argmin(loss)] / 10`, or null when fewer than 2 points remain or the curve is flat.
 * @throws LrFinderError when the arrays differ in length or an lr is not positive.
 */
export function minimum(lrs: readonly number[], losses: readonly number[], opts?: SuggestionOptions): number | null {
  const c = prepareCurve(lrs, losses, checkSuggestionOptions(opts, 'minimum'));
  if (c.losses.length < 2 || isFlat(c.losses)) return null;
  const lr = c.lrs[argMin(c.losses)];
  return lr === undefined ? null : lr / 10;
}
