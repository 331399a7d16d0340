import { describeValue } from '@onecycle/core-schedules';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { LrFinderError } from './errors';
import { mulberry32 } from '@onecycle/core-schedules';

/**
 * What `model.fitDataset` accepts (tfjs-layers' dataset stub); a `tf.data.Dataset` of
 * `{ xs, ys }` batches fits.
 */
export interface FitDatasetLike<T> {
  /** A fresh iterator over the elements. */
  iterator(): Promise<{ next(): Promise<IteratorResult<T>> }>;
  /** Number of elements (tfjs uses it for progress only). */
  size: number;
}

/** Input of {@link findLr} with tensors: the test draws batches of `batchSize` rows. */
export interface TensorInput {
  /** A compiled model; its own optimizer is driven through `hyperParams`. */
  model: LayersModel;
  /** Training inputs, first axis = samples. */
  x: tf.Tensor;
  /** Training targets, first axis = samples. */
  y: tf.Tensor;
  /** Rows per batch. @default 32 */
  batchSize?: number;
  /** Validation `[x, y]` for `validLoss: true`; batches of `batchSize` are taken in turn. */
  validationData?: [tf.Tensor, tf.Tensor];
}

/** Input of {@link findLr} with a dataset of `{ xs, ys }` batches; it is restarted when it runs out. */
export interface DatasetInput<T extends tf.TensorContainer = tf.TensorContainer> {
  /** A compiled model. */
  model: LayersModel;
  /** Yields batches; `iterator()` is called again whenever it is exhausted. */
  dataset: FitDatasetLike<T>;
  /** Validation `[x, y]` for `validLoss: true`. */
  validationData?: [tf.Tensor, tf.Tensor];
  /** Rows per validation batch. @default 32 */
  batchSize?: number;
}

/** Either input. */
export type FindLrInput<T extends tf.TensorContainer = tf.TensorContainer> = TensorInput | DatasetInput<T>;

/**
 * Checks that the model is compiled and the data is not empty, before any training.
 * @throws LrFinderError otherwise.
 */
export async function checkInput<T extends tf.TensorContainer>(input: FindLrInput<T>): Promise<void> {
  if (typeof input !== 'object' || input === null) throw new LrFinderError(`findLr needs { model, x, y } or { model, dataset }, got ${describeValue(input)}`);
  const model: unknown = Reflect.get(input, 'model');
  if (typeof model !== 'object' || model === null || typeof Reflect.get(model, 'fit') !== 'function') {
    throw new LrFinderError(`model must be a compiled tf.LayersModel, got ${describeValue(model)}`);
  }
  if (!('x' in input) && !('dataset' in input)) throw new LrFinderError('findLr needs data: x and y tensors, or a dataset');
  if ('x' in input) {
    for (const key of ['x', 'y'] as const) {
      const t: unknown = input[key];
      if (!(t instanceof tf.Tensor)) throw new LrFinderError(`${key} must be a tf.Tensor, got ${describeValue(t)}`);
    }
  }
  if (input.model.optimizer == null) {
    throw new LrFinderError('model is not compiled: call model.compile({ optimizer, loss }) before findLr');
  }
  const bs: unknown = input.batchSize ?? 32;
  if (typeof bs !== 'number' || !Number.isSafeInteger(bs) || bs < 1) throw new LrFinderError(`batchSize must be an integer >= 1, got ${describeValue(bs)}`);
  if ('x' in input) {
    const n = input.x.shape[0] ?? 0;
    if (n === 0) throw new LrFinderError('x has no samples (first dimension 0): the LR finder needs data');
    if ((input.y.shape[0] ?? 0) !== n) {
      throw new LrFinderError(`x and y must have the same number of samples, got ${n} and ${input.y.shape[0] ?? 0}`);
    }
  } else {
    const it = await input.dataset.iterator();
    const first = await it.next();
    if (first.done === true) throw new LrFinderError('dataset is empty: the LR finder needs at least one batch');
    tf.dispose(first.value);
  }
  const v = input.validationData;
  if (v !== undefined && ((v[0].shape[0] ?? 0) === 0 || v[0].shape[0] !== v[1].shape[0])) {
    throw new LrFinderError('validationData must hold [x, y] with the same, non-zero number of samples');
  }
}

/**
 * A dataset of exactly `limit` elements drawn from `source`, restarting it whenever it is
 * exhausted; with `seed` the elements pass through a seeded shuffle buffer of `buffer` elements.
 * An error from `source` ends the dataset early (so `fitDataset` finishes cleanly instead of
 * leaking its batch tensors) and is kept in `failure()`. `close()` disposes what is still buffered.
 */
export function limitedDataset<T extends tf.TensorContainer>(
  source: FitDatasetLike<T>, limit: number, seed: number | undefined, buffer = 16,
): { dataset: FitDatasetLike<T>; failure(): { error: unknown } | undefined; close(): void } {
  const pending: T[] = [];
  const rand = seed === undefined ? undefined : mulberry32(seed);
  let it: { next(): Promise<IteratorResult<T>> } | undefined;
  let given = 0;
  let failed: { error: unknown } | undefined;
  const pull = async (): Promise<T> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      it ??= await source.iterator();
      const r = await it.next();
      if (r.done !== true) return r.value;
      it = undefined;
    }
    throw new LrFinderError('dataset yielded no batch after a restart: the LR finder needs at least one batch');
  };
  const take = async (): Promise<T> => {
    if (rand === undefined) return pull();
    while (pending.length < buffer) pending.push(await pull());
    const [value] = pending.splice(Math.floor(rand() * pending.length), 1);
    if (value === undefined) throw new LrFinderError('internal: empty shuffle buffer');
    return value;
  };
  const next = async (): Promise<IteratorResult<T>> => {
    if (given >= limit || failed !== undefined) return { done: true, value: undefined };
    try {
      const value = await take();
      given += 1;
      return { done: false, value };
    } catch (error) {
      failed = { error };
      return { done: true, value: undefined };
    }
  };
  return {
    dataset: { size: limit, iterator: () => Promise.resolve({ next }) },
    failure: () => failed,
    close: () => {
      for (const v of pending.splice(0)) tf.dispose(v);
    },
  };
}

/**
 * A `validBatchLoss` for the callback context: the model's loss on the next `batchSize` rows of
 * the validation data, cycling.
 */
export function validBatchLoss(model: LayersModel, x: tf.Tensor, y: tf.Tensor, batchSize: number): () => Promise<number> {
  const n = x.shape[0] ?? 0;
  let start = 0;
  return async () => {
    const size = Math.min(batchSize, n - start);
    const out = tf.tidy(() => {
      const xb = tf.slice(x, start, size);
      const yb = tf.slice(y, start, size);
      const r = model.evaluate(xb, yb, { batchSize: size });
      return Array.isArray(r) ? r[0] ?? tf.scalar(NaN) : r;
    });
    start = start + size >= n ? 0 : start + size;
    const [loss] = await out.data();
    out.dispose();
    return loss ?? NaN;
  };
}
