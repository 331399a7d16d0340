import { describeValue } from '@onecycle/core-schedules';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { SnapshotError } from './errors';

/** A saved copy of weights (and optimizer state) that can be put back. */
export interface WeightSnapshot {
  /** Puts the saved values back, bit for bit; may be called more than once. */
  restore(): Promise<void>;
  /** Frees the saved copies. */
  dispose(): void;
}

interface SavedSlot {
  originalName: string;
  value: tf.Tensor;
}

type SavedField =
  | { kind: 'plain'; key: string; value: number | boolean | string | null }
  | { kind: 'variable'; key: string; value: tf.Tensor }
  | { kind: 'tensor'; key: string; value: tf.Tensor }
  | { kind: 'slots'; key: string; value: SavedSlot[] };

interface SlotLike {
  originalName: string;
  variable: tf.Variable;
}

function isSlotList(v: unknown): v is SlotLike[] {
  return (
    Array.isArray(v) &&
    v.every(
      (e: unknown) =>
        typeof e === 'object' && e !== null && 'variable' in e && e.variable instanceof tf.Variable && 'originalName' in e,
    )
  );
}

/** Saves every own field of an optimizer: numbers, kept scalars, state variables and slot lists. */
function saveOptimizer(opt: tf.Optimizer): SavedField[] {
  void opt.iterations; // makes the lazily created iteration counter an own field
  const saved: SavedField[] = [];
  for (const key of Object.keys(opt)) {
    const v: unknown = Reflect.get(opt, key);
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || v === null) {
      saved.push({ kind: 'plain', key, value: v });
    } else if (v instanceof tf.Variable) {
      saved.push({ kind: 'variable', key, value: tf.keep(v.clone()) });
    } else if (v instanceof tf.Tensor) {
      saved.push({ kind: 'tensor', key, value: tf.keep(v.clone()) });
    } else if (isSlotList(v)) {
      saved.push({ kind: 'slots', key, value: v.map((s) => ({ originalName: s.originalName, value: tf.keep(s.variable.clone()) })) });
    }
  }
  return saved;
}

function restoreOptimizer(opt: tf.Optimizer, saved: SavedField[]): void {
  for (const f of saved) {
    const current: unknown = Reflect.get(opt, f.key);
    if (f.kind === 'plain') {
      Reflect.set(opt, f.key, f.value);
    } else if (f.kind === 'variable') {
      if (!(current instanceof tf.Variable)) throw new SnapshotError(`optimizer field ${f.key} is no longer a variable`);
      current.assign(f.value);
    } else if (f.kind === 'tensor') {
      Reflect.set(opt, f.key, tf.keep(f.value.clone()));
      if (current instanceof tf.Tensor) current.dispose();
    } else {
      if (isSlotList(current)) tf.dispose(current.map((s) => s.variable));
      const slots: SlotLike[] = f.value.map((s) => ({ originalName: s.originalName, variable: tf.tidy(() => tf.variable(s.value.clone(), false)) }));
      Reflect.set(opt, f.key, slots);
    }
  }
}

function savedTensors(saved: SavedField[]): tf.Tensor[] {
  return saved.flatMap((f) => {
    if (f.kind === 'plain') return [];
    if (f.kind === 'slots') return f.value.map((s) => s.value);
    return [f.value];
  });
}

/**
 * Copies the weights of a model (or a list of variables) and, when given, the whole state of its
 * optimizer (iteration count, moments, momentum buffers, hyper-parameters), so that `restore()`
 * puts everything back bit for bit — what fastai's lr_find does with `save('tmp')`/`load('tmp')`.
 * @param target - a LayersModel (all its weights, trainable or not) or variables
 * @param optimizer - optimizer whose state is saved too
 * @returns the snapshot; call dispose() when done
 * @example
 * ```ts
 * const snap = await snapshotWeights(model, model.optimizer);
 * await model.fit(x, y, { epochs: 1 });
 * await snap.restore();
 * snap.dispose();
 * ```
 */
export async function snapshotWeights(target: LayersModel | tf.Variable[], optimizer?: tf.Optimizer): Promise<WeightSnapshot> {
  const isModel = typeof target === 'object' && target !== null && typeof Reflect.get(target, 'getWeights') === 'function';
  if (!(Array.isArray(target) && target.every((v) => v instanceof tf.Variable)) && !isModel) {
    throw new SnapshotError(`snapshotWeights needs a LayersModel or an array of tf.Variable, got ${describeValue(target)}`);
  }
  if (optimizer !== undefined && (typeof optimizer !== 'object' || optimizer === null || typeof Reflect.get(optimizer, 'getWeights') !== 'function')) {
    throw new SnapshotError(`snapshotWeights optimizer must be a tf.Optimizer or absent, got ${describeValue(optimizer)}`);
  }
  const weights = Array.isArray(target) ? target : target.getWeights();
  const copies = weights.map((w) => tf.keep(w.clone()));
  const opt = optimizer === undefined ? [] : saveOptimizer(optimizer);
  let disposed = false;
  return {
    restore: async () => {
      if (disposed) throw new SnapshotError('restore() called after dispose(): take a new snapshot');
      if (Array.isArray(target)) {
        target.forEach((v, i) => {
          const c = copies[i];
          if (c !== undefined) v.assign(c);
        });
      } else {
        target.setWeights(copies);
      }
      if (optimizer !== undefined) restoreOptimizer(optimizer, opt);
      await Promise.resolve();
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      tf.dispose(copies);
      tf.dispose(savedTensors(opt));
    },
  };
}
