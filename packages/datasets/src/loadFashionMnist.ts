import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatasetNotFoundError, DatasetOptionError } from './errors';
import { loadIdxDataset } from './loadIdxDataset';
import type { IdxFiles } from './loadIdxDataset';
import type { ImageDataset, LoadOptions } from './imageDataset';

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** A split of an IDX dataset laid out like MNIST: `train` (60,000) or `t10k`/`test` (10,000). */
export type IdxSplit = 'train' | 'test';

const PREFIX: Record<IdxSplit, string> = { train: 'train', test: 't10k' };

function findFile(dir: string, base: string): string | undefined {
  for (const name of [`${base}.gz`, base, base.replace(/-(idx\d)-/, '.$1-')]) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds the images and labels files of one split in a folder laid out like LeCun's MNIST
 * (`train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`, `t10k-…`), as Fashion-MNIST's
 * own release and Debian's `dataset-fashion-mnist` are.
 *
 * @param dir - the folder to look in
 * @param split - `'train'` or `'test'`
 * @returns the two paths
 * @throws DatasetNotFoundError naming the folder and the missing file; DatasetOptionError for another split
 */
export function locateIdxSplit(dir: string, split: IdxSplit): IdxFiles {
  if (split !== 'train' && split !== 'test') {
    throw new DatasetOptionError('split', `must be 'train' or 'test', got ${JSON.stringify(split)}`);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DatasetNotFoundError(dir, 'is not a folder');
  }
  const prefix = PREFIX[split];
  const images = findFile(dir, `${prefix}-images-idx3-ubyte`);
  const labels = findFile(dir, `${prefix}-labels-idx1-ubyte`);
  if (images === undefined) throw new DatasetNotFoundError(dir, `has no ${prefix}-images-idx3-ubyte[.gz] for the ${split} split`);
  if (labels === undefined) throw new DatasetNotFoundError(dir, `has no ${prefix}-labels-idx1-ubyte[.gz] for the ${split} split`);
  return { images, labels };
}

/**
 * Finds Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): in `dataDir` when given, else where Debian's
 * `dataset-fashion-mnist` package puts it ({@link DEBIAN_FASHION_MNIST_DIR}).
 *
 * @param split - `'train'` (60,000 images) or `'test'` (10,000)
 * @param dataDir - a folder holding the IDX files; @default DEBIAN_FASHION_MNIST_DIR
 * @returns the two paths
 * @throws DatasetNotFoundError saying how to get the data when it is not there
 */
export function locateFashionMnist(split: IdxSplit, dataDir?: string): IdxFiles {
  const dir = dataDir ?? DEBIAN_FASHION_MNIST_DIR;
  try {
    return locateIdxSplit(dir, split);
  } catch (err) {
    if (!(err instanceof DatasetNotFoundError)) throw err;
    const how = dataDir === undefined
      ? 'install it with `apt-get install dataset-fashion-mnist` (Debian/Ubuntu) or pass --data-dir <folder with the IDX files>'
      : 'pass --data-dir a folder holding the Fashion-MNIST IDX files, or install Debian\'s dataset-fashion-mnist and omit --data-dir';
    throw new DatasetNotFoundError(dir, `Fashion-MNIST not found (${err.message.slice(dir.length + 2)}): ${how}`, { cause: err });
  }
}

/**
 * Loads one split of Fashion-MNIST as plain typed arrays (28 x 28, one channel, 10 classes).
 *
 * @param split - `'train'` or `'test'`
 * @param opts - `dataDir` (default: Debian's folder) and `dtype` (default `'float32'`)
 * @throws DatasetError when the files are missing or malformed
 * @example
 * ```ts
 * const test = await loadFashionMnist('test'); // 10,000 images from /usr/share/datasets/fashion-mnist
 * ```
 */
export async function loadFashionMnist(split: IdxSplit, opts: LoadOptions & { dataDir?: string } = {}): Promise<ImageDataset> {
  const files = locateFashionMnist(split, opts.dataDir);
  return loadIdxDataset(files, opts.dtype === undefined ? {} : { dtype: opts.dtype });
}
