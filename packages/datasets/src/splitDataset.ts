import { mulberry32 } from '@onecycle/lr-finder';
import { DatasetError } from './datasetError';
import type { ImageDataset } from './imageDataset';

/**
 * A seeded permutation of `0 … n-1` (Fisher-Yates with mulberry32).
 *
 * @param n - the length
 * @param seed - any integer; the same seed gives the same order
 * @returns the permutation
 */
export function seededPermutation(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rand = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  return order;
}

/**
 * Picks the samples at `indices` into a new dataset (copies).
 *
 * @param ds - the source dataset
 * @param indices - sample indices, each in [0, ds.count)
 * @returns a dataset of `indices.length` samples in that order
 */
export function takeSamples(ds: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const size = ds.rows * ds.cols * ds.channels;
  const images = ds.images instanceof Float32Array ? new Float32Array(indices.length * size) : new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] ?? 0;
    if (!(Number.isInteger(i) && i >= 0 && i < ds.count)) {
      throw new DatasetError('(dataset)', `sample index ${i} is outside [0, ${ds.count - 1}]`);
    }
    images.set(ds.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = ds.labels[i] ?? 0;
  }
  return { ...ds, images, labels, count: indices.length };
}

/**
 * Shuffles a dataset with a seed and splits it into train and validation parts.
 *
 * @param ds - the dataset
 * @param opts - `validFraction` in (0, 1) or `validCount` samples (one of them), and `seed` (default 0)
 * @returns `{ train, valid }`
 * @throws DatasetError when the requested validation size is not inside (0, count)
 * @example
 * ```ts
 * const { train, valid } = splitDataset(await loadMnistDigits(), { validFraction: 0.2, seed: 0 });
 * ```
 */
export function splitDataset(
  ds: ImageDataset,
  opts: { validFraction?: number; validCount?: number; seed?: number },
): { train: ImageDataset; valid: ImageDataset } {
  const validCount = opts.validCount ?? Math.round((opts.validFraction ?? Number.NaN) * ds.count);
  if (!(Number.isInteger(validCount) && validCount > 0 && validCount < ds.count)) {
    throw new DatasetError('(dataset)', `validation size must be a whole number in [1, ${ds.count - 1}], got validCount ${String(opts.validCount)} / validFraction ${String(opts.validFraction)}`);
  }
  const order = seededPermutation(ds.count, opts.seed ?? 0);
  return { train: takeSamples(ds, order.subarray(validCount)), valid: takeSamples(ds, order.subarray(0, validCount)) };
}
