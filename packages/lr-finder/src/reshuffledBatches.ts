import * as tf from '@tensorflow/tfjs-core';
import { SeededRng } from '@onecycle/core-schedules';
import type { FitDatasetLike } from './findLrInput';

/** One batch as `model.fitDataset` takes it. */
export interface XYBatch {
  xs: tf.Tensor;
  ys: tf.Tensor;
}

/**
 * Exactly `count` batches of `batchSize` rows drawn from `x` / `y`, passing over the rows again and
 * again in a new seeded order each pass (fastai's DataLoader reshuffles every epoch), so a range
 * test longer than the data never replays one batch order. The last batch of a pass may be
 * smaller. Each batch is a fresh gather that `fitDataset` disposes.
 *
 * @param x - inputs, first axis = rows
 * @param y - targets, first axis = rows
 * @param batchSize - rows per batch
 * @param count - batches in all
 * @param seed - seed of the orders (`SeededRng` of `@onecycle/core-schedules`)
 * @returns a dataset `model.fitDataset` can read once
 */
export function reshuffledBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, count: number, seed: number): FitDatasetLike<XYBatch> {
  const n = x.shape[0] ?? 0;
  const rng = new SeededRng(seed);
  let order = rng.permutation(n);
  let at = 0;
  let given = 0;
  const next = (): Promise<IteratorResult<XYBatch>> => {
    if (given >= count) return Promise.resolve({ done: true, value: undefined });
    if (at >= n) {
      order = rng.permutation(n);
      at = 0;
    }
    const rows = order.subarray(at, Math.min(n, at + batchSize));
    at += rows.length;
    given += 1;
    const value = tf.tidy(() => {
      const idx = tf.tensor1d(Int32Array.from(rows), 'int32');
      return { xs: tf.gather(x, idx), ys: tf.gather(y, idx) };
    });
    return Promise.resolve({ done: false, value });
  };
  return { size: count, iterator: () => Promise.resolve({ next }) };
}
