import * as tf from '@tensorflow/tfjs-core';
import { adamw, sgdw } from '@onecycle/optim';
import { LearnerOptionError } from './errors';

/** Makes a fresh optimizer; called once per layer group. */
export type OptimizerFactory = () => tf.Optimizer;

/** What the learner accepts as an optimizer. */
export type OptimizerInput = tf.Optimizer | 'sgdw' | 'adamw' | OptimizerFactory;

/**
 * One optimizer per layer group: `'sgdw'` (momentum 0.9, the default), `'adamw'` (its `mom` is
 * beta1), a factory called once per group, or one optimizer instance (single group only).
 *
 * @param input - the optimizer choice
 * @param groups - number of layer groups
 * @returns the optimizers, first group first
 */
export function makeOptimizers(input: OptimizerInput | undefined, groups: number): tf.Optimizer[] {
  const choice = input ?? 'sgdw';
  if (choice instanceof tf.Optimizer) {
    if (groups !== 1) {
      throw new LearnerOptionError(`one optimizer instance cannot serve ${groups} layer groups: pass optimizer 'sgdw', 'adamw' or a factory () => tf.Optimizer (called once per group)`);
    }
    return [choice];
  }
  const make: OptimizerFactory =
    choice === 'sgdw' ? () => sgdw({ lr: 1e-3, momentum: 0.9 })
    : choice === 'adamw' ? () => adamw({ lr: 1e-3 })
    : typeof choice === 'function' ? choice
    : (() => {
        throw new LearnerOptionError(`optimizer must be 'sgdw', 'adamw', a tf.Optimizer or a factory, got ${String(choice)}`);
      })();
  return Array.from({ length: groups }, () => make());
}

/**
 * Recreates an optimizer from its registered class name and config (tfjs serialization).
 * @param className - as `getClassName()` returned
 * @param config - as `getConfig()` returned
 */
export function optimizerFromConfig(className: string, config: tf.serialization.ConfigDict): tf.Optimizer {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (entry === undefined) throw new LearnerOptionError(`optimizer class ${className} is not registered with tf.serialization: pass optimizer to Learner.load`);
  const [cls, fromConfig] = entry;
  const opt = fromConfig(cls, config);
  if (!(opt instanceof tf.Optimizer)) throw new LearnerOptionError(`registered class ${className} is not a tf.Optimizer`);
  return opt;
}
