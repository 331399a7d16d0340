import { existsSync } from 'node:fs';
import path from 'node:path';
import { allInOrder } from './allInOrder';
import { DatasetNotFoundError, DatasetOptionError, TruncatedFileError } from './errors';
import { checkLabels } from './loadIdxDataset';
import { toPixels } from './imageDataset';
import type { ImageDataset, LoadOptions } from './imageDataset';
import { readMaybeGzip } from './readMaybeGzip';

/** Bytes per CIFAR-10 binary record: 1 label byte + 32 x 32 x 3 pixel bytes. */
export const CIFAR10_RECORD_BYTES = 3073;
const SIDE = 32;
const PLANE = SIDE * SIDE;

/**
 * Parses CIFAR-10 binary records (Krizhevsky 2009, "binary version"): each record is a label byte
 * then 1024 red, 1024 green and 1024 blue bytes. Pixels are reordered to channels-last
 * (height, width, channel), the layout tfjs expects.
 *
 * @param bytes - the content of one or more `data_batch_N.bin` / `test_batch.bin` files
 * @param file - the file name for error messages
 * @param gzipped - whether `bytes` were inflated from a gzip file (sizes in messages then say so); @default false
 * @returns raw pixel bytes (channels-last) and labels
 * @throws TruncatedFileError when the size is not a positive multiple of 3073; MalformedDatasetError for a label above 9
 */
export function parseCifar10(bytes: Uint8Array, file: string, gzipped = false): { pixels: Uint8Array; labels: Uint8Array; count: number } {
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD_BYTES !== 0) {
    const whole = Math.floor(bytes.length / CIFAR10_RECORD_BYTES);
    throw new TruncatedFileError(file, `is ${bytes.length} bytes long${gzipped ? ' after gunzip' : ''}, which is not a positive multiple of the ${CIFAR10_RECORD_BYTES}-byte CIFAR-10 record (${whole} whole records and ${bytes.length - whole * CIFAR10_RECORD_BYTES} bytes left over): the file is truncated or not CIFAR-10 binary`);
  }
  const count = bytes.length / CIFAR10_RECORD_BYTES;
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * PLANE * 3);
  for (let n = 0; n < count; n++) {
    const base = n * CIFAR10_RECORD_BYTES;
    labels[n] = bytes[base] ?? 0;
    const out = n * PLANE * 3;
    for (let p = 0; p < PLANE; p++) {
      for (let c = 0; c < 3; c++) pixels[out + p * 3 + c] = bytes[base + 1 + c * PLANE + p] ?? 0;
    }
  }
  checkLabels(labels, 10, file);
  return { pixels, labels, count };
}

/**
 * Loads CIFAR-10 binary files (plain or gzip) into one dataset (32 x 32 x 3, 10 classes).
 *
 * @param files - paths of record files, concatenated in order
 * @param opts - `dtype` of the pixels (default `'float32'`, scaled to [0, 1])
 * @throws DatasetError naming the file and what is wrong
 * @example
 * ```ts
 * const test = await loadCifar10Files(['cifar-10-batches-bin/test_batch.bin']);
 * ```
 */
export async function loadCifar10Files(files: string[], opts: LoadOptions = {}): Promise<ImageDataset> {
  if (files.length === 0) throw new DatasetOptionError('files', 'is an empty list: loadCifar10Files needs at least one CIFAR-10 binary file (data_batch_N.bin or test_batch.bin)');
  const parts = await allInOrder(files.map(async (f) => {
    const { bytes, gzipped } = await readMaybeGzip(f);
    return parseCifar10(bytes, f, gzipped);
  }));
  const count = parts.reduce((a, p) => a + p.count, 0);
  const pixels = new Uint8Array(count * PLANE * 3);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const part of parts) {
    pixels.set(part.pixels, at * PLANE * 3);
    labels.set(part.labels, at);
    at += part.count;
  }
  return { images: toPixels(pixels, opts.dtype), labels, count, rows: SIDE, cols: SIDE, channels: 3, numClasses: 10 };
}

/**
 * Loads a split of CIFAR-10 from the folder of the binary release (`cifar-10-batches-bin`):
 * `data_batch_1.bin` … `data_batch_5.bin` for `'train'`, `test_batch.bin` for `'test'`.
 *
 * @param dir - the folder holding the `.bin` files
 * @param split - `'train'` or `'test'`
 * @param opts - `dtype` of the pixels
 * @throws DatasetNotFoundError naming a missing file; DatasetOptionError for another split
 */
export async function loadCifar10(dir: string, split: 'train' | 'test', opts: LoadOptions = {}): Promise<ImageDataset> {
  if (split !== 'train' && split !== 'test') {
    throw new DatasetOptionError('split', `must be 'train' or 'test', got ${JSON.stringify(split)}`);
  }
  const names = split === 'test' ? ['test_batch.bin'] : [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
  const files = names.map((n) => path.join(dir, n));
  for (const f of files) {
    if (!existsSync(f)) throw new DatasetNotFoundError(f, `is missing: --data-dir must be the cifar-10-batches-bin folder of the CIFAR-10 binary version (https://www.cs.toronto.edu/~kriz/cifar.html)`);
  }
  return loadCifar10Files(files, opts);
}
