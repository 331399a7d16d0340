import * as tf from '@tensorflow/tfjs';
import type { ImageDataset } from '@onecycle/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentedBatches } from '../index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 4 images of 2x3 pixels, 1 channel; pixel value = 10 * image + position + 1 (so 0 means padding)
const ds: ImageDataset = {
  images: Float32Array.from({ length: 24 }, (_, i) => 10 * Math.floor(i / 6) + (i % 6) + 1),
  labels: Uint8Array.of(0, 1, 2, 1), count: 4, rows: 2, cols: 3, channels: 1, numClasses: 3,
};

function rowsOf(t: tf.Tensor): number[][] {
  const n = t.shape[0] ?? 0;
  const flat = Array.from(t.dataSync());
  const size = flat.length / n;
  return Array.from({ length: n }, (_, i) => flat.slice(i * size, (i + 1) * size));
}

async function epochOf(d: ReturnType<typeof augmentedBatches>): Promise<Array<{ x: number[][]; y: number[][] }>> {
  const it = await d.dataset.iterator();
  const out: Array<{ x: number[][]; y: number[][] }> = [];
  for (let r = await it.next(); r.done !== true; r = await it.next()) {
    const v: unknown = r.value;
    if (typeof v !== 'object' || v === null || !('xs' in v) || !('ys' in v) || !(v.xs instanceof tf.Tensor) || !(v.ys instanceof tf.Tensor)) throw new Error('batch expected');
    out.push({ x: rowsOf(v.xs), y: rowsOf(v.ys) });
    tf.dispose([v.xs, v.ys]);
  }
  return out;
}

describe('augmentedBatches', () => {
  it('without augmentation gives every image once per epoch, shuffled, with one-hot labels', async () => {
    const before = tf.memory().numTensors;
    const d = augmentedBatches(ds, { batchSize: 3, layout: 'flat', seed: 1 });
    expect(d.batchesPerEpoch).toBe(2);
    const batches = await epochOf(d);
    expect(batches.map((b) => b.x.length)).toEqual([3, 1]);
    const rows = batches.flatMap((b) => b.x.map((x, i) => ({ x, y: b.y[i] ?? [] })));
    const firsts = rows.map((r) => r.x[0] ?? 0).sort((a, b) => a - b);
    expect(firsts).toEqual([1, 11, 21, 31]);
    for (const r of rows) {
      const image = Math.floor((r.x[0] ?? 0) / 10);
      expect(r.x).toEqual(Array.from(ds.images.subarray(image * 6, image * 6 + 6)));
      expect(r.y).toEqual([0, 1, 2].map((c) => (c === ds.labels[image] ? 1 : 0)));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('crops from the zero-padded image and flips, reproducibly for a seed', async () => {
    const before = tf.memory().numTensors;
    const a = await epochOf(augmentedBatches(ds, { batchSize: 4, layout: 'image', padCrop: 1, flip: true, seed: 3 }));
    const b = await epochOf(augmentedBatches(ds, { batchSize: 4, layout: 'image', padCrop: 1, flip: true, seed: 3 }));
    expect(a).toEqual(b);
    const images = a[0]?.x ?? [];
    expect(images).toHaveLength(4);
    let changed = 0;
    for (const values of images) {
      expect(values).toHaveLength(6);
      const nonZero = values.filter((v) => v !== 0);
      const image = Math.floor((nonZero[0] ?? 1) / 10);
      // every visible pixel comes from the same source image; the rest is padding
      for (const v of nonZero) expect(Math.floor(v / 10)).toBe(image);
      if (values.join() !== Array.from(ds.images.subarray(image * 6, image * 6 + 6)).join()) changed++;
    }
    expect(changed).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
