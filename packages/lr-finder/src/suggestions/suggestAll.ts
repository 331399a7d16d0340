import type { Suggestions } from '@onecycle/core-schedules';
import { minimum } from './minimum';
import type { SuggestionOptions } from './prepare';
import { slide } from './slide';
import { steep } from './steep';
import { suggestRange } from './suggestRange';
import { valley } from './valley';

/**
 * Computes every suggestion for one curve.
 *
 * @param lrs - learning rates.
 * @param losses - smoothed losses.
 * @param opts - `skipStart` (10) / `skipEnd` (5).
 * @returns valley, slide, minimum, steep and range (each may be null).
 */
export function suggestAll(lrs: readonly number[], losses: readonly number[], opts?: SuggestionOptions): Suggestions {
  return {
    valley: valley(lrs, losses, opts),
    slide: slide(lrs, losses, opts),
    minimum: minimum(lrs, losses, opts),
    steep: steep(lrs, losses, opts),
    range: suggestRange(lrs, losses, opts),
  };
}
