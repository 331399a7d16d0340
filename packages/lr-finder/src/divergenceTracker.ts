/** What {@link DivergenceTracker.check} decided. */
export type DivergenceVerdict = 'ok' | 'diverged' | 'nonFinite';

/**
 * The stop rule of fastai 0.7's `LR_Finder`: stop when the smoothed loss is not finite, or when it
 * exceeds `factor` times the best smoothed loss; the best is only tracked from iteration `warmup`
 * on (fastai 0.7: after 10 iterations), so the noisy start cannot set a best that is too low.
 *
 * @example
 * ```ts
 * const d = new DivergenceTracker(4, 10);
 * d.check(0, 2.3); // 'ok'
 * ```
 */
export class DivergenceTracker {
  /** Best smoothed loss seen from iteration `warmup` on. */
  best = Infinity;

  /**
   * @param factor - divergence factor. @default 4
   * @param warmup - first 0-based iteration whose loss may become the best. @default 10
   */
  constructor(readonly factor = 4, readonly warmup = 10) {}

  /**
   * @param iteration - 0-based iteration.
   * @param smooth - smoothed loss after it.
   * @returns 'nonFinite', 'diverged' or 'ok'.
   */
  check(iteration: number, smooth: number): DivergenceVerdict {
    if (!Number.isFinite(smooth)) return 'nonFinite';
    if (smooth > this.factor * this.best) return 'diverged';
    if (iteration >= this.warmup && smooth < this.best) this.best = smooth;
    return 'ok';
  }
}
