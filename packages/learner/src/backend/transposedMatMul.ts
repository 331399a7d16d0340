import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors';

/** The one member of tfjs-backend-wasm's `BackendWasm` this kernel uses: freeing a heap tensor. */
interface Disposer {
  disposeData(dataId: object): boolean;
}

const isDisposer = (b: unknown): b is Disposer =>
  typeof b === 'object' && b !== null && 'disposeData' in b && typeof b.disposeData === 'function';

function single(out: tf.TensorInfo | tf.TensorInfo[], what: string): tf.TensorInfo {
  if (Array.isArray(out)) throw new BackendError(`the wasm ${what} kernel returned several tensors`);
  return out;
}

/**
 * Wraps tfjs-backend-wasm's `BatchMatMul` so that a transposed operand is first transposed into a
 * temporary with the backend's `Transpose` kernel, then multiplied by the original kernel without
 * transposes. tfjs-backend-wasm 4.22 sends only untransposed products to XNNPACK and computes the
 * others with plain loops, several times slower; and backpropagation through every dense layer
 * asks for exactly those (`dW = x^T dy`, `dx = dy W^T`, as the gradient of `matMul` in tfjs-core).
 * Same sums in the same order per output element, so the results are unchanged up to rounding.
 *
 * @param original - the wasm backend's own `BatchMatMul` kernel config
 * @returns the kernel function to register in its place
 */
export function transposedMatMul(original: tf.KernelConfig): tf.KernelFunc {
  const wrapped: tf.KernelFunc = (params) => {
    const { inputs, backend, attrs } = params;
    const a = inputs['a'];
    const b = inputs['b'];
    const ta = attrs?.['transposeA'] === true;
    const tb = attrs?.['transposeB'] === true;
    const transpose = tf.getKernel('Transpose', 'wasm');
    if (a === undefined || b === undefined || (!ta && !tb) || transpose === undefined || !isDisposer(backend)) {
      return original.kernelFunc(params);
    }
    const temps: tf.TensorInfo[] = [];
    const flip = (t: tf.TensorInfo): tf.TensorInfo => {
      const r = t.shape.length;
      const perm = t.shape.map((_, i) => (i < r - 2 ? i : i === r - 2 ? r - 1 : r - 2));
      const out = single(transpose.kernelFunc({ inputs: { x: t }, backend, attrs: { perm } }), 'Transpose');
      temps.push(out);
      return out;
    };
    try {
      const aa = ta ? flip(a) : a;
      const bb = tb ? flip(b) : b;
      return original.kernelFunc({ inputs: { a: aa, b: bb }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
  return wrapped;
}
