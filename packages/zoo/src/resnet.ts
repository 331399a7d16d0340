import { SymbolicTensor, input, layers, model } from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { ChannelZeroPad } from './channelZeroPad';
import { zooInit } from './zooInit';
import type { ZooInit } from './zooInit';
import { checkZooInput } from './zooInput';
import type { ZooInput } from './zooInput';
import { ModelInputError, ModelOptionError, ZooError } from './errors';

/** How a block that changes width or resolution passes its input on. */
export type ShortcutKind = 'A' | 'projection';

/** Options of {@link resnet}. */
export interface ResnetOptions {
  /** Depth `6n + 2` (n basic blocks per stage): 8, 14, 20, 32, 44, 56, 110. @default 20 */
  depth?: number;
  /**
   * `'A'`: parameter-free identity, subsampled and zero-padded in channels (what He et al. used on
   * CIFAR-10); `'projection'`: a 1x1 strided convolution plus batch norm ("option B").
   * @default 'A'
   */
  shortcut?: ShortcutKind;
}

function sym(v: unknown): SymbolicTensor {
  if (v instanceof SymbolicTensor) return v;
  throw new ZooError('resnet: a layer did not return one symbolic tensor');
}

/** Batch norm with PyTorch's defaults (running-average momentum 0.1 = tfjs 0.9, eps 1e-5). */
const bn = (): ReturnType<typeof layers.batchNormalization> => layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });

function conv(filters: number, kernelSize: number, strides: number, init: ZooInit): ReturnType<typeof layers.conv2d> {
  return layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: init.he() });
}

function basicBlock(x: SymbolicTensor, filters: number, stride: number, shortcut: ShortcutKind, init: ZooInit): SymbolicTensor {
  const inChannels = x.shape[3] ?? filters;
  let y = sym(conv(filters, 3, stride, init).apply(x));
  y = sym(layers.reLU().apply(sym(bn().apply(y))));
  y = sym(bn().apply(sym(conv(filters, 3, 1, init).apply(y))));
  let s = x;
  if (stride !== 1 || inChannels !== filters) {
    s = shortcut === 'A'
      ? sym(new ChannelZeroPad({ extraChannels: filters - inChannels, stride }).apply(x))
      : sym(bn().apply(sym(conv(filters, 1, stride, init).apply(x))));
  }
  return sym(layers.reLU().apply(sym(layers.add().apply([y, s]))));
}

/**
 * The CIFAR-10 ResNet of He et al. (2016, "Deep Residual Learning", sec. 4.2), as used by Smith &
 * Topin's super-convergence experiments (ResNet-56): a 3x3 convolution with 16 filters, then three
 * stages of n basic blocks (two 3x3 convolutions with batch norm) with 16, 32 and 64 filters, the
 * first block of stages 2 and 3 striding by 2, then global average pooling and a softmax layer.
 * Depth = 6n + 2. Built with the tfjs layers functional API; He-normal initialization.
 *
 * @param opts - input shape `[height, width, channels]`, classes, depth, shortcut kind, init seed
 * @returns an uncompiled `tf.LayersModel`
 * @throws ModelOptionError for a depth that is not 6n+2; ModelInputError for a non-image input
 * @example
 * ```ts
 * const resnet56 = resnet({ inputShape: [32, 32, 3], numClasses: 10, depth: 56 }); // ~0.85M parameters
 * ```
 */
export function resnet(opts: ResnetOptions & ZooInput): LayersModel {
  checkZooInput(opts, 'resnet');
  const depth = opts.depth ?? 20;
  if (!Number.isInteger(depth) || depth < 8 || (depth - 2) % 6 !== 0) {
    throw new ModelOptionError(`model.depth must be 6n+2 with n >= 1 (8, 14, 20, 32, 44, 56, 110), got ${depth}`);
  }
  const shortcut = opts.shortcut ?? 'A';
  if (shortcut !== 'A' && shortcut !== 'projection') throw new ModelOptionError(`model.shortcut must be 'A' or 'projection', got '${String(shortcut)}'`);
  if (opts.inputShape.length !== 3) throw new ModelInputError(`model resnet needs image inputs [height, width, channels], got [${opts.inputShape.join(', ')}]`);
  const init = zooInit(opts.seed);
  const n = (depth - 2) / 6;
  const inp = input({ shape: [...opts.inputShape] });
  let x = sym(conv(16, 3, 1, init).apply(inp));
  x = sym(layers.reLU().apply(sym(bn().apply(x))));
  [16, 32, 64].forEach((filters, stage) => {
    for (let b = 0; b < n; b++) x = basicBlock(x, filters, stage > 0 && b === 0 ? 2 : 1, shortcut, init);
  });
  x = sym(layers.globalAveragePooling2d({}).apply(x));
  const out = sym(layers.dense({ units: opts.numClasses, activation: 'softmax', kernelInitializer: init.glorot() }).apply(x));
  return model({ inputs: inp, outputs: out, name: `resnet${depth}` });
}
