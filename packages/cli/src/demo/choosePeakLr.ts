import type { Suggestions } from '@onecycle/lr-finder';

/**
 * Picks the 1cycle peak LR from the LR finder's suggestions with the project's one rule:
 * `range.max` — the largest LR at which the smoothed loss still falls fast before it turns up
 * (Smith, 2018, sec. 4.1) — and `valley` when the curve gives no range; 0.1 when it gives neither.
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
  if (s.valley !== null && s.valley > 0) return { lr: s.valley, why: `no range (${s.reasons?.range ?? 'none'}): valley` };
  return { lr: 0.1, why: 'the finder gave no suggestion: default 0.1' };
}
