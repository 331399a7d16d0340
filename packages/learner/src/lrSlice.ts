import { describeValue } from '@onecycle/core-schedules';
import { LearnerOptionError } from './errors';

/** A range of learning rates spread geometrically over the layer groups (fastai's `slice(min, max)`). */
export interface LrSlice {
  readonly kind: 'lrSlice';
  /** LR of the first layer group; `undefined` means fastai's `slice(max)`: max/10 for every group but the last. */
  readonly min: number | undefined;
  /** LR of the last layer group. */
  readonly max: number;
}

function checkLr(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new LearnerOptionError(`${name} must be a finite number > 0, got ${describeValue(v)}`);
  }
}

/**
 * Discriminative learning rates, as fastai's `slice`: `lrSlice(min, max)` gives the first layer
 * group `min`, the last `max` and the groups between geometrically spaced values
 * (fastai v1 `even_mults`); `lrSlice(max)` gives `max/10` to every group but the last.
 *
 * @param min - LR of the first group (or the max, when called with one argument)
 * @param max - LR of the last group
 * @returns a slice to pass as `lr` to `fit`, `fitOneCycle` or `fitSchedule`
 * @example
 * ```ts
 * await learner.fitOneCycle(3, lrSlice(1e-4, 1e-2)); // 2 groups: 1e-4 and 1e-2
 * ```
 */
export function lrSlice(min: number, max?: number): LrSlice {
  if (max === undefined) {
    checkLr('lrSlice max', min);
    return { kind: 'lrSlice', min: undefined, max: min };
  }
  checkLr('lrSlice min', min);
  checkLr('lrSlice max', max);
  if (min > max) throw new LearnerOptionError(`lrSlice min must be <= max, got min ${min} and max ${max}`);
  return { kind: 'lrSlice', min, max };
}

/** What `fit` accepts as a learning rate: one for all groups, one per group, or a slice. */
export type LrInput = number | readonly number[] | LrSlice;

/**
 * Spreads an LR input over `n` layer groups.
 *
 * @param lr - one LR, one per group, or a slice
 * @param n - number of layer groups
 * @returns one LR per group (first group first)
 */
export function spreadLr(lr: LrInput, n: number): number[] {
  if (typeof lr === 'number') {
    checkLr('lr', lr);
    return Array.from({ length: n }, () => lr);
  }
  if (typeof lr !== 'object' || lr === null) {
    throw new LearnerOptionError(`lr must be a number, one number per layer group or lrSlice(min, max), got ${describeValue(lr)}`);
  }
  if ('kind' in lr) {
    if (lr.min === undefined) return Array.from({ length: n }, (_, i) => (i === n - 1 ? lr.max : lr.max / 10));
    const { min, max } = lr;
    if (n === 1) return [max];
    return Array.from({ length: n }, (_, i) => min * Math.pow(max / min, i / (n - 1)));
  }
  if (lr.length !== n) {
    throw new LearnerOptionError(`lr has ${lr.length} values but the model has ${n} layer groups: give one LR per group, one number, or lrSlice(min, max)`);
  }
  lr.forEach((v, i) => checkLr(`lr[${i}]`, v));
  return [...lr];
}
