import * as tf from '@tensorflow/tfjs';
import { CancelFitError } from '@onecycle/callbacks';
import type { Callback } from '@onecycle/callbacks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Learner, initBackend } from '../index';
import { weightsOf } from './helpers';

/** A LeNet-5-shaped network (conv, max pool, conv, average pool, batch norm, dense) on 12x12 inputs, seeded. */
function lenetLike(seed: number): tf.Sequential {
  const init = (s: number): ReturnType<typeof tf.initializers.heNormal> => tf.initializers.heNormal({ seed: seed + s });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.averagePooling2d({ poolSize: 2 }),
      tf.layers.batchNormalization(),
      tf.layers.flatten(),
      tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(4) }),
    ],
  });
}

/** 32 images: class 1 has a bright square in the top-left quarter, class 0 in the bottom-right. */
function squares(): { x: tf.Tensor; y: tf.Tensor } {
  return tf.tidy(() => {
    const n = 32;
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const noise = tf.randomUniform([n, 12, 12, 1], 0, 0.3, 'float32', 11);
    const masks = labels.map((c) => tf.pad(tf.ones([5, 5, 1]), c === 1 ? [[1, 6], [1, 6], [0, 0]] : [[6, 1], [6, 1], [0, 0]]));
    const x = tf.add(noise, tf.stack(masks));
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 2).toFloat();
    return { x: tf.keep(x), y: tf.keep(y) };
  });
}

async function optimizerState(learn: Learner): Promise<number[][]> {
  const out: number[][] = [];
  for (const o of learn.optimizers) {
    for (const w of await o.getWeights()) {
      out.push(Array.from(w.tensor.dataSync()));
      if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
    }
  }
  return out;
}

async function trainOnce(data: { x: tf.Tensor; y: tf.Tensor }, epochs: number): Promise<{ weights: number[][]; loss: number; accuracy: number }> {
  const model = lenetLike(1);
  const learn = new Learner({ model, data: { train: { x: data.x, y: data.y, batchSize: 8 }, valid: { x: data.x, y: data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], seed: 3, progress: false });
  const res = await learn.fitOneCycle(epochs, 0.05);
  const out = { weights: weightsOf(model), loss: res.validLoss ?? Number.NaN, accuracy: res.metrics['accuracy'] ?? Number.NaN };
  learn.dispose();
  model.dispose();
  return out;
}

describe("training on the 'wasm' backend", () => {
  let data: { x: tf.Tensor; y: tf.Tensor };
  beforeAll(async () => {
    const info = await initBackend('wasm', { resolveFrom: process.cwd(), log: null });
    expect(info.backend).toBe('wasm');
    data = squares();
  });
  afterAll(async () => {
    tf.dispose([data.x, data.y]);
    await tf.setBackend('cpu');
  });

  it('trains a LeNet-shaped convnet (conv, max and average pooling, batch norm) to fit its data, leak-free', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const r = await trainOnce(data, 4);
    expect(r.accuracy).toBe(1);
    expect(r.loss).toBeLessThan(0.3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic: the same seed twice gives the same weights, bit for bit', async () => {
    const before = tf.memory().numTensors;
    const a = await trainOnce(data, 1);
    const b = await trainOnce(data, 1);
    expect(b.weights).toEqual(a.weights);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resumes an interrupted fit exactly: the same weights and schedule as an uninterrupted one', async () => {
    const before = tf.memory().numTensors;
    const make = (model: tf.Sequential): Learner => new Learner({ model, data: { train: { x: data.x, y: data.y, batchSize: 8 } }, loss: 'categoricalCrossentropy', seed: 5, progress: false });
    const stopAt5: Callback = { name: 'stopAt5', onBatchBegin: (st) => { if (st.iteration === 5) throw new CancelFitError('interrupted'); } };
    const mA = lenetLike(3);
    const a = make(mA);
    await a.fit(0.05, 2, { useClrBeta: [10, 10, 0.95, 0.85] });
    const mB = lenetLike(3);
    const b = make(mB);
    expect(await b.fit(0.05, 2, { useClrBeta: [10, 10, 0.95, 0.85], callbacks: [stopAt5] })).toMatchObject({ completed: false, iterations: 5 });
    expect(await b.fit(0.05, 2, { useClrBeta: [10, 10, 0.95, 0.85], resume: true })).toMatchObject({ completed: true, iterations: 8 });
    expect(weightsOf(mB)).toEqual(weightsOf(mA));
    expect(b.recorder.toJSON().batches.map((r) => [r.lr, r.mom])).toEqual(a.recorder.toJSON().batches.map((r) => [r.lr, r.mom]));
    for (const [l, m] of [[a, mA], [b, mB]] as const) {
      l.dispose();
      m.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('lrFind restores the weights and the optimizer bit-exactly on wasm', async () => {
    const before = tf.memory().numTensors;
    const model = lenetLike(2);
    const learn = new Learner({ model, data: { train: { x: data.x, y: data.y, batchSize: 8 } }, loss: 'categoricalCrossentropy', seed: 4, progress: false });
    await learn.fit(0.01, 1); // optimizer slots exist before the range test
    const w0 = weightsOf(model);
    const opt0 = await optimizerState(learn);
    const rng0 = learn.rng.state;
    const res = await learn.lrFind({ startLr: 1e-5, endLr: 1, numIt: 12 });
    expect(res.lrs.length).toBeGreaterThan(5);
    expect(weightsOf(model)).toEqual(w0);
    expect(await optimizerState(learn)).toEqual(opt0);
    expect(learn.rng.state).toBe(rng0);
    const p = learn.predict(data.x);
    expect(p.shape).toEqual([32, 2]);
    p.dispose();
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
