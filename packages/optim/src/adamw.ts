import * as tf from '@tensorflow/tfjs-core';
import { checkRange, configNumber, gradientList, registeredVariable } from './slotVariable';
import type { NamedTensor, SlotVariable } from './slotVariable';
import { SlotOptimizer } from './slotOptimizer';
import { checkOptimOptions } from './checkOptimOptions';

const ADAMW_OPTIONS = ['lr', 'beta1', 'beta2', 'epsilon', 'weightDecay'] as const;

/** Options of {@link adamw}. */
export interface AdamwOptions {
  /** Learning rate. */
  lr: number;
  /** Decay of the first moment (the "momentum" schedulers cycle). @default 0.9 */
  beta1?: number;
  /** Decay of the second moment. @default 0.999 */
  beta2?: number;
  /** Added to the denominator. @default 1e-8 */
  epsilon?: number;
  /** Decoupled weight decay, `p *= 1 - lr * wd`. @default 0.01 */
  weightDecay?: number;
}

/** Slot lists of {@link AdamW}: first and second moment estimates. */
const FIRST = 0;
const SECOND = 1;

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter, "Decoupled Weight Decay Regularization";
 * torch.optim.AdamW). lr, beta1, beta2 and weight decay may change before every step; the bias
 * correction uses the current betas, `1 - beta^t`, as PyTorch does.
 */
export class AdamW extends SlotOptimizer {
  /** Name used by tfjs serialization. */
  static get className(): string {
    return 'AdamW';
  }
  /** Learning rate of the next step. */
  learningRate: number;
  /** beta1 of the next step. */
  beta1: number;
  /** beta2 of the next step. */
  beta2: number;
  epsilon: number;
  /** Weight decay of the next step. */
  weightDecay: number;
  private firstMoments: SlotVariable[] = [];
  private secondMoments: SlotVariable[] = [];

  /** @param opts - see {@link AdamwOptions} */
  constructor(opts: AdamwOptions) {
    super();
    checkOptimOptions(opts, 'adamw', ADAMW_OPTIONS);
    this.learningRate = checkRange(configNumber(opts.lr, 'adamw lr'), 'adamw lr', 0, Infinity);
    this.beta1 = checkRange(configNumber(opts.beta1, 'adamw beta1', 0.9), 'adamw beta1', 0, 1, true);
    this.beta2 = checkRange(configNumber(opts.beta2, 'adamw beta2', 0.999), 'adamw beta2', 0, 1, true);
    this.epsilon = checkRange(configNumber(opts.epsilon, 'adamw epsilon', 1e-8), 'adamw epsilon', 0, Infinity);
    this.weightDecay = checkRange(configNumber(opts.weightDecay, 'adamw weightDecay', 0.01), 'adamw weightDecay', 0, Infinity);
  }

  /**
   * One AdamW step (torch.optim.AdamW, amsgrad off).
   * @param variableGradients - gradients by variable name
   */
  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const { learningRate: lr, beta1, beta2, epsilon, weightDecay: wd } = this;
    const t = this.iterations + 1;
    const stepSize = lr / (1 - beta1 ** t);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
    for (const [name, gradient] of gradientList(variableGradients)) {
      const value = registeredVariable(name);
      const m = this.moment(FIRST, `${name}/m`, value);
      const v = this.moment(SECOND, `${name}/v`, value);
      tf.tidy(() => {
        const p = wd !== 0 ? tf.mul(value, 1 - lr * wd) : value;
        const newM = tf.add(tf.mul(m, beta1), tf.mul(gradient, 1 - beta1));
        const newV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
        m.assign(newM);
        v.assign(newV);
        const denom = tf.add(tf.div(tf.sqrt(newV), bc2Sqrt), epsilon);
        value.assign(tf.sub(p, tf.mul(tf.div(newM, denom), stepSize)));
      });
    }
    this.incrementIterations();
  }

  /**
   * @returns the FIRST and SECOND moment lists
   * @internal
   */
  protected get slotLists(): SlotVariable[][] {
    return [this.firstMoments, this.secondMoments];
  }

  protected set slotLists([firstMoments = [], secondMoments = []]: SlotVariable[][]) {
    this.firstMoments = firstMoments;
    this.secondMoments = secondMoments;
  }

  private moment(list: number, originalName: string, like: tf.Variable): tf.Variable {
    return this.findSlot(list, originalName) ?? this.addSlot(list, originalName, tf.tidy(() => tf.variable(tf.zerosLike(like), false)));
  }

  /** @returns the hyper-parameters */
  getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
    };
  }

  /**
   * @param config - from getConfig
   * @returns a new optimizer
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({
      lr: config['learningRate'],
      beta1: config['beta1'],
      beta2: config['beta2'],
      epsilon: config['epsilon'],
      weightDecay: config['weightDecay'],
    });
  }
}

tf.serialization.registerClass(AdamW);

/**
 * Creates an {@link AdamW} optimizer.
 * @param opts - lr, beta1 (0.9), beta2 (0.999), epsilon (1e-8), weightDecay (0.01)
 * @example
 * ```ts
 * const opt = adamw({ lr: 1e-3, weightDecay: 0.01 });
 * model.compile({ optimizer: opt, loss: 'categoricalCrossentropy' });
 * hyperParams(opt).set({ lr: 3e-3, mom: 0.85 }); // mom is beta1
 * ```
 */
export function adamw(opts: AdamwOptions): AdamW {
  return new AdamW(opts);
}
