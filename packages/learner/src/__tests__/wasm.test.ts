import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Learner, WasmTrainingError, initBackend } from '../index';

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe("the 'wasm' backend", () => {
  it('serves inference, and refuses to train convolutions with a typed error', async () => {
    const info = await initBackend('wasm', { resolveFrom: process.cwd(), log: null });
    expect(info.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      ],
    });
    const x = tf.ones([4, 6, 6, 1]);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 0, 1], 'int32'), 2).toFloat());
    const learn = new Learner({ model, data: { train: { x, y, batchSize: 2 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false });
    const p = learn.predict(x);
    expect(p.shape).toEqual([4, 2]);
    p.dispose();
    await expect(learn.fit(0.01, 1)).rejects.toThrow(WasmTrainingError);
    await expect(learn.lrFind({ numIt: 10 })).rejects.toThrow(/cannot train convolutions/);
    learn.dispose();
    model.dispose();
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
