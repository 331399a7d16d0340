import type * as tf from '@tensorflow/tfjs-core';
import { LayersModel } from '@tensorflow/tfjs-layers';
import type { LossFn, MetricFn } from './resolveLoss';

/** What `model.compile` gave a LayersModel, as the learner uses it when options leave it out. */
export interface CompiledParts {
  /** The compiled loss and its name (the name is `'loss'` for a function). */
  loss: { fn: LossFn; name: string } | undefined;
  /** The compiled metrics (names or functions); undefined when none or given per output. */
  metrics: Array<string | MetricFn> | undefined;
  optimizer: tf.Optimizer | undefined;
}

/**
 * The model that holds the compiled state: a `tf.Sequential` compiles (and trains) an inner
 * LayersModel and keeps only some of the compiled fields itself, so its loss functions are
 * read from the inner one.
 */
function trainingModel(model: LayersModel): LayersModel {
  const inner: unknown = Reflect.get(model, 'model');
  return model.lossFunctions === undefined && inner instanceof LayersModel ? inner : model;
}

/**
 * Reads the loss, metrics and optimizer a Sequential or functional model was compiled with.
 * @param model - the LayersModel, or undefined for a custom model
 * @returns the parts, each undefined when absent
 */
export function compiledParts(model: LayersModel | undefined): CompiledParts {
  if (model === undefined) return { loss: undefined, metrics: undefined, optimizer: undefined };
  const m = trainingModel(model);
  const fn = m.lossFunctions?.[0];
  const lossName: unknown = m.loss;
  const loss = fn === undefined ? undefined : { fn, name: typeof lossName === 'string' ? lossName : 'loss' };
  const raw: unknown = m.metrics;
  const list = typeof raw === 'string' || typeof raw === 'function' ? [raw] : Array.isArray(raw) ? raw : undefined;
  const metrics = list?.every((x): x is string | MetricFn => typeof x === 'string' || typeof x === 'function') === true ? list : undefined;
  const optimizer: tf.Optimizer | undefined = model.optimizer ?? m.optimizer ?? undefined;
  return { loss, metrics, optimizer };
}
