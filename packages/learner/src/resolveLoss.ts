import * as tf from '@tensorflow/tfjs-core';
import { metrics as tfm } from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { compiledParts } from './compiledParts';
import { LearnerOptionError } from './errors';

/** A loss: per-sample or scalar; the learner takes the mean (as `model.fit` does). */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** A metric: per-sample or scalar values, averaged over the validation set. Its `name` labels it. */
export type MetricFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** A resolved metric. */
export interface NamedMetric {
  name: string;
  fn: MetricFn;
}

function sparseCategoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const depth = yPred.shape[yPred.shape.length - 1] ?? 1;
    const labels = tf.cast(tf.reshape(yTrue, [-1]), 'int32');
    return tfm.categoricalCrossentropy(tf.oneHot(labels, depth), yPred);
  });
}

const LOSSES: Record<string, LossFn> = {
  categoricalCrossentropy: tfm.categoricalCrossentropy,
  sparseCategoricalCrossentropy,
  binaryCrossentropy: tfm.binaryCrossentropy,
  meanSquaredError: tfm.meanSquaredError,
  mse: tfm.meanSquaredError,
  meanAbsoluteError: tfm.meanAbsoluteError,
  mae: tfm.meanAbsoluteError,
};

/**
 * Whether a loss name can be resolved without a compiled model (so it can be saved by name).
 * @returns true for the names `resolveLoss` knows
 */
export function isKnownLoss(name: string): boolean {
  return name in LOSSES;
}

/**
 * Picks the loss function: the one given, the name given, or the loss the LayersModel was compiled with.
 *
 * @param loss - a function, a name, or undefined
 * @param model - the LayersModel, if any
 * @returns the loss function and its name
 */
export function resolveLoss(loss: string | LossFn | undefined, model: LayersModel | undefined): { fn: LossFn; name: string } {
  if (typeof loss === 'function') return { fn: loss, name: loss.name || 'loss' };
  if (typeof loss === 'string') {
    const fn = LOSSES[loss];
    if (fn === undefined) throw new LearnerOptionError(`loss "${loss}" is not known; use one of ${Object.keys(LOSSES).join(', ')} or pass a function (yTrue, yPred) => tf.Tensor`);
    return { fn, name: loss };
  }
  const compiled = compiledParts(model).loss;
  if (compiled !== undefined) return compiled;
  throw new LearnerOptionError('no loss: pass loss (a name such as "categoricalCrossentropy" or a function), or give a compiled LayersModel');
}

function accuracyFor(lossName: string): MetricFn {
  if (lossName === 'sparseCategoricalCrossentropy') {
    return (yTrue, yPred) => tfm.sparseCategoricalAccuracy(tf.reshape(yTrue, [-1, 1]), yPred);
  }
  if (lossName === 'binaryCrossentropy') return tfm.binaryAccuracy;
  return tfm.categoricalAccuracy;
}

/**
 * Resolves metric names and functions. `'accuracy'` (or `'acc'`) follows the loss as tfjs does:
 * sparse, binary or categorical accuracy.
 *
 * @param list - metric names or functions
 * @param lossName - the loss name, to pick the accuracy kind
 * @returns named metrics
 */
export function resolveMetrics(list: ReadonlyArray<string | MetricFn>, lossName: string): NamedMetric[] {
  const known: Record<string, () => MetricFn> = {
    accuracy: () => accuracyFor(lossName),
    acc: () => accuracyFor(lossName),
    mae: () => tfm.meanAbsoluteError,
    meanAbsoluteError: () => tfm.meanAbsoluteError,
    mse: () => tfm.meanSquaredError,
    meanSquaredError: () => tfm.meanSquaredError,
    categoricalAccuracy: () => tfm.categoricalAccuracy,
    binaryAccuracy: () => tfm.binaryAccuracy,
    sparseCategoricalAccuracy: () => accuracyFor('sparseCategoricalCrossentropy'),
    precision: () => tfm.precision,
    recall: () => tfm.recall,
  };
  return list.map((m, i) => {
    if (typeof m === 'function') return { name: m.name || `metric${i}`, fn: m };
    const make = known[m];
    if (make === undefined) throw new LearnerOptionError(`metric "${m}" is not known; use one of ${Object.keys(known).join(', ')} or pass a function`);
    return { name: m === 'acc' ? 'accuracy' : m, fn: make() };
  });
}
