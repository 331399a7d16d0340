import * as tf from '@tensorflow/tfjs-core';
import { wasmConv2DBackpropFilter } from './wasmConv2DBackpropFilter';
import { fastConv2DBackpropInput } from './fastConv2DBackpropInput';
import { fastSlice } from './fastSlice';
import { transposedMatMul } from './transposedMatMul';

/**
 * The training kernels tfjs-backend-wasm 4.22 lacks, by kernel name. Everything else LeNet and
 * the CIFAR ResNets need for their gradients (`Conv2DBackpropInput`, `MaxPoolGrad`,
 * `AvgPoolGrad`, and the elementwise, reduction, pad and slice ops batch norm and the option-A
 * shortcut differentiate into) is already a wasm kernel.
 */
const KERNELS: readonly tf.KernelConfig[] = [
  { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: wasmConv2DBackpropFilter },
];

/** wasm kernels that exist but are slow for training, and the wrapper that routes them through XNNPACK. */
const WRAPPERS: ReadonlyArray<[string, (original: tf.KernelConfig) => tf.KernelFunc]> = [
  ['BatchMatMul', transposedMatMul],
  ['Conv2DBackpropInput', fastConv2DBackpropInput],
  ['Slice', fastSlice],
];

/** The kernel functions this module registered as wrappers, so a second call does not wrap them again. */
const ours = new WeakSet<tf.KernelFunc>();

/**
 * Registers the training kernels the `wasm` backend lacks (the convolution filter gradient), so
 * that convolutional networks train on `wasm` as on `cpu`, and, once `@tensorflow/tfjs-backend-wasm`
 * is loaded, routes its slow training kernels through XNNPACK: transposed matrix products (the
 * gradients of every dense layer, `transposedMatMul`) and stride-1 convolution input
 * gradients (`fastConv2DBackpropInput`), and slices of rank 5 and more (`fastSlice`). Idempotent and cheap: a kernel the registry already
 * has for `wasm` (a later tfjs, or an earlier call) is left alone. It does not import
 * `@tensorflow/tfjs-backend-wasm`: the kernels look up the backend's own ones when they run. The
 * Learner and `initBackend` call it; call it yourself only to train with plain `model.fit` on `wasm`.
 *
 * @returns the names of the kernels this call registered (empty when all were there)
 * @example
 * ```ts
 * registerWasmTrainingKernels();
 * await tf.setBackend('wasm');
 * await model.fit(x, y); // a conv2d model now trains on wasm
 * ```
 */
export function registerWasmTrainingKernels(): string[] {
  const added: string[] = [];
  for (const k of KERNELS) {
    if (tf.getKernel(k.kernelName, k.backendName) !== undefined) continue;
    tf.registerKernel(k);
    added.push(k.kernelName);
  }
  for (const [name, wrap] of WRAPPERS) {
    const original = tf.getKernel(name, 'wasm');
    if (original === undefined || ours.has(original.kernelFunc)) continue;
    const kernelFunc = wrap(original);
    ours.add(kernelFunc);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...original, kernelFunc });
    added.push(name);
  }
  return added;
}
