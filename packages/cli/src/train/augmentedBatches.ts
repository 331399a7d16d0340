import * as tf from '@tensorflow/tfjs-core';
import type { BatchDataset } from '@onecycle/learner';
import { mulberry32 } from '@onecycle/lr-finder';
import { seededPermutation } from '@onecycle/core-schedules';
import type { ImageDataset } from '@onecycle/datasets';

/** Options of {@link augmentedBatches}. */
export interface AugmentOptions {
  /** Samples per batch. */
  batchSize: number;
  /** Pad each side with this many zero pixels, then crop a random window of the original size (He et al. 2016 use 4 on CIFAR). @default 0 */
  padCrop?: number;
  /** Mirror left-right with probability 1/2. @default false */
  flip?: boolean;
  /** `'flat'` batches of `[b, h*w*c]` or `'image'` batches of `[b, h, w, c]`. */
  layout: 'flat' | 'image';
  /** Seed of the per-epoch shuffle and of the crops and flips. */
  seed: number;
}

function pixelsOf(ds: ImageDataset): Float32Array {
  if (ds.images instanceof Float32Array) return ds.images;
  const out = new Float32Array(ds.images.length);
  for (let i = 0; i < out.length; i++) out[i] = (ds.images[i] ?? 0) / 255;
  return out;
}

/**
 * Training batches with the standard CIFAR augmentation (He et al. 2016, sec. 4.2): each epoch a
 * fresh seeded shuffle; each image a random crop from the image zero-padded by `padCrop` pixels,
 * and a horizontal flip with probability 1/2. Augmentation runs on plain arrays, so each batch
 * costs one tensor upload. Feed it to the learner as `{ dataset, batchesPerEpoch }`.
 *
 * @param ds - the training images (channels-last)
 * @param opts - batch size, augmentation, layout and seed
 * @returns a dataset of `{ xs, ys }` batches (ys one-hot) and its length
 * @example
 * ```ts
 * const train = augmentedBatches(cifarTrain, { batchSize: 128, padCrop: 4, flip: true, layout: 'image', seed: 0 });
 * new Learner({ model, data: { train, valid }, loss: 'categoricalCrossentropy' });
 * ```
 */
export function augmentedBatches(ds: ImageDataset, opts: AugmentOptions): { dataset: BatchDataset; batchesPerEpoch: number } {
  const { rows: h, cols: w, channels: c } = ds;
  const size = h * w * c;
  const pad = opts.padCrop ?? 0;
  const pixels = pixelsOf(ds);
  const batchesPerEpoch = Math.ceil(ds.count / opts.batchSize);
  let epoch = 0;
  const dataset: BatchDataset = {
    iterator() {
      const order = seededPermutation(ds.count, opts.seed * 7919 + epoch);
      const rand = mulberry32(opts.seed * 104729 + epoch);
      epoch++;
      let start = 0;
      return Promise.resolve({
        next(): Promise<IteratorResult<unknown>> {
          if (start >= ds.count) return Promise.resolve({ done: true, value: undefined });
          const end = Math.min(ds.count, start + opts.batchSize);
          const n = end - start;
          const xs = new Float32Array(n * size);
          const labels = new Int32Array(n);
          for (let k = 0; k < n; k++) {
            const i = order[start + k] ?? 0;
            labels[k] = ds.labels[i] ?? 0;
            const dy = pad > 0 ? Math.floor(rand() * (2 * pad + 1)) - pad : 0;
            const dx = pad > 0 ? Math.floor(rand() * (2 * pad + 1)) - pad : 0;
            const flip = opts.flip === true && rand() < 0.5;
            for (let y = 0; y < h; y++) {
              const sy = y + dy;
              if (sy < 0 || sy >= h) continue; // zero padding
              for (let x = 0; x < w; x++) {
                const sx = (flip ? w - 1 - x : x) + dx;
                if (sx < 0 || sx >= w) continue;
                const from = i * size + (sy * w + sx) * c;
                xs.set(pixels.subarray(from, from + c), k * size + (y * w + x) * c);
              }
            }
          }
          start = end;
          const batch = tf.tidy(() => ({
            xs: tf.tensor(xs, opts.layout === 'image' ? [n, h, w, c] : [n, size], 'float32'),
            ys: tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), ds.numClasses), 'float32'),
          }));
          return Promise.resolve({ done: false, value: batch });
        },
      });
    },
  };
  return { dataset, batchesPerEpoch };
}
