import type { Suggestions } from '@onecycle/core-schedules';
import { minimum } from './minimum';
import type { SuggestionOptions } from './prepareCurve';
import { slide } from './slide';
import { steepVerdict } from './steep';
import { rangeVerdict } from './suggestRange';
import { valley } from './valley';

/**
 * Computes every suggestion for one curve, and why any is missing. Suggestions are pure
 * functions of `(lrs, losses)`: the finder passes its smoothed losses (`result.smoothLosses`),
 * so `result.suggestions` equals `suggestAll(result.lrs, result.smoothLosses)`.
 *
 * @param lrs - learning rates.
 * @param losses - smoothed losses.
 * @param opts - `skipStart` (10) / `skipEnd` (5) / `minDrop` (0.01).
 * @returns valley, slide, minimum, steep and range (each may be null), and `reasons` for the null ones.
 */
export function suggestAll(lrs: readonly number[], losses: readonly number[], opts?: SuggestionOptions): Suggestions {
  const st = steepVerdict(lrs, losses, opts);
  const range = rangeVerdict(lrs, losses, opts);
  const out: Suggestions = {
    valley: valley(lrs, losses, opts),
    slide: slide(lrs, losses, opts),
    minimum: minimum(lrs, losses, opts),
    steep: st.value,
    range: range.value,
  };
  const reasons: NonNullable<Suggestions['reasons']> = {};
  const generic = 'too few points, a flat curve or one that never falls';
  if (out.valley === null) reasons.valley = generic;
  if (out.slide === null) reasons.slide = generic;
  if (out.minimum === null) reasons.minimum = generic;
  if (st.reason !== undefined) reasons.steep = st.reason;
  if (range.reason !== undefined) reasons.range = range.reason;
  if (Object.keys(reasons).length > 0) out.reasons = reasons;
  return out;
}
