import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors';

/** The one member of tfjs-backend-wasm's `BackendWasm` this kernel uses: freeing a heap tensor. */
interface Disposer {
  disposeData(dataId: object): boolean;
}

const isDisposer = (b: unknown): b is Disposer =>
  typeof b === 'object' && b !== null && 'disposeData' in b && typeof b.disposeData === 'function';
const isQuad = (v: unknown): v is [number, number, number, number] => Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number');
const isUnitStride = (s: unknown): boolean => s === 1 || (Array.isArray(s) && s.length === 2 && s[0] === 1 && s[1] === 1);
const isPadSpec = (v: unknown): v is 'same' | 'valid' | number => v === 'same' || v === 'valid' || typeof v === 'number';
const isRounding = (v: unknown): v is 'floor' | 'round' | 'ceil' => v === 'floor' || v === 'round' || v === 'ceil';

function single(out: tf.TensorInfo | tf.TensorInfo[], what: string): tf.TensorInfo {
  if (Array.isArray(out)) throw new BackendError(`the wasm ${what} kernel returned several tensors`);
  return out;
}

/**
 * Wraps tfjs-backend-wasm's `Conv2DBackpropInput` (the input gradient of a convolution, computed
 * there with plain loops, ~10x slower than the forward pass) for stride-1 NHWC convolutions: the
 * input gradient of a stride-1 correlation is the "full" correlation of the output gradient with
 * the filter rotated by 180 degrees and its channel axes swapped (Dumoulin & Visin 2016, "A guide
 * to convolution arithmetic", sec. 4.1), which the backend's forward `Conv2D` (XNNPACK) computes
 * with padding `filter - 1 - pad` on each side. Strided convolutions, and paddings wider than the
 * filter, still go to the original kernel.
 *
 * @param original - the wasm backend's own `Conv2DBackpropInput` kernel config
 * @returns the kernel function to register in its place
 */
export function fastConv2DBackpropInput(original: tf.KernelConfig): tf.KernelFunc {
  const wrapped: tf.KernelFunc = (params) => {
    const { inputs, backend, attrs } = params;
    const dy = inputs['dy'];
    const filter = inputs['filter'];
    const inputShape = attrs?.['inputShape'];
    const pad = attrs?.['pad'];
    const rounding = attrs?.['dimRoundingMode'];
    const format = attrs?.['dataFormat'];
    const conv = tf.getKernel('Conv2D', 'wasm');
    const reverse = tf.getKernel('Reverse', 'wasm');
    const transpose = tf.getKernel('Transpose', 'wasm');
    if (
      dy === undefined || filter === undefined || !isQuad(inputShape) || !isQuad(filter.shape) || !isPadSpec(pad)
      || !(rounding === undefined || rounding === null || isRounding(rounding)) || (format !== undefined && format !== 'NHWC')
      || !isUnitStride(attrs?.['strides']) || conv === undefined || reverse === undefined || transpose === undefined || !isDisposer(backend)
    ) {
      return original.kernelFunc(params);
    }
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, 1, 1, pad, rounding ?? undefined, false, 'channelsLast');
    const { top, bottom, left, right } = info.padInfo;
    const fh = info.filterHeight;
    const fw = info.filterWidth;
    const full: tf.backend_util.ExplicitPadding = [[0, 0], [fh - 1 - top, fh - 1 - bottom], [fw - 1 - left, fw - 1 - right], [0, 0]];
    if (full.some(([a, b]) => a < 0 || b < 0)) return original.kernelFunc(params);
    const temps: tf.TensorInfo[] = [];
    try {
      const flipped = single(reverse.kernelFunc({ inputs: { x: filter }, backend, attrs: { dims: [0, 1] } }), 'Reverse');
      temps.push(flipped);
      const swapped = single(transpose.kernelFunc({ inputs: { x: flipped }, backend, attrs: { perm: [0, 1, 3, 2] } }), 'Transpose');
      temps.push(swapped);
      const dx = single(conv.kernelFunc({ inputs: { x: dy, filter: swapped }, backend, attrs: { strides: 1, pad: full, dataFormat: 'NHWC', dilations: 1 } }), 'Conv2D');
      if (dx.shape.length !== 4 || dx.shape.some((d, i) => d !== inputShape[i])) {
        backend.disposeData(dx.dataId);
        return original.kernelFunc(params);
      }
      return dx;
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
  return wrapped;
}
