import * as tf from '@tensorflow/tfjs-core';

/** The members of tfjs-backend-wasm's `BackendWasm` this kernel uses (see `wasmConv2DBackpropFilter`). */
interface WasmLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

const isWasmLike = (b: unknown): b is WasmLike =>
  typeof b === 'object' && b !== null && 'makeOutput' in b && typeof b.makeOutput === 'function'
  && 'typedArrayFromHeap' in b && typeof b.typedArrayFromHeap === 'function';

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => typeof n === 'number');

/**
 * Copies the box `begin .. begin + size` of a row-major tensor `x` of shape `shape` into `out`,
 * one contiguous run of the innermost dimension at a time.
 *
 * @param begin - first index per dimension
 * @param size - extent per dimension
 * @param out - output values, `prod(size)` long
 */
export function copyBox(x: Float32Array | Int32Array | Uint8Array, shape: readonly number[], begin: readonly number[], size: readonly number[], out: Float32Array | Int32Array | Uint8Array): void {
  const rank = shape.length;
  const strides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) strides[d] = (strides[d + 1] ?? 1) * (shape[d + 1] ?? 1);
  const run = size[rank - 1] ?? 1;
  const outer = size.slice(0, -1);
  const count = outer.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(rank - 1).fill(0);
  let o = 0;
  for (let r = 0; r < count; r++) {
    let src = begin[rank - 1] ?? 0;
    for (let d = 0; d < rank - 1; d++) src += ((begin[d] ?? 0) + (idx[d] ?? 0)) * (strides[d] ?? 0);
    out.set(x.subarray(src, src + run), o);
    o += run;
    for (let d = rank - 2; d >= 0; d--) {
      const next = (idx[d] ?? 0) + 1;
      if (next < (outer[d] ?? 1)) {
        idx[d] = next;
        break;
      }
      idx[d] = 0;
    }
  }
}

/**
 * Wraps tfjs-backend-wasm's `Slice` for tensors of rank 5 and more: it copies those through
 * tfjs's generic per-element CPU code after copying the whole input out of the heap, which makes
 * the option-A ResNet shortcut (a rank-6 reshape and slice, `x[:, ::2, ::2, :]`) dominate a
 * training step. {@link copyBox} reads the heap in place and copies contiguous runs instead.
 * Lower ranks and strings go to the original kernel.
 *
 * @param original - the wasm backend's own `Slice` kernel config
 * @returns the kernel function to register in its place
 */
export function fastSlice(original: tf.KernelConfig): tf.KernelFunc {
  return (params) => {
    const { inputs, backend, attrs } = params;
    const x = inputs['x'];
    const begin = attrs?.['begin'];
    const size = attrs?.['size'];
    if (x === undefined || x.shape.length < 5 || x.dtype === 'string' || !isNumbers(begin) || !isNumbers(size) || !isWasmLike(backend)) {
      return original.kernelFunc(params);
    }
    const [b = [], s = []] = tf.slice_util.parseSliceParams(x, begin, size);
    const out = backend.makeOutput(s, x.dtype);
    // views after the allocation: growing the heap detaches earlier views
    copyBox(backend.typedArrayFromHeap(x), x.shape, b, s, backend.typedArrayFromHeap(out));
    return out;
  };
}
