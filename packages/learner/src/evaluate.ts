import * as tf from '@tensorflow/tfjs-core';
import type { BatchSource, EpochCursor } from './toBatchSource';
import type { LossFn, NamedMetric } from './resolveLoss';
import type { ModelAdapter } from './modelAdapter';

/** Validation loss and metrics over a whole data source. */
export interface Evaluation {
  loss: number;
  metrics: Record<string, number>;
}

/**
 * Runs the model in inference mode over every batch of `data`, summing loss and metrics on the
 * device and reading them once at the end (one sync per evaluation).
 *
 * @param data - validation batches
 * @param metrics - metrics to average over samples
 * @returns the mean loss and metrics
 */
export async function evaluate(model: ModelAdapter, data: BatchSource, lossFn: LossFn, metrics: readonly NamedMetric[]): Promise<Evaluation> {
  const cursor = await data.open(undefined);
  let sums: tf.Tensor | undefined;
  let n = 0;
  try {
    for (let b = await cursor.next(); b !== null; b = await cursor.next()) {
      const batch = b;
      const size = batch.xs.shape[0] ?? 0;
      try {
        const next = tf.tidy(() => {
          const pred = model.forward(batch.xs, false);
          const parts = [tf.mean(lossFn(batch.ys, pred)), ...metrics.map((m) => tf.mean(m.fn(batch.ys, pred)))];
          const weighted = tf.mul(tf.stack(parts), size);
          return sums === undefined ? weighted : tf.add(sums, weighted);
        });
        sums?.dispose();
        sums = next;
      } finally {
        batch.xs.dispose();
        batch.ys.dispose();
      }
      n += size;
    }
  } finally {
    cursor.close();
  }
  if (sums === undefined || n === 0) return { loss: Number.NaN, metrics: {} };
  const values = await sums.data();
  sums.dispose();
  const out: Record<string, number> = {};
  metrics.forEach((m, i) => {
    out[m.name] = (values[i + 1] ?? Number.NaN) / n;
  });
  return { loss: (values[0] ?? Number.NaN) / n, metrics: out };
}

/**
 * A function giving the loss on the next validation batch, cycling through the data (fastai's
 * `lr_find2`); one read per call.
 *
 * @param data - validation batches
 * @returns the function and a `close` to release its cursor
 */
export function validBatchLoss(model: ModelAdapter, data: BatchSource, lossFn: LossFn): { next: () => Promise<number>; close: () => void } {
  let cursor: EpochCursor | undefined;
  return {
    next: async () => {
      cursor ??= await data.open(undefined);
      let b = await cursor.next();
      if (b === null) {
        cursor.close();
        cursor = await data.open(undefined);
        b = await cursor.next();
      }
      if (b === null) return Number.NaN;
      const batch = b;
      const t = tf.tidy(() => tf.mean(lossFn(batch.ys, model.forward(batch.xs, false))));
      batch.xs.dispose();
      batch.ys.dispose();
      const v = (await t.data())[0] ?? Number.NaN;
      t.dispose();
      return v;
    },
    close: () => cursor?.close(),
  };
}
