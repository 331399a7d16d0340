import type { SuggestionOptions } from './prepareCurve';
import { checkSuggestionOptions, isFlat, prepareCurve } from './prepareCurve';

/**
 * fastai v2's `valley` suggestion (2021, by ESRI's "valley" heuristic): find the longest
 * strictly decreasing sequence of losses (dynamic programming over all earlier points, ending
 * at `end`, of length `len`), let `start = end - len` as fastai does, and return the lr at
 * `start + floor((end-start)/3) + floor((end-start)/6)` — about halfway down the valley.
 *
 * @param lrs - learning rates, one per iteration.
 * @param losses - smoothed losses (a NaN tail is cut off).
 * @param opts - `skipStart` (10) and `skipEnd` (5) points are left out first.
 * @returns the lr, or null when fewer than 3 points remain, the curve is flat or the longest
 * decreasing sequence is shorter than 3 points.
 * @throws LrFinderError when the arrays differ in length or an lr is not positive.
 */
export function valley(lrs: readonly number[], losses: readonly number[], opts?: SuggestionOptions): number | null {
  const { lrs: x, losses: y } = prepareCurve(lrs, losses, checkSuggestionOptions(opts, 'valley'));
  const n = y.length;
  if (n < 3 || isFlat(y)) return null;
  const lds = new Array<number>(n).fill(1);
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    const yi = y[i] ?? 0;
    for (let j = 0; j < i; j++) {
      if (yi < (y[j] ?? 0) && (lds[i] ?? 1) < (lds[j] ?? 1) + 1) lds[i] = (lds[j] ?? 1) + 1;
    }
    if ((lds[maxEnd] ?? 1) < (lds[i] ?? 1)) maxEnd = i;
  }
  const len = lds[maxEnd] ?? 1;
  if (len < 3) return null;
  const maxStart = maxEnd - len;
  const sections = (maxEnd - maxStart) / 3;
  const idx = Math.max(0, maxStart + Math.floor(sections) + Math.floor(sections / 2));
  return x[idx] ?? null;
}
