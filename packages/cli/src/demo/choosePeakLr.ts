import type { Suggestions } from '@onecycle/lr-finder';

/**
 * Picks the 1cycle peak LR from the LR finder's suggestions, following Smith (2018, sec. 4.1):
 * the maximum LR is the largest value at which the loss still falls fast before it turns up —
 * `suggestRange`'s `max`. When the curve gives no range, `steep` (start of the steepest fall)
 * times 3, then `valley` times 10, then 0.1.
 *
 * @param s - the suggestions of `lrFind`
 * @returns the LR and a short reason, for the output and summary
 * @example
 * ```ts
 * const { lr, why } = choosePeakLr((await learner.lrFind()).suggestions);
 * ```
 */
export function choosePeakLr(s: Suggestions): { lr: number; why: string } {
  if (s.range !== null && Number.isFinite(s.range.max) && s.range.max > 0) {
    return { lr: s.range.max, why: "lr_find range max: the largest LR where the loss still falls fast (Smith's rule)" };
  }
  if (s.steep !== null && s.steep > 0) return { lr: 3 * s.steep, why: 'no range: 3 x steep' };
  if (s.valley !== null && s.valley > 0) return { lr: 10 * s.valley, why: 'no range or steep: 10 x valley' };
  return { lr: 0.1, why: 'the finder gave no suggestion: default 0.1' };
}
