import { fallingPart, MIN_DROP } from './fallingPart';
import type { Verdict } from './fallingPart';
import type { SuggestionOptions } from './prepareCurve';
import { checkSuggestionOptions, prepareCurve } from './prepareCurve';

/**
 * fastai v2's `steep` suggestion, made robust: the learning rate where the loss falls fastest.
 * The slope of loss against log10(lr) is taken across a window of `2h + 1` kept points (`h` about
 * a tenth of them) rather than between neighbours, and only up to the lowest loss, so a
 * noisy first pair cannot win: the point returned is a window's centre, never the first kept
 * point, and the loss falls across its window.
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses (a NaN tail is cut off).
 * @param opts - `skipStart` (10), `skipEnd` (5), `minDrop` (0.01).
 * @returns the lr and no reason, or null and why there is none.
 * @throws LrFinderError when the arrays differ in length or an lr is not positive.
 */
export function steepVerdict(lrs: readonly number[], losses: readonly number[], opts: SuggestionOptions = {}): Verdict<number> {
  const checked = checkSuggestionOptions(opts, 'steep');
  const c = prepareCurve(lrs, losses, checked);
  const f = fallingPart(c, checked.minDrop ?? MIN_DROP);
  if (f.part === null) return { value: null, reason: f.reason };
  const lr = c.lrs[f.part.steepest + f.part.h];
  return lr === undefined ? { value: null, reason: 'no point at the steepest window' } : { value: lr };
}

/**
 * fastai v2's `steep` suggestion: the lr where the smoothed loss falls fastest (see
 * {@link steepVerdict} for the rule and for why a suggestion is missing).
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses (a NaN tail is cut off).
 * @param opts - `skipStart` (10), `skipEnd` (5), `minDrop` (0.01).
 * @returns the lr, or null when the curve does not really fall.
 * @throws LrFinderError when the arrays differ in length or an lr is not positive.
 */
export function steep(lrs: readonly number[], losses: readonly number[], opts?: SuggestionOptions): number | null {
  return steepVerdict(lrs, losses, opts).value;
}
