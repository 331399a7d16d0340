import { layers, sequential } from '@tensorflow/tfjs-layers';
import type { Sequential } from '@tensorflow/tfjs-layers';
import { zooInit } from './zooInit';
import { ModelOptionError } from './errors';
import { checkZooInput } from './zooInput';
import type { ZooInput } from './zooInput';

/** Options of {@link mlp}. */
export interface MlpOptions {
  /** Units of each hidden layer. @default [256, 128] */
  hidden?: readonly number[];
  /**
   * Batch normalisation after each hidden linear layer, before the ReLU (the dense layer then has
   * no bias), with PyTorch's defaults (running-average momentum 0.1, i.e. tfjs momentum 0.9; eps 1e-5).
   * @default false
   */
  batchNorm?: boolean;
  /** Dropout rate after each hidden ReLU, in [0, 1). @default 0 */
  dropout?: number;
}

/**
 * A multi-layer perceptron classifier: flatten (when the input is an image), then for each hidden
 * size `dense -> [batchNorm] -> relu -> [dropout]`, then `dense(numClasses, softmax)`. With
 * `hidden: [256, 128], batchNorm: true` on 28x28 inputs it is the 784-256-128-10 MLP with batch
 * norm of the super-convergence experiment (Smith & Topin 2017, scaled to a CPU).
 *
 * @param opts - input shape, classes, hidden sizes, batch norm, dropout and init seed
 * @returns an uncompiled `tf.Sequential`
 * @throws ModelOptionError for a hidden size that is not a positive whole number or a dropout outside [0, 1)
 * @example
 * ```ts
 * const model = mlp({ inputShape: [784], numClasses: 10, hidden: [256, 128], batchNorm: true, seed: 0 });
 * ```
 */
export function mlp(opts: MlpOptions & ZooInput): Sequential {
  checkZooInput(opts, 'mlp');
  const bn = opts.batchNorm ?? false;
  const dropout = opts.dropout ?? 0;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
    throw new ModelOptionError(`model.dropout must be a number in [0, 1), got ${JSON.stringify(dropout)}`);
  }
  const hidden = opts.hidden ?? [256, 128];
  hidden.forEach((u, i) => {
    if (!(Number.isInteger(u) && u >= 1)) throw new ModelOptionError(`model.hidden[${i}] must be a positive whole number, got ${JSON.stringify(u)}`);
  });
  const init = zooInit(opts.seed);
  const model = sequential();
  const first = { inputShape: [...opts.inputShape] };
  if (opts.inputShape.length > 1) model.add(layers.flatten(first));
  hidden.forEach((units, i) => {
    const shape = i === 0 && opts.inputShape.length === 1 ? first : {};
    model.add(layers.dense({ ...shape, units, useBias: !bn, kernelInitializer: init.he() }));
    if (bn) model.add(layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
    model.add(layers.reLU());
    if (dropout > 0) model.add(layers.dropout({ rate: dropout, ...(opts.seed === undefined ? {} : { seed: opts.seed * 1000 + 500 + i }) }));
  });
  const last = hidden.length === 0 && opts.inputShape.length === 1 ? first : {};
  model.add(layers.dense({ ...last, units: opts.numClasses, activation: 'softmax', kernelInitializer: init.glorot() }));
  return model;
}
