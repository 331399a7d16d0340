import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import type { Shape } from '@tensorflow/tfjs-layers';
import { ModelInputError, ModelOptionError } from './errors';

type LayerArgs = NonNullable<ConstructorParameters<typeof layers.Layer>[0]>;

function single(shape: Shape | Shape[]): Shape {
  const out: Shape = [];
  for (const d of shape) {
    if (Array.isArray(d)) return d;
    out.push(d);
  }
  return out;
}

/**
 * Every `s`-th row and column from the first, `x[:, ::s, ::s, :]`, by padding to a multiple of
 * `s`, reshaping to `[n, h/s, s, w/s, s, c]` and slicing index 0 — ops whose gradients are cheap
 * (a gather's gradient is a slow segment sum on the CPU backend).
 */
function subsample(x: tf.Tensor, s: number): tf.Tensor {
  const [n = 0, h = 0, w = 0, c = 0] = x.shape;
  const ho = Math.ceil(h / s);
  const wo = Math.ceil(w / s);
  const padded = ho * s === h && wo * s === w ? x : tf.pad(x, [[0, 0], [0, ho * s - h], [0, wo * s - w], [0, 0]]);
  const grid = tf.reshape(padded, [n, ho, s, wo, s, c]);
  return tf.reshape(tf.slice(grid, [0, 0, 0, 0, 0, 0], [n, ho, 1, wo, 1, c]), [n, ho, wo, c]);
}

/** Options of {@link ChannelZeroPad}. */
export interface ChannelZeroPadArgs extends LayerArgs {
  /** Zero channels added (split between the front and the back). */
  extraChannels: number;
  /** Spatial subsampling: keep every `stride`-th row and column. @default 1 */
  stride?: number;
}

/**
 * The parameter-free "option A" shortcut of He et al. (2016, sec. 4.2, CIFAR ResNets): the input
 * subsampled by `stride` (every other pixel) with `extraChannels` zero feature maps added, half
 * before and half after the existing ones, so the identity path matches a wider, strided block.
 * Registered with `tf.serialization` as `OnecycleChannelZeroPad` so models using it save and load.
 *
 * @example
 * ```ts
 * const shortcut = new ChannelZeroPad({ extraChannels: 16, stride: 2 }).apply(x);
 * ```
 */
export class ChannelZeroPad extends layers.Layer {
  /** The name tf.serialization knows this layer by. */
  static readonly className = 'OnecycleChannelZeroPad';
  private readonly extraChannels: number;
  private readonly stride: number;

  /**
   * @param args - extra channels, stride and the usual layer arguments
   * @throws ModelOptionError when `extraChannels` is not a whole number >= 0 or `stride` not one >= 1
   */
  constructor(args: ChannelZeroPadArgs) {
    const { extraChannels, stride, ...rest } = args;
    if (!(Number.isInteger(extraChannels) && extraChannels >= 0)) {
      throw new ModelOptionError(`ChannelZeroPad extraChannels must be a whole number >= 0 (zero feature maps added), got ${JSON.stringify(extraChannels)}`);
    }
    if (stride !== undefined && !(Number.isInteger(stride) && stride >= 1)) {
      throw new ModelOptionError(`ChannelZeroPad stride must be a whole number >= 1 (keep every stride-th row and column), got ${JSON.stringify(stride)}`);
    }
    super(rest);
    this.extraChannels = extraChannels;
    this.stride = stride ?? 1;
  }

  /** @returns the output shape `[n, ceil(h / stride), ceil(w / stride), c + extraChannels]` */
  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = single(inputShape);
    const dim = (d: number | null | undefined): number | null => (d === null || d === undefined ? null : Math.ceil(d / this.stride));
    const c = s[3];
    return [s[0] ?? null, dim(s[1]), dim(s[2]), c === null || c === undefined ? null : c + this.extraChannels];
  }

  /** @returns the subsampled, zero-padded input */
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (x === undefined || x.rank !== 4) throw new ModelInputError(`ChannelZeroPad expects one rank-4 input [batch, height, width, channels], got rank ${x?.rank ?? 'none'}`);
      const sub = this.stride === 1 ? x : subsample(x, this.stride);
      const before = Math.floor(this.extraChannels / 2);
      return tf.pad(sub, [[0, 0], [0, 0], [0, 0], [before, this.extraChannels - before]]);
    });
  }

  /** @returns the layer config, for saving */
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), extraChannels: this.extraChannels, stride: this.stride };
  }
}

tf.serialization.registerClass(ChannelZeroPad);
