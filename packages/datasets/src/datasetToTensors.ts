import * as tf from '@tensorflow/tfjs-core';
import { DatasetOptionError } from './errors';
import type { ImageDataset } from './imageDataset';

/** Options of {@link datasetToTensors}. */
export interface ToTensorsOptions {
  /** `'flat'` gives x of shape [count, rows*cols*channels] (for MLPs); `'image'` gives [count, rows, cols, channels] (for convnets). @default 'flat' */
  layout?: 'flat' | 'image';
  /** `true` gives y one-hot float32 [count, numClasses]; `false` gives int32 class indices [count]. @default true */
  oneHot?: boolean;
}

/**
 * Turns a plain-array dataset into tfjs tensors, built inside `tf.tidy` so nothing leaks.
 * Uint8 pixels become float32 in [0, 1]. The caller owns (and must dispose) `x` and `y`.
 *
 * @returns `{ x, y }`
 * @throws DatasetOptionError for a layout other than `'flat'` or `'image'`
 * @example
 * ```ts
 * const { x, y } = datasetToTensors(await loadFashionMnist('test'), { layout: 'flat' });
 * // … model.evaluate(x, y) …
 * tf.dispose([x, y]);
 * ```
 */
export function datasetToTensors(ds: ImageDataset, opts: ToTensorsOptions = {}): { x: tf.Tensor; y: tf.Tensor } {
  const layout = opts.layout ?? 'flat';
  if (layout !== 'flat' && layout !== 'image') {
    throw new DatasetOptionError('layout', `must be 'flat' ([count, rows*cols*channels], for MLPs) or 'image' ([count, rows, cols, channels], for convnets), got ${JSON.stringify(layout)}`);
  }
  const size = ds.rows * ds.cols * ds.channels;
  const shape = layout === 'image' ? [ds.count, ds.rows, ds.cols, ds.channels] : [ds.count, size];
  return tf.tidy(() => {
    const x = ds.images instanceof Uint8Array
      ? tf.div(tf.tensor(ds.images, shape, 'int32'), 255)
      : tf.tensor(ds.images, shape, 'float32');
    const indices = tf.tensor1d(Int32Array.from(ds.labels), 'int32');
    const y = opts.oneHot === false ? indices : tf.cast(tf.oneHot(indices, ds.numClasses), 'float32');
    return { x, y };
  });
}
