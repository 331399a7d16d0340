import * as tf from '@tensorflow/tfjs-core';
import { checkRange, configNumber, gradientList, registeredVariable, toSlots } from './optimizerState';
import type { NamedTensor, SlotVariable } from './optimizerState';

/** Options of {@link sgdw}. */
export interface SgdwOptions {
  /** Learning rate. */
  lr: number;
  /** Momentum (PyTorch convention: the buffer starts as the first gradient). @default 0.9 */
  momentum?: number;
  /** Nesterov momentum (PyTorch's formula `g + momentum * buf`). @default false */
  nesterov?: boolean;
  /** Weight decay. @default 0 */
  weightDecay?: number;
  /**
   * true: decoupled decay `p *= 1 - lr * wd` (Loshchilov & Hutter, SGDW; fastai);
   * false: L2 added to the gradient before momentum (torch.optim.SGD's weight_decay).
   * @default true
   */
  decoupled?: boolean;
}

/**
 * SGD with momentum and (decoupled) weight decay whose lr, momentum and weight decay may change
 * before every step. Matches torch.optim.SGD (dampening 0) when `decoupled` is false.
 */
export class SGDW extends tf.Optimizer {
  /** Name used by tfjs serialization. */
  static get className(): string {
    return 'SGDW';
  }
  /**
   * Real prototype check: tf.Optimizer's own `instanceof` is duck-typed, which would make every
   * optimizer an instance of every subclass.
   * @param x - anything
   * @returns whether x was made by this class
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'object' && x !== null && Object.prototype.isPrototypeOf.call(SGDW.prototype, x);
  }
  /** Learning rate of the next step. */
  learningRate: number;
  /** Momentum of the next step. */
  momentum: number;
  /** Weight decay of the next step. */
  weightDecay: number;
  /** Nesterov momentum. */
  readonly nesterov: boolean;
  /** Decoupled (SGDW) or L2 weight decay. */
  readonly decoupled: boolean;
  private buffers: SlotVariable[] = [];

  /** @param opts - see {@link SgdwOptions} */
  constructor(opts: SgdwOptions) {
    super();
    this.learningRate = checkRange(configNumber(opts.lr, 'sgdw lr'), 'sgdw lr', 0, Infinity);
    this.momentum = checkRange(configNumber(opts.momentum, 'sgdw momentum', 0.9), 'sgdw momentum', 0, 1, true);
    this.weightDecay = checkRange(configNumber(opts.weightDecay, 'sgdw weightDecay', 0), 'sgdw weightDecay', 0, Infinity);
    this.nesterov = opts.nesterov ?? false;
    this.decoupled = opts.decoupled ?? true;
  }

  /**
   * One step: `d = momentum ? buf : g` (nesterov `g + m*buf`), `p -= lr*d`, weight decay as configured.
   * @param variableGradients - gradients by variable name
   */
  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const lr = this.learningRate;
    const mom = this.momentum;
    const wd = this.weightDecay;
    for (const [name, gradient] of gradientList(variableGradients)) {
      const value = registeredVariable(name);
      tf.tidy(() => {
        let g: tf.Tensor = gradient;
        if (!this.decoupled && wd !== 0) g = tf.add(g, tf.mul(value, wd));
        let d = g;
        if (mom !== 0) {
          const slot = this.buffers.find((b) => b.originalName === `${name}/momentum`);
          if (slot === undefined) {
            this.buffers.push({ originalName: `${name}/momentum`, variable: tf.keep(tf.variable(g.clone(), false)) });
            d = this.nesterov ? tf.add(g, tf.mul(g, mom)) : g;
          } else {
            const buf = tf.add(tf.mul(slot.variable, mom), g);
            slot.variable.assign(buf);
            d = this.nesterov ? tf.add(g, tf.mul(buf, mom)) : buf;
          }
        }
        let p: tf.Tensor = value;
        if (this.decoupled && wd !== 0) p = tf.mul(p, 1 - lr * wd);
        value.assign(tf.sub(p, tf.mul(d, lr)));
      });
    }
    this.incrementIterations();
  }

  /** Disposes the momentum buffers. */
  override dispose(): void {
    tf.dispose(this.buffers.map((b) => b.variable));
    this.buffers = [];
  }

  /** @returns the iteration count and momentum buffers */
  override async getWeights(): Promise<NamedTensor[]> {
    return [await this.saveIterations()].concat(this.buffers.map((b) => ({ name: b.originalName, tensor: b.variable })));
  }

  /** @param weightValues - as returned by getWeights */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    tf.dispose(this.buffers.map((b) => b.variable));
    this.buffers = toSlots(rest);
  }

  /** @returns the hyper-parameters */
  getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      momentum: this.momentum,
      nesterov: this.nesterov,
      weightDecay: this.weightDecay,
      decoupled: this.decoupled,
    };
  }

  /**
   * @param cls - the class
   * @param config - from getConfig
   * @returns a new optimizer
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({
      lr: config['learningRate'],
      momentum: config['momentum'],
      nesterov: config['nesterov'] === true,
      weightDecay: config['weightDecay'],
      decoupled: config['decoupled'] !== false,
    });
  }
}

tf.serialization.registerClass(SGDW);

/**
 * Creates an {@link SGDW} optimizer.
 * @param opts - lr, momentum (0.9), nesterov (false), weightDecay (0), decoupled (true)
 * @returns the optimizer
 * @example
 * ```ts
 * const opt = sgdw({ lr: 0.1, momentum: 0.9, weightDecay: 1e-4 });
 * model.compile({ optimizer: opt, loss: 'meanSquaredError' });
 * hyperParams(opt).set({ lr: 0.05, mom: 0.85 });
 * ```
 */
export function sgdw(opts: SgdwOptions): SGDW {
  return new SGDW(opts);
}
