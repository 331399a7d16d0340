import { seededPermutation } from '@onecycle/core-schedules';
import { DatasetOptionError } from './errors';
import type { ImageDataset } from './imageDataset';
import { takeSamples } from './takeSamples';

/** Options of {@link splitDataset}: the validation size (one of the two) and the seed. */
export interface SplitOptions {
  /** Fraction of the samples that go to validation, in (0, 1); rounded to a whole count. */
  validFraction?: number;
  /** Number of samples that go to validation, in [1, count - 1]; wins over `validFraction`. */
  validCount?: number;
  /** Seed of the shuffle (mulberry32 Fisher–Yates, core-schedules' `seededPermutation`). @default 0 */
  seed?: number;
}

/**
 * Shuffles a dataset with a seed and splits it: the first `validCount` samples of the permutation
 * go to validation, the rest (in permutation order) to training.
 *
 * @returns `{ train, valid }`
 * @throws DatasetOptionError when the validation size is not inside [1, count - 1] or the seed is not a finite number
 * @example
 * ```ts
 * const { train, valid } = splitDataset(await loadMnistDigits(), { validFraction: 0.2, seed: 0 });
 * ```
 */
export function splitDataset(ds: ImageDataset, opts: SplitOptions): { train: ImageDataset; valid: ImageDataset } {
  const validCount = opts.validCount ?? Math.round((opts.validFraction ?? Number.NaN) * ds.count);
  if (!(Number.isInteger(validCount) && validCount > 0 && validCount < ds.count)) {
    const given = opts.validCount === undefined ? `validFraction ${String(opts.validFraction)}` : `validCount ${String(opts.validCount)}`;
    throw new DatasetOptionError(opts.validCount === undefined ? 'validFraction' : 'validCount', `gives ${String(validCount)} validation samples (${given}) of ${ds.count}: it must give a whole number in [1, ${ds.count - 1}]`);
  }
  const seed = opts.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new DatasetOptionError('seed', `must be a finite number, got ${String(seed)}`);
  }
  const order = seededPermutation(ds.count, seed);
  return { train: takeSamples(ds, order.subarray(validCount)), valid: takeSamples(ds, order.subarray(0, validCount)) };
}
