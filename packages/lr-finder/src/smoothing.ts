import { LrFinderError } from './errors';

/**
 * Debiased exponential moving average of the loss, as fastai (0.7 and v2) smooths the range-test
 * curve: `avg = beta*avg + (1-beta)*loss; smooth = avg / (1 - beta^n)` after `n` values.
 *
 * It also tracks the mean age of its weights ({@link DebiasedEma.meanAge}): the smoothed value
 * after `n` losses is a weighted mean of losses `meanAge` iterations old on average — 24 after 60
 * losses, `beta / (1 - beta)` = 49 once warmed up at 0.98. That is the lag of the smoothed
 * range-test curve behind the raw one: with 100 iterations from 1e-7 to 10, 2 to 4 decades of lr.
 *
 * @example
 * ```ts
 * const ema = new DebiasedEma(0.98);
 * ema.update(2); // 2 (the first value is returned unchanged)
 * ema.meanAge;   // 0
 * ```
 */
export class DebiasedEma {
  private avg = 0;
  private n = 0;
  // sum of beta^k and of k*beta^k over the ages k = 0..n-1 of the values seen
  private weight = 0;
  private ageWeight = 0;

  /**
   * @param beta - smoothing factor in [0, 1). @default 0.98
   * @throws LrFinderError when beta is not in [0, 1).
   */
  constructor(readonly beta = 0.98) {
    if (!(Number.isFinite(beta) && beta >= 0 && beta < 1)) {
      throw new LrFinderError(`beta must be a number in [0, 1), got ${beta}`);
    }
  }

  /**
   * Adds one loss.
   * @param loss - the new value (a non-finite value makes the average non-finite too).
   * @returns the debiased average.
   */
  update(loss: number): number {
    this.n += 1;
    this.avg = this.beta * this.avg + (1 - this.beta) * loss;
    this.ageWeight = this.beta * (this.ageWeight + this.weight);
    this.weight = 1 + this.beta * this.weight;
    return this.avg / (1 - this.beta ** this.n);
  }

  /** Weighted mean age, in iterations, of the values in the current average (0 before any). */
  get meanAge(): number {
    return this.weight === 0 ? 0 : this.ageWeight / this.weight;
  }
}
