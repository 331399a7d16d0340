/**
 * Debiased exponential moving average of the loss, as fastai (0.7 and v2) smooths the range-test
 * curve: `avg = beta*avg + (1-beta)*loss; smooth = avg / (1 - beta^n)` after `n` values.
 *
 * @example
 * ```ts
 * const ema = new DebiasedEma(0.98);
 * ema.update(2); // 2 (the first value is returned unchanged)
 * ```
 */
export class DebiasedEma {
  private avg = 0;
  private n = 0;

  /** @param beta - smoothing factor in [0, 1). @default 0.98 */
  constructor(readonly beta = 0.98) {}

  /**
   * Adds one loss.
   * @param loss - the new value (a non-finite value makes the average non-finite too).
   * @returns the debiased average.
   */
  update(loss: number): number {
    this.n += 1;
    this.avg = this.beta * this.avg + (1 - this.beta) * loss;
    return this.avg / (1 - this.beta ** this.n);
  }
}
