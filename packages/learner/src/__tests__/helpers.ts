import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';

/** A tiny 3-class problem: 48 samples, 4 features, labels from a fixed linear rule. */
export function makeData(n = 48, seed = 3): { x: tf.Tensor; y: tf.Tensor } {
  return tf.tidy(() => {
    const x = tf.randomNormal([n, 4], 0, 1, 'float32', seed);
    const w = tf.tensor2d([[1, -1, 0.5], [0.5, 1, -1], [-1, 0.5, 1], [0.3, -0.2, 0.1]]);
    const labels = tf.argMax(tf.matMul(x, w), 1);
    return { x: tf.keep(x), y: tf.keep(tf.oneHot(labels, 3).toFloat()) };
  });
}

/** A small MLP with seeded initializers, so two calls give the same weights. */
export function makeModel(seed = 1): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  return model;
}

/** The model's weights as plain arrays. */
export function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

/** Largest absolute difference between two weight lists. */
export function maxDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((wa, i) => wa.forEach((v, j) => {
    m = Math.max(m, Math.abs(v - (b[i]?.[j] ?? Number.NaN)));
  }));
  return m;
}

/** The model's output in training mode, as one tensor. */
export function forward(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  const out = model.apply(x, { training: true });
  if (!(out instanceof tf.Tensor)) throw new Error('expected one output tensor');
  return out;
}

/** Inputs and one-hot labels. */
export interface TensorPair {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** What {@link useLearnerFixture} sets up for the tests of one file. */
export interface LearnerFixture {
  /** 48 training samples, `makeData(48, 3)`. */
  readonly data: TensorPair;
  /** 24 validation samples, `makeData(24, 9)`. */
  readonly valid: TensorPair;
  /** A fresh temp folder, removed after the file's tests (only with a `tmpPrefix`). */
  readonly tmp: string;
}

/** Registers a beforeAll that selects the pure-JS CPU backend. */
export function useCpuBackend(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
}

/**
 * Registers the beforeAll / afterAll of a test file that trains: the CPU backend, the training
 * and validation tensors (disposed afterwards) and, with `tmpPrefix`, a temp folder (removed).
 * Read the fields inside tests only: they exist between beforeAll and afterAll.
 * @param tmpPrefix - prefix of the temp folder under os.tmpdir(); none is made without it
 * @returns the fixture, whose fields throw when read outside that window
 */
export function useLearnerFixture(tmpPrefix?: string): LearnerFixture {
  let state: { data: TensorPair; valid: TensorPair; tmp: string } | undefined;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const tmp = tmpPrefix === undefined ? '' : fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    state = { data: makeData(48, 3), valid: makeData(24, 9), tmp };
  });
  afterAll(() => {
    if (state === undefined) return;
    tf.dispose([state.data.x, state.data.y, state.valid.x, state.valid.y]);
    if (tmpPrefix !== undefined) fs.rmSync(state.tmp, { recursive: true, force: true });
    state = undefined;
  });
  const current = (): { data: TensorPair; valid: TensorPair; tmp: string } => {
    if (state === undefined) throw new Error('useLearnerFixture: read the fixture inside a test, after beforeAll');
    return state;
  };
  return {
    get data() {
      return current().data;
    },
    get valid() {
      return current().valid;
    },
    get tmp() {
      if (tmpPrefix === undefined) throw new Error('useLearnerFixture: pass a tmpPrefix to get a temp folder');
      return current().tmp;
    },
  };
}
