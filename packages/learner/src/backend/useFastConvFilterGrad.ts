import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors';

const KERNEL = 'Conv2DBackpropFilter';

type Values = Float32Array | Int32Array | Uint8Array | Uint8Array[];

/** The two methods of tfjs's CPU backend this kernel uses (both public `KernelBackend` API). */
interface CpuLike {
  readSync(dataId: object): Values;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

function isCpuLike(b: unknown): b is CpuLike {
  return typeof b === 'object' && b !== null && 'readSync' in b && typeof b.readSync === 'function'
    && 'makeTensorInfo' in b && typeof b.makeTensorInfo === 'function';
}

const isPair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number');
const isQuad = (v: unknown): v is [number, number, number, number] => Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number');
type Pad = 'same' | 'valid' | number;
const isPad = (v: unknown): v is Pad => v === 'same' || v === 'valid' || typeof v === 'number';
const isRounding = (v: unknown): v is 'floor' | 'round' | 'ceil' => v === 'floor' || v === 'round' || v === 'ceil';

function floats(v: Values): Float32Array {
  if (v instanceof Float32Array) return v;
  if (Array.isArray(v)) throw new BackendError('Conv2DBackpropFilter: string tensors have no convolution gradient');
  return Float32Array.from(v);
}

/**
 * The filter gradient of a 2D convolution (NHWC, no dilation) in tight typed-array loops:
 * `dW[ky, kx, ci, co] = sum over (b, y, x) of X[b, y*s + ky - pad, x*s + kx - pad, ci] * dY[b, y, x, co]`.
 *
 * @param x - input values `[batch, inH, inW, inC]`
 * @param dy - output-gradient values `[batch, outH, outW, outC]`
 * @param info - tfjs's convolution geometry
 * @returns `dW` values, `[fH, fW, inC, outC]`
 */
export function convFilterGrad(x: Float32Array, dy: Float32Array, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dw = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        const dyOff = ((b * outHeight + yr) * outWidth + yc) * outChannels;
        for (let ky = 0; ky < filterHeight; ky++) {
          const xr = yr * strideHeight + ky - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let kx = 0; kx < filterWidth; kx++) {
            const xc = yc * strideWidth + kx - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xOff = ((b * inHeight + xr) * inWidth + xc) * inChannels;
            const wOff = (ky * filterWidth + kx) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const xv = x[xOff + ci] ?? 0;
              if (xv === 0) continue;
              const row = wOff + ci * outChannels;
              for (let co = 0; co < outChannels; co++) dw[row + co] = (dw[row + co] ?? 0) + xv * (dy[dyOff + co] ?? 0);
            }
          }
        }
      }
    }
  }
  return dw;
}

/** Undoes one {@link useFastConvFilterGrad} call; calling it again does nothing. */
export type RestoreKernel = () => void;

/** The stock kernel while the fast one is registered, and how many callers still want the fast one. */
let installed: { original: tf.KernelConfig; users: number } | undefined;

function fastKernel(original: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (params) => {
    const { inputs, backend, attrs } = params;
    const x = inputs['x'];
    const dy = inputs['dy'];
    const strides = attrs?.['strides'];
    const pad = attrs?.['pad'];
    const filterShape = attrs?.['filterShape'];
    const rounding = attrs?.['dimRoundingMode'];
    const xShape = x?.shape;
    if (
      x === undefined || dy === undefined || !isCpuLike(backend) || attrs?.['dataFormat'] !== 'NHWC'
      || !isQuad(xShape) || !isQuad(filterShape) || !isPad(pad)
      || !(typeof strides === 'number' || isPair(strides)) || !(rounding === undefined || isRounding(rounding))
    ) {
      return original.kernelFunc(params);
    }
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, rounding, false, 'channelsLast');
    const dw = convFilterGrad(floats(backend.readSync(x.dataId)), floats(backend.readSync(dy.dataId)), info);
    return backend.makeTensorInfo([...filterShape], 'float32', dw);
  };
  return { ...original, kernelFunc };
}

/**
 * Replaces the pure-JS `cpu` backend's `Conv2DBackpropFilter` kernel (the filter gradient of
 * every convolution, computed there with generic per-element indexing and tens of times slower
 * than the forward pass) by {@link convFilterGrad}, for NHWC convolutions with a number or
 * 'same'/'valid' padding; anything else still goes to the original kernel. Same results up to
 * float rounding. The Learner does this for the length of each fit and `lrFind` on the `cpu`
 * backend (unless `fastKernels: false`); call it yourself to speed up `model.fit`.
 *
 * The kernel registry is global to the process, so calls are counted: the stock kernel comes
 * back when every caller has restored.
 *
 * @returns a function that puts the original kernel back (once the last caller has restored)
 * @example
 * ```ts
 * const restore = useFastConvFilterGrad();
 * try { await model.fit(x, y, { epochs: 1 }); } finally { restore(); }
 * ```
 */
export function useFastConvFilterGrad(): RestoreKernel {
  if (installed === undefined) {
    const original = tf.getKernel(KERNEL, 'cpu');
    if (original === undefined) return () => undefined;
    tf.unregisterKernel(KERNEL, 'cpu');
    tf.registerKernel(fastKernel(original));
    installed = { original, users: 0 };
  }
  installed.users++;
  let restored = false;
  return () => {
    if (restored || installed === undefined) return;
    restored = true;
    installed.users--;
    if (installed.users > 0) return;
    tf.unregisterKernel(KERNEL, 'cpu');
    tf.registerKernel(installed.original);
    installed = undefined;
  };
}

/**
 * Runs `fn` with {@link useFastConvFilterGrad} in place when `enabled` and the active backend is
 * `cpu` (the other backends have their own kernels), restoring the stock kernel afterwards, even
 * when `fn` throws.
 *
 * @param enabled - the Learner's `fastKernels` option
 * @returns what `fn` returns
 */
export async function withFastCpuKernels<T>(enabled: boolean, fn: () => Promise<T>): Promise<T> {
  const restore = enabled && tf.getBackend() === 'cpu' ? useFastConvFilterGrad() : undefined;
  try {
    return await fn();
  } finally {
    restore?.();
  }
}
