import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors';

/**
 * The members of tfjs-backend-wasm's `BackendWasm` this kernel uses: tensors live in the
 * WebAssembly heap; `makeOutput` allocates one there, `typedArrayFromHeap` views it without a copy
 * and `disposeData` frees it.
 */
interface WasmLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object): boolean;
}

function isWasmLike(b: unknown): b is WasmLike {
  return typeof b === 'object' && b !== null
    && 'makeOutput' in b && typeof b.makeOutput === 'function'
    && 'typedArrayFromHeap' in b && typeof b.typedArrayFromHeap === 'function'
    && 'disposeData' in b && typeof b.disposeData === 'function';
}

const isPair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number');
const isQuad = (v: unknown): v is [number, number, number, number] => Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number');
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
const isExplicit = (v: unknown): v is tf.backend_util.ExplicitPadding =>
  Array.isArray(v) && v.length === 4 && v.every((p) => isPair(p));
const isPad = (v: unknown): v is Pad => v === 'same' || v === 'valid' || typeof v === 'number' || isExplicit(v);
const isRounding = (v: unknown): v is 'floor' | 'round' | 'ceil' => v === 'floor' || v === 'round' || v === 'ceil';

function floats(a: Float32Array | Int32Array | Uint8Array, what: string): Float32Array {
  if (a instanceof Float32Array) return a;
  throw new BackendError(`Conv2DBackpropFilter on 'wasm': ${what} must be float32, got ${a.constructor.name}`);
}

/**
 * Writes the patch matrix of a 2D convolution (NHWC, no dilation) into `p`, laid out
 * `[filterHeight * filterWidth * inChannels, batch * outHeight * outWidth]`: row `(ky, kx, ci)`
 * holds, for every output position `(b, y, x)`, the input value that filter tap multiplies,
 * `X[b, y*s + ky - pad, x*s + kx - pad, ci]` (0 in the padding). This "im2col" transposed form
 * makes the filter gradient one plain matrix product with the output gradient (Chellapilla et al.
 * 2006, "High performance convolutional neural networks for document processing").
 *
 * @param x - input values `[batch, inH, inW, inC]`
 * @param p - output, `filterHeight * filterWidth * inC * batch * outH * outW` values
 * @param info - tfjs's convolution geometry
 */
export function im2colT(x: Float32Array, p: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize: nb, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  let o = 0;
  for (let ky = 0; ky < fh; ky++) {
    for (let kx = 0; kx < fw; kx++) {
      // the output columns whose input column is inside the image: x0 <= x < x1
      const x0 = Math.min(ow, Math.max(0, Math.ceil((left - kx) / sw)));
      const x1 = Math.max(x0, Math.min(ow, Math.floor((w - 1 + left - kx) / sw) + 1));
      for (let ci = 0; ci < c; ci++) {
        for (let b = 0; b < nb; b++) {
          for (let oy = 0; oy < oh; oy++) {
            const iy = oy * sh + ky - top;
            if (iy < 0 || iy >= h) {
              p.fill(0, o, o + ow);
              o += ow;
              continue;
            }
            if (x0 > 0) p.fill(0, o, o + x0);
            let src = ((b * h + iy) * w + x0 * sw + kx - left) * c + ci;
            const step = sw * c;
            for (let ox = x0; ox < x1; ox++, src += step) p[o + ox] = x[src] ?? 0;
            if (x1 < ow) p.fill(0, o + x1, o + ow);
            o += ow;
          }
        }
      }
    }
  }
}

/**
 * tfjs's `Conv2DBackpropFilter` (the filter gradient of every `conv2d`, which tfjs-backend-wasm
 * 4.22 does not have) for the `wasm` backend: the transposed patch matrix ({@link im2colT}) is
 * built in the WebAssembly heap, then multiplied by the output gradient, viewed as
 * `[batch * outH * outW, outChannels]` without a copy, by the backend's own `BatchMatMul` kernel
 * (XNNPACK, SIMD): `dW[(ky, kx, ci), co] = sum over (b, y, x) of P[(ky, kx, ci), (b, y, x)] * dY[(b, y, x), co]`,
 * which is already the `[fH, fW, inC, outC]` layout. NHWC only (what tfjs-layers uses), no dilation.
 */
export const wasmConv2DBackpropFilter: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs['x'];
  const dy = inputs['dy'];
  const strides = attrs?.['strides'];
  const pad = attrs?.['pad'];
  const filterShape = attrs?.['filterShape'];
  const rounding = attrs?.['dimRoundingMode'];
  const format = attrs?.['dataFormat'];
  if (x === undefined || dy === undefined || !isQuad(x.shape) || !isQuad(filterShape) || !isPad(pad)) {
    throw new BackendError(`Conv2DBackpropFilter on 'wasm' needs rank-4 x and dy, a rank-4 filterShape and a padding; got x ${JSON.stringify(x?.shape)}, filterShape ${JSON.stringify(filterShape)}, pad ${JSON.stringify(pad)}`);
  }
  if (format !== undefined && format !== 'NHWC') {
    throw new BackendError(`Conv2DBackpropFilter on 'wasm' supports dataFormat 'NHWC' only, got ${JSON.stringify(format)}: use channelsLast layers`);
  }
  if (!(typeof strides === 'number' || isPair(strides)) || !(rounding === undefined || rounding === null || isRounding(rounding))) {
    throw new BackendError(`Conv2DBackpropFilter on 'wasm': strides must be a number or [h, w] and dimRoundingMode floor/round/ceil, got ${JSON.stringify(strides)} and ${JSON.stringify(rounding)}`);
  }
  if (!isWasmLike(backend)) throw new BackendError("Conv2DBackpropFilter was registered for 'wasm' but called with another backend");
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  if (matMul === undefined) throw new BackendError("the 'wasm' backend has no BatchMatMul kernel: import '@tensorflow/tfjs-backend-wasm' 4.22 or later");
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, rounding ?? undefined, false, 'channelsLast');
  const rows = info.filterHeight * info.filterWidth * info.inChannels;
  const cols = info.batchSize * info.outHeight * info.outWidth;
  const patches = backend.makeOutput([rows, cols], 'float32');
  try {
    // views after the allocation: growing the heap detaches earlier views
    im2colT(floats(backend.typedArrayFromHeap(x), 'x'), floats(backend.typedArrayFromHeap(patches), 'patches'), info);
    const dy2d: tf.TensorInfo = { dataId: dy.dataId, shape: [cols, info.outChannels], dtype: 'float32' };
    const out = matMul.kernelFunc({ inputs: { a: patches, b: dy2d }, backend, attrs: { transposeA: false, transposeB: false } });
    if (Array.isArray(out)) throw new BackendError('the wasm BatchMatMul kernel returned several tensors');
    return { dataId: out.dataId, shape: [...filterShape], dtype: 'float32' };
  } finally {
    backend.disposeData(patches.dataId);
  }
};
