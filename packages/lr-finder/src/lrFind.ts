import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { FitDatasetLike } from './findLrInput';
import { findLr } from './findLr';
import type { FindLrOptions } from './findLr';
import type { LrFindResult } from '@onecycle/core-schedules';

/** The data of {@link lrFind}: tensors (Keras's `x`, `y`) or a `tf.data.Dataset` of `{ xs, ys }` batches. */
export type LrFindData<T extends tf.TensorContainer = tf.TensorContainer> =
  | {
      /** Inputs, first axis = rows. */
      x: tf.Tensor;
      /** Targets, first axis = rows. */
      y: tf.Tensor;
      /** Rows per batch. @default 32 */
      batchSize?: number;
      /** Validation `[x, y]`, for `validLoss: true`. */
      validationData?: [tf.Tensor, tf.Tensor];
    }
  | FitDatasetLike<T>;

/**
 * Leslie Smith's LR range test for a compiled Keras-style model, in one call: it trains with the
 * model's compiled optimizer and loss, raising the LR each batch, for `numIt` batches whatever
 * the size of the data (tensors are reshuffled at every pass, a dataset is restarted), then puts
 * the weights and the optimizer state back bit for bit. {@link findLr} with the model and data
 * as two arguments.
 *
 * @param model - a compiled `tf.LayersModel` (Sequential or functional)
 * @param data - `{ x, y, batchSize? }` or a dataset of `{ xs, ys }` batches
 * @param opts - finder options (startLr 1e-7, endLr 10, numIt 100, …), `repeats`, `seed`
 * @returns the curve and its suggestions (computed on `smoothLosses`)
 * @throws LrFinderError before any training for an uncompiled model, empty data or bad options
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
 * const { suggestions } = await lrFind(model, { x, y, batchSize: 16 });
 * const lrMax = suggestions.range?.max ?? suggestions.valley; // the 1cycle peak
 * ```
 */
export function lrFind<T extends tf.TensorContainer>(model: LayersModel, data: LrFindData<T>, opts: FindLrOptions = {}): Promise<LrFindResult> {
  if ('x' in data) return findLr({ model, ...data }, opts);
  return findLr({ model, dataset: data }, opts);
}
