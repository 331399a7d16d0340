import * as tf from '@tensorflow/tfjs-core';
import { checkRange, configNumber, gradientList, registeredVariable } from './slotVariable';
import type { NamedTensor, SlotVariable } from './slotVariable';
import { SlotOptimizer } from './slotOptimizer';
import { checkOptimOptions, optimBoolean } from './checkOptimOptions';

const SGDW_OPTIONS = ['lr', 'momentum', 'nesterov', 'weightDecay', 'decoupled'] as const;

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

/** The slot list of {@link SGDW}: momentum buffers. */
const BUFFERS = 0;

/**
 * SGD with momentum and (decoupled) weight decay whose lr, momentum and weight decay may change
 * before every step. Matches torch.optim.SGD (dampening 0) when `decoupled` is false.
 */
export class SGDW extends SlotOptimizer {
  /** Name used by tfjs serialization. */
  static get className(): string {
    return 'SGDW';
  }
  /** Learning rate of the next step. */
  learningRate: number;
  /** Momentum of the next step. */
  momentum: number;
  /** Weight decay of the next step. */
  weightDecay: number;
  readonly nesterov: boolean;
  /** Decoupled (SGDW) or L2 weight decay. */
  readonly decoupled: boolean;
  private buffers: SlotVariable[] = [];

  /** @param opts - see {@link SgdwOptions} */
  constructor(opts: SgdwOptions) {
    super();
    checkOptimOptions(opts, 'sgdw', SGDW_OPTIONS);
    this.learningRate = checkRange(configNumber(opts.lr, 'sgdw lr'), 'sgdw lr', 0, Infinity);
    this.momentum = checkRange(configNumber(opts.momentum, 'sgdw momentum', 0.9), 'sgdw momentum', 0, 1, true);
    this.weightDecay = checkRange(configNumber(opts.weightDecay, 'sgdw weightDecay', 0), 'sgdw weightDecay', 0, Infinity);
    this.nesterov = optimBoolean(opts.nesterov, 'sgdw nesterov', false);
    this.decoupled = optimBoolean(opts.decoupled, 'sgdw decoupled', true);
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
          const slot = this.findSlot(BUFFERS, `${name}/momentum`);
          if (slot === undefined) {
            this.addSlot(BUFFERS, `${name}/momentum`, tf.keep(tf.variable(g.clone(), false)));
            d = this.nesterov ? tf.add(g, tf.mul(g, mom)) : g;
          } else {
            const buf = tf.add(tf.mul(slot, mom), g);
            slot.assign(buf);
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

  /**
   * @returns the BUFFERS list
   * @internal
   */
  protected get slotLists(): SlotVariable[][] {
    return [this.buffers];
  }

  protected set slotLists([buffers = []]: SlotVariable[][]) {
    this.buffers = buffers;
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
