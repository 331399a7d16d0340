import * as tf from '@tensorflow/tfjs';
import type { Callback } from '@onecycle/callbacks';
import { CallbackBus, CancelFitError, toTfjsCallback } from '@onecycle/callbacks';
import { hyperParams } from '@onecycle/optim';
import { beforeAll, describe, expect, it } from 'vitest';
import { LRFinder, LrFinderError, finderLr } from '../index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Linear regression y = 3x - 1 trained by a hand-written loop on the bus, as a learner would. */
async function handLoop(bus: CallbackBus, w: tf.Variable, b: tf.Variable, opt: tf.Optimizer, epochs: number): Promise<void> {
  const xs = Array.from({ length: 8 }, (_, i) => tf.tensor2d([[i / 8], [(i + 0.5) / 8]]));
  try {
    await bus.runFit(async () => {
      for (let epoch = 0; epoch < epochs; epoch++) {
        await bus.runEpoch(async () => {
          for (let batch = 0; batch < xs.length; batch++) {
            await bus.runBatch(async () => {
              const x = xs[batch] as tf.Tensor2D;
              const loss = opt.minimize(() => tf.tidy(() => {
                const pred = tf.add(tf.matMul(x, w), b);
                return tf.mean(tf.square(tf.sub(pred, tf.sub(tf.mul(x, 3), 1))));
              }), true);
              const value = (await loss?.data())?.[0] ?? NaN;
              loss?.dispose();
              await bus.fire('onBackwardBegin', { lastLoss: value });
            }, { epoch, batch, iteration: epoch * xs.length + batch });
          }
        }, { epoch });
      }
    }, { numEpochs: epochs });
  } finally {
    tf.dispose(xs);
  }
}

async function values(vs: tf.Variable[]): Promise<Float32Array[]> {
  return Promise.all(vs.map(async (v) => (await v.data()) as Float32Array));
}

function setup(): { w: tf.Variable; b: tf.Variable; opt: tf.Optimizer } {
  const [w, b] = tf.tidy(() => [tf.variable(tf.tensor2d([[0.5]])), tf.variable(tf.scalar(0.1))]);
  if (w === undefined || b === undefined) throw new Error('unreachable');
  return { w, b, opt: tf.train.momentum(0.05, 0.9) };
}

describe('LRFinder as a callback in a hand-written loop', () => {
  it('sets an exponential lr each batch, keeps mom fixed and restores the variables', async () => {
    const { w, b, opt } = setup();
    const before = tf.memory().numTensors;
    const finder = new LRFinder({ startLr: 1e-4, endLr: 1, numIt: 20, mom: 0.7, stopDiv: false });
    const seen: Array<{ lr: number; mom: number | undefined }> = [];
    const spy: Callback = { name: 'spy', onBatchBegin: (s) => { seen.push({ lr: s.hyper.lr, mom: s.hyper.mom }); } };
    const hyper = hyperParams(opt);
    const bus = new CallbackBus([spy, finder], { variables: [w, b], optimizer: opt, hyper });
    const start = await values([w, b]);
    await handLoop(bus, w, b, opt, 5);
    const r = finder.result();
    expect(r.iterations).toBe(20);
    expect(seen).toHaveLength(20);
    seen.forEach((h, i) => {
      expect(h.lr).toBeCloseTo(finderLr(i, finder.options), 15);
      expect(h.mom).toBeCloseTo(0.7, 6);
    });
    expect(await values([w, b])).toEqual(start);
    expect(hyper.get().lr).toBeCloseTo(0.05, 8);
    expect(hyper.get().mom).toBeCloseTo(0.9, 6);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w, b]);
    opt.dispose();
  });

  it('restores after a cancel and after a thrown error', async () => {
    const { w, b, opt } = setup();
    const before = tf.memory().numTensors;
    const start = await values([w, b]);
    const cancel: Callback = { name: 'cancel', onBatchEnd: (s) => { if (s.iteration === 6) throw new CancelFitError(); } };
    const finder = new LRFinder({ numIt: 50 });
    await handLoop(new CallbackBus([finder, cancel], { variables: [w, b], optimizer: opt }), w, b, opt, 10);
    expect(finder.result().iterations).toBe(7);
    expect(finder.result().stopReason).toBe('cancelled');
    expect(await values([w, b])).toEqual(start);

    const boom: Callback = { name: 'boom', onBatchEnd: (s) => { if (s.iteration === 4) throw new Error('boom'); } };
    const finder2 = new LRFinder({ numIt: 50 });
    await expect(handLoop(new CallbackBus([finder2, boom], { variables: [w, b], optimizer: opt }), w, b, opt, 10)).rejects.toThrow(/boom/);
    expect(await values([w, b])).toEqual(start);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w, b]);
    opt.dispose();
  });

  it('reports nonFinite when the loss becomes NaN', async () => {
    const { w, b, opt } = setup();
    const before = tf.memory().numTensors;
    const finder = new LRFinder({ numIt: 30 });
    const poison: Callback = { name: 'poison', order: -100, onBackwardBegin: (s) => (s.iteration === 12 ? { lastLoss: NaN } : undefined) };
    await handLoop(new CallbackBus([poison, finder], { variables: [w, b], optimizer: opt }), w, b, opt, 10);
    const r = finder.result();
    expect(r.stopReason).toBe('nonFinite');
    expect(r.iterations).toBe(13);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w, b]);
    opt.dispose();
  });

  it('refuses to start without weights or validation source', async () => {
    const opt = tf.train.sgd(0.1);
    const w = tf.tidy(() => tf.variable(tf.scalar(1)));
    const before = tf.memory().numTensors;
    await expect(new CallbackBus([new LRFinder()], { optimizer: opt }).fire('onTrainBegin')).rejects.toThrow(/neither a model nor variables/);
    await expect(
      new CallbackBus([new LRFinder({ validLoss: true })], { variables: [w], optimizer: opt }).fire('onTrainBegin'),
    ).rejects.toThrow(/validBatchLoss/);
    expect(() => new LRFinder({ numIt: 3 })).toThrow(LrFinderError);
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
    opt.dispose();
  });
});

describe('LRFinder in model.fit reports a cancellation', () => {
  it("says 'cancelled' with the iterations run when another callback stops the fit", async () => {
    const before = tf.memory().numTensors;
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })] });
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const x = tf.tidy(() => tf.randomNormal([40, 2], 0, 1, 'float32', 1));
    const y = tf.tidy(() => tf.sum(x, 1, true));
    const finder = new LRFinder({ numIt: 20 });
    const stop: Callback = { name: 'stop', onBatchEnd: (s) => (s.iteration === 5 ? { stopTraining: true } : undefined) };
    await model.fit(x, y, { batchSize: 2, epochs: 1, shuffle: false, verbose: 0, callbacks: toTfjsCallback(new CallbackBus([finder, stop], { model })) });
    const r = finder.result();
    expect(r.iterations).toBe(6);
    expect(r.stopReason).toBe('cancelled');
    tf.dispose([x, y]);
    model.optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
