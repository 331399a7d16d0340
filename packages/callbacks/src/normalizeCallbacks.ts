import { CustomCallback, LayersModel } from '@tensorflow/tfjs-layers';

type FitArgs = NonNullable<Parameters<LayersModel['fit']>[2]>;
type FitDatasetArgs = Parameters<LayersModel['fitDataset']>[1];
type CallbacksArg = FitArgs['callbacks'];
type YieldEvery = FitArgs['yieldEvery'];

const PATCHED = Symbol.for('@onecycle/callbacks/mixedCallbacks');

/** Whether an entry of `callbacks` is a tfjs callback object (it has what tfjs's CallbackList calls). */
function isCallbackObject(c: unknown): boolean {
  return typeof c === 'object' && c !== null && typeof Reflect.get(c, 'setParams') === 'function' && typeof Reflect.get(c, 'setModel') === 'function';
}

/**
 * Wraps the plain `{ onEpochEnd, … }` objects of a callbacks array that also holds tfjs callback
 * objects in `tf.CustomCallback`, as tfjs does for an array of plain objects only. Anything else
 * is returned as given.
 * @param callbacks - what the user passed to `model.fit` / `fitDataset`
 * @param yieldEvery - the fit's `yieldEvery`, given to each CustomCallback as tfjs would
 * @returns an array tfjs accepts in any order
 */
export function normalizeCallbacks(callbacks: CallbacksArg, yieldEvery: YieldEvery): CallbacksArg {
  if (!Array.isArray(callbacks)) return callbacks;
  const objects = callbacks.filter(isCallbackObject).length;
  if (objects === 0 || objects === callbacks.length) return callbacks;
  return callbacks.map((c) => (isCallbackObject(c) ? c : new CustomCallback(c, yieldEvery)));
}

function withCallbacks<A extends FitArgs | FitDatasetArgs>(args: A): A {
  const callbacks = normalizeCallbacks(args.callbacks, args.yieldEvery);
  return callbacks === args.callbacks ? args : { ...args, callbacks };
}

/**
 * Lets `model.fit` / `model.fitDataset` take callback objects (`tf.Callback`s, `EarlyStopping`,
 * `tf.CustomCallback`, this package's bridges) and plain `{ onEpochEnd }` objects in one array,
 * in any order. tfjs-layers 4.22 looks only at the first entry: a tfjs callback first makes it
 * call `setParams` on the plain objects (a TypeError), a plain object first makes it wrap the
 * callback objects as if they were plain (their methods lose `this`). This wraps
 * `LayersModel.prototype.fit` / `fitDataset` once so mixed arrays are normalised the way tfjs
 * itself normalises an all-plain array; every other call passes through unchanged. The bridges
 * call it when they are made, so users never need to.
 */
export function allowMixedCallbacks(): void {
  const proto = LayersModel.prototype;
  if (Reflect.get(proto, PATCHED) === true) return;
  const fit = proto.fit;
  const fitDataset = proto.fitDataset;
  Object.defineProperty(proto, PATCHED, { value: true });
  proto.fit = function fitMixed(this: LayersModel, x, y, args = {}) {
    return fit.call(this, x, y, withCallbacks(args));
  };
  proto.fitDataset = function fitDatasetMixed(this: LayersModel, dataset, args) {
    return fitDataset.call(this, dataset, withCallbacks(args));
  };
}
