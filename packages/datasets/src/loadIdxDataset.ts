import { allInOrder } from './allInOrder';
import { DatasetOptionError, MalformedDatasetError } from './errors';
import { readIdxFile } from './parseIdx';
import { toPixels } from './imageDataset';
import type { ImageDataset, LoadOptions } from './imageDataset';

/** The two files of one IDX split (e.g. `t10k-images-idx3-ubyte.gz` and `t10k-labels-idx1-ubyte.gz`). */
export interface IdxFiles {
  /** Path of the images file (magic 0x00000803). */
  images: string;
  /** Path of the labels file (magic 0x00000801). */
  labels: string;
}

/**
 * Checks that every label is below `numClasses`.
 *
 * @param file - the file name for the error message
 * @throws MalformedDatasetError naming the first bad label
 */
export function checkLabels(labels: Uint8Array, numClasses: number, file: string): void {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    if (label >= numClasses) {
      throw new MalformedDatasetError(file, `label ${i} is ${label}, but labels must be in [0, ${numClasses - 1}]`);
    }
  }
}

/**
 * Loads an images + labels pair in IDX format (MNIST, Fashion-MNIST, KMNIST…), gzip or plain, and
 * checks that the two files agree on the number of samples and that labels are class indices.
 *
 * @param files - paths of the images and labels files
 * @param opts - `dtype` of the pixels (default `'float32'`, scaled to [0, 1]) and `numClasses` (default 10)
 * @returns the dataset as plain typed arrays, one channel
 * @throws DatasetError (a subclass) naming the file and what is wrong; DatasetOptionError for a bad numClasses
 * @example
 * ```ts
 * const test = await loadIdxDataset({ images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' });
 * test.count; // 10000
 * ```
 */
export async function loadIdxDataset(files: IdxFiles, opts: LoadOptions & { numClasses?: number } = {}): Promise<ImageDataset> {
  const numClasses = opts.numClasses ?? 10;
  if (!(Number.isInteger(numClasses) && numClasses >= 1 && numClasses <= 256)) {
    throw new DatasetOptionError('numClasses', `must be a whole number in [1, 256] (labels are single bytes), got ${String(numClasses)}`);
  }
  const [images, labels] = await allInOrder([readIdxFile(files.images, 'images'), readIdxFile(files.labels, 'labels')]);
  const [count = 0, rows = 0, cols = 0] = images.dims;
  const labelCount = labels.dims[0] ?? 0;
  if (labelCount !== count) {
    throw new MalformedDatasetError(files.labels, `holds ${labelCount} labels but ${files.images} holds ${count} images: the two files must come from the same split`);
  }
  checkLabels(labels.data, numClasses, files.labels);
  return {
    images: toPixels(images.data, opts.dtype),
    labels: Uint8Array.from(labels.data),
    count,
    rows,
    cols,
    channels: 1,
    numClasses,
  };
}
