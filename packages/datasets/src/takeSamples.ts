import { DatasetOptionError } from './errors';
import type { ImageDataset } from './imageDataset';

/**
 * Picks the samples at `indices` into a new dataset (copies), in that order — a subset, a
 * reordering or, with repeats, a resample.
 *
 * @param indices - sample indices, each a whole number in [0, ds.count)
 * @returns a dataset of `indices.length` samples
 * @throws DatasetOptionError naming the first index outside the dataset
 * @example
 * ```ts
 * const first1000 = takeSamples(train, seededPermutation(train.count, 1803).subarray(0, 1000));
 * ```
 */
export function takeSamples(ds: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const size = ds.rows * ds.cols * ds.channels;
  const images = ds.images instanceof Float32Array ? new Float32Array(indices.length * size) : new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] ?? Number.NaN;
    if (!(Number.isInteger(i) && i >= 0 && i < ds.count)) {
      throw new DatasetOptionError(`indices[${k}]`, `is ${i}, outside the dataset's samples [0, ${ds.count - 1}]`);
    }
    images.set(ds.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = ds.labels[i] ?? 0;
  }
  return { ...ds, images, labels, count: indices.length };
}
