import * as tf from '@tensorflow/tfjs';
import type { Callback } from '@onecycle/callbacks';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner, LearnerOptionError, useFastConvFilterGrad } from '../index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function filterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, strides: number, pad: 'same' | 'valid' | number, filterShape: [number, number, number, number]): Float32Array {
  return tf.tidy(() => {
    const out = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat: 'NHWC', filterShape });
    if (!(out instanceof tf.Tensor)) throw new Error('tensor expected');
    return Float32Array.from(out.dataSync());
  });
}

describe('useFastConvFilterGrad', () => {
  const cases: Array<{ x: [number, number, number, number]; f: [number, number, number, number]; s: number; pad: 'same' | 'valid' | number }> = [
    { x: [2, 7, 6, 3], f: [3, 3, 3, 4], s: 1, pad: 'same' },
    { x: [2, 7, 6, 3], f: [3, 3, 3, 4], s: 2, pad: 'same' },
    { x: [1, 9, 9, 2], f: [5, 5, 2, 3], s: 1, pad: 'valid' },
    { x: [3, 8, 8, 4], f: [3, 3, 4, 2], s: 2, pad: 1 },
    { x: [2, 6, 6, 4], f: [1, 1, 4, 8], s: 2, pad: 'same' },
  ];

  it("gives tfjs's own filter gradients (NHWC; number, 'same' and 'valid' padding; strides 1 and 2) and restores the kernel", () => {
    const before = tf.memory().numTensors;
    const original = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    for (const c of cases) {
      const x = tf.randomNormal<tf.Rank.R4>(c.x, 0, 1, 'float32', 1);
      const [n = 0, h = 0, w = 0, ch = 0] = tf.tidy(() => tf.conv2d(x, tf.zeros<tf.Rank.R4>(c.f), c.s, c.pad).shape);
      const dy = tf.randomNormal<tf.Rank.R4>([n, h, w, ch], 0, 1, 'float32', 2);
      const expected = filterGrad(x, dy, c.s, c.pad, c.f);
      const restore = useFastConvFilterGrad();
      expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).not.toBe(original);
      const got = filterGrad(x, dy, c.s, c.pad, c.f);
      restore();
      expect(got.length).toBe(expected.length);
      got.forEach((g, i) => expect(g).toBeCloseTo(expected[i] ?? Number.NaN, 4));
      tf.dispose([x, dy]);
    }
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBe(original);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is what tf.grad of a convolution uses', () => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal<tf.Rank.R4>([2, 5, 5, 2], 0, 1, 'float32', 3);
    const w = tf.randomNormal<tf.Rank.R4>([3, 3, 2, 3], 0, 1, 'float32', 4);
    const grad = (): number[] => tf.tidy(() => Array.from(tf.grads((k: tf.Tensor) => tf.conv2d(x, tf.reshape<tf.Rank.R4>(k, [3, 3, 2, 3]), 2, 'same').square().sum())([w])[0]?.dataSync() ?? []));
    const slow = grad();
    const restore = useFastConvFilterGrad();
    const fast = grad();
    restore();
    fast.forEach((g, i) => expect(g).toBeCloseTo(slow[i] ?? Number.NaN, 4));
    tf.dispose([x, w]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('counts its callers: the stock kernel is back after the last restore, and a second restore does nothing', () => {
    const original = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    const first = useFastConvFilterGrad();
    const fast = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    const second = useFastConvFilterGrad();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBe(fast);
    first();
    first();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBe(fast);
    second();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBe(original);
  });
});

/** A seeded conv net small enough to train in a test: conv 3x3x4 -> flatten -> dense 3. */
function convModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  return model;
}

describe("the Learner on the 'cpu' backend", () => {
  /** Trains a fresh conv net for one epoch; returns its weights and the kernel seen at every batch. */
  async function train(fastKernels: boolean | undefined, x: tf.Tensor, y: tf.Tensor): Promise<{ weights: number[][]; kernels: Set<unknown> }> {
    const kernels = new Set<unknown>();
    const spy: Callback = { name: 'kernelSpy', onBackwardEnd: () => void kernels.add(tf.getKernel('Conv2DBackpropFilter', 'cpu')) };
    const model = convModel();
    const learn = new Learner({
      model, data: { train: { x, y, batchSize: 8 } }, loss: 'categoricalCrossentropy', seed: 3, progress: false, callbacks: [spy],
      ...(fastKernels === undefined ? {} : { fastKernels }),
    });
    await learn.fitOneCycle(1, 0.05);
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    learn.dispose();
    model.dispose();
    return { weights, kernels };
  }

  it('trains with the fast filter gradient by default, the stock one with fastKernels: false, to the same weights', async () => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([24, 6, 6, 1], 0, 1, 'float32', 7);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: 24 }, (_, i) => i % 3), 'int32'), 3).toFloat());
    const original = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    const fast = await train(undefined, x, y);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBe(original);
    expect(fast.kernels.size).toBe(1);
    expect(fast.kernels.has(original)).toBe(false);
    const stock = await train(false, x, y);
    expect([...stock.kernels]).toEqual([original]);
    fast.weights.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(stock.weights[i]?.[j] ?? Number.NaN, 4)));
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses it for lrFind too, and rejects a fastKernels that is not a boolean', async () => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([16, 6, 6, 1], 0, 1, 'float32', 8);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 3), 'int32'), 3).toFloat());
    const original = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    const kernels = new Set<unknown>();
    const model = convModel();
    // the finder runs only its own callback, so the loss function is where to look
    const loss = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor => {
      kernels.add(tf.getKernel('Conv2DBackpropFilter', 'cpu'));
      return tf.losses.softmaxCrossEntropy(yTrue, yPred);
    };
    const learn = new Learner({ model, data: { train: { x, y, batchSize: 8 } }, loss, seed: 3, progress: false });
    await learn.lrFind({ numIt: 10 });
    expect(kernels.size).toBe(1);
    expect(kernels.has(original)).toBe(false);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBe(original);
    expect(() => new Learner({ model, data: { train: { x, y } }, loss: 'categoricalCrossentropy', fastKernels: JSON.parse('"yes"') as boolean })).toThrow(LearnerOptionError);
    expect(() => new Learner({ model, data: { train: { x, y } }, loss: 'categoricalCrossentropy', fastKernels: JSON.parse('"yes"') as boolean })).toThrow('fastKernels must be true or false, got "yes"');
    learn.dispose();
    model.dispose();
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
