import type { SuggestionOptions } from './prepare';
import { argMin, checkSuggestionOptions, isFlat, logSlopes, prepareCurve } from './prepare';

/**
 * fastai v2's `steep` suggestion: the learning rate where the loss falls fastest, i.e. the start
 * `lr[i]` of the segment with the most negative slope of loss against log(lr).
 *
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses (a NaN tail is cut off).
 * @param opts - `skipStart` (10) and `skipEnd` (5) points are left out first.
 * @returns the lr, or null when fewer than 2 points remain, the curve is flat or never falls.
 * @throws LrFinderError when the arrays differ in length or an lr is not positive.
 */
export function steep(lrs: readonly number[], losses: readonly number[], opts?: SuggestionOptions): number | null {
  const c = prepareCurve(lrs, losses, checkSuggestionOptions(opts, 'steep'));
  if (c.losses.length < 2 || isFlat(c.losses)) return null;
  const g = logSlopes(c.lrs, c.losses);
  const i = argMin(g);
  if (!((g[i] ?? 0) < 0)) return null;
  return c.lrs[i] ?? null;
}
