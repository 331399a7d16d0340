import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adamw, hyperParams, sgdw } from '@onecycle/optim';
import { SnapshotError, snapshotWeights } from '../index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const makers: Array<[string, () => tf.Optimizer]> = [
  ['sgdw', () => sgdw({ lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ['adamw', () => adamw({ lr: 0.05 })],
  ['sgd', () => tf.train.sgd(0.05)],
  ['momentum', () => tf.train.momentum(0.05, 0.9)],
  ['adam', () => tf.train.adam(0.05)],
  ['adamax', () => tf.train.adamax(0.05)],
  ['rmsprop', () => tf.train.rmsprop(0.05, 0.9, 0.5, 1e-7, true)],
  ['adagrad', () => tf.train.adagrad(0.05)],
  ['adadelta', () => tf.train.adadelta(0.5)],
];

function disposeOptimizer(opt: tf.Optimizer): void {
  opt.dispose();
  const c: unknown = Reflect.get(opt, 'c'); // tfjs 4.22 MomentumOptimizer.dispose leaks its lr scalar
  if (c instanceof tf.Tensor && !c.isDisposed) c.dispose();
}

describe('snapshotWeights: bit-exact weights and optimizer state', () => {
  for (const [name, make] of makers) {
    it(`${name}: training continues identically after restore, with lr/mom changed in between`, async () => {
      const before = tf.memory().numTensors;
      const w = tf.tidy(() => tf.variable(tf.tensor2d([[0.3, -1.2], [2.5, 0.7]])));
      const x = tf.tensor2d([[1, 2], [-1, 0.5], [0.3, -0.7]]);
      const opt = make();
      const step = (): void => {
        opt.minimize(() => tf.mean(tf.square(tf.sin(tf.matMul(x, w)))) as tf.Scalar, false, [w]);
      };
      const run = (n: number): Float32Array[] => {
        const out: Float32Array[] = [];
        for (let i = 0; i < n; i++) {
          step();
          out.push(new Float32Array(w.dataSync()));
        }
        return out;
      };
      const fresh = await snapshotWeights([w], opt); // before any step: slots do not exist yet
      const a0 = run(2);
      await fresh.restore();
      expect(run(2)).toEqual(a0);
      const snap = await snapshotWeights([w], opt);
      const saved = new Float32Array(w.dataSync());
      const a = run(3);
      const h = hyperParams(opt);
      const lr0 = h.get().lr;
      h.set({ lr: 0.7 });
      run(2);
      await snap.restore();
      expect(new Float32Array(w.dataSync())).toEqual(saved);
      expect(h.get().lr).toBe(lr0);
      expect(run(3)).toEqual(a);
      snap.dispose();
      fresh.dispose();
      await expect(snap.restore()).rejects.toThrow(SnapshotError);
      tf.dispose([w, x]);
      disposeOptimizer(opt);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('a LayersModel trained with model.fit is restored bit for bit', async () => {
    const before = tf.memory().numTensors;
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'relu' }), tf.layers.batchNormalization(), tf.layers.dense({ units: 1 })] });
    const opt = tf.train.adam(0.01);
    model.compile({ optimizer: opt, loss: 'meanSquaredError' });
    const xs = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0.5, -1]]);
    const ys = tf.tensor2d([[1], [2], [3], [0]]);
    await model.fit(xs, ys, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
    const snap = await snapshotWeights(model, opt);
    const saved = model.getWeights().map((t) => Array.from(t.dataSync()));
    await model.fit(xs, ys, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0 });
    const after1 = model.getWeights().map((t) => Array.from(t.dataSync()));
    await snap.restore();
    expect(model.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(saved);
    await model.fit(xs, ys, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0 });
    expect(model.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(after1);
    snap.dispose();
    tf.dispose([xs, ys]);
    model.dispose();
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
