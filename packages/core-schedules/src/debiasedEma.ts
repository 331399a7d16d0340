import { ScheduleError } from './errors';

/**
 * The project's one debiased exponential moving average, as fastai (0.7 and v2) smooths the
 * training loss and the range-test curve: `avg = beta*avg + (1-beta)*x; smooth = avg / (1 - beta^n)`
 * after `n` values.
 *
 * It also tracks the mean age of its weights ({@link DebiasedEma.meanAge}): the smoothed value
 * after `n` values is a weighted mean of values `meanAge` iterations old on average — 24 after 60
 * values, `beta / (1 - beta)` = 49 once warmed up at 0.98. That is the lag of a smoothed
 * range-test curve behind the raw one.
 *
 * @example
 * ```ts
 * const ema = new DebiasedEma(0.98);
 * ema.update(2); // 2 (the first value is returned unchanged)
 * ema.meanAge;   // 0
 * ```
 */
export class DebiasedEma {
  #avg = 0;
  #n = 0;
  // sums of beta^k and of k*beta^k over the ages k = 0..n-1 of the values seen
  #weight = 0;
  #ageWeight = 0;

  /**
   * @param beta - smoothing factor in [0, 1). @default 0.98
   * @throws ScheduleError when beta is not in [0, 1).
   */
  constructor(readonly beta = 0.98) {
    if (typeof beta !== 'number' || !(Number.isFinite(beta) && beta >= 0 && beta < 1)) {
      throw new ScheduleError(`beta must be a number in [0, 1), got ${typeof beta === 'number' ? String(beta) : typeof beta}: it is the weight of the running average`);
    }
  }

  /**
   * Adds one value.
   * @param x - the new value (a non-finite value makes the average non-finite too).
   * @returns the debiased average.
   */
  update(x: number): number {
    this.#n += 1;
    this.#avg = this.beta * this.#avg + (1 - this.beta) * x;
    this.#ageWeight = this.beta * (this.#ageWeight + this.#weight);
    this.#weight = 1 + this.beta * this.#weight;
    return this.value;
  }

  /** The debiased average so far (NaN before the first value). */
  get value(): number {
    return this.#n === 0 ? Number.NaN : this.#avg / (1 - this.beta ** this.#n);
  }

  /** How many values have been added. */
  get count(): number {
    return this.#n;
  }

  /** Weighted mean age, in iterations, of the values in the current average (0 before any). */
  get meanAge(): number {
    return this.#weight === 0 ? 0 : this.#ageWeight / this.#weight;
  }

  /** The raw state, to save with a checkpoint and continue exactly with {@link DebiasedEma.restore}. */
  toJSON(): { beta: number; avg: number; count: number; weight: number; ageWeight: number } {
    return { beta: this.beta, avg: this.#avg, count: this.#n, weight: this.#weight, ageWeight: this.#ageWeight };
  }

  /** Continues from a state saved by {@link DebiasedEma.toJSON} (the `beta` must match). */
  restore(state: { avg: number; count: number; weight?: number; ageWeight?: number }): void {
    this.#avg = state.avg;
    this.#n = state.count;
    // a state saved without the age sums: rebuild them from the count (they depend on n only)
    if (state.weight === undefined || state.ageWeight === undefined) {
      this.#weight = 0;
      this.#ageWeight = 0;
      for (let i = 0; i < state.count; i++) {
        this.#ageWeight = this.beta * (this.#ageWeight + this.#weight);
        this.#weight = 1 + this.beta * this.#weight;
      }
    } else {
      this.#weight = state.weight;
      this.#ageWeight = state.ageWeight;
    }
  }

  /** Forgets every value. */
  reset(): void {
    this.#avg = 0;
    this.#n = 0;
    this.#weight = 0;
    this.#ageWeight = 0;
  }
}
