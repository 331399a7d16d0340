// What a fit does when something goes wrong in it: cancel errors, a non-finite loss, a loss
// function that throws, a schedule too short for the fit.
import * as tf from '@tensorflow/tfjs';
import { CancelEpochError, CancelFitError } from '@onecycle/callbacks';
import type { Callback } from '@onecycle/callbacks';
import { describe, expect, it } from 'vitest';
import { FitError, Learner, LearnerOptionError, NonFiniteLossError } from '../index';
import type { LossFn } from '../index';
import { makeModel, useLearnerFixture, weightsOf } from './helpers';

const fx = useLearnerFixture();

function learner(model: tf.LayersModel, loss: LossFn | string = 'categoricalCrossentropy'): Learner {
  // 48 samples in batches of 16: 3 batches per epoch
  return new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss, seed: 5, progress: false });
}

async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

describe('CancelEpochError (fastai CancelEpochException)', () => {
  it('ends the epoch: onEpochEnd fires and the fit goes on with the next epoch instead of re-entering it', async () => {
    const model = makeModel();
    const learn = learner(model);
    const before = tf.memory().numTensors;
    const events: string[] = [];
    const cancelEvery: Callback = {
      name: 'cancelEvery',
      onEpochBegin: (s) => void events.push(`begin ${s.epoch}`),
      onBatchBegin: (s) => {
        if (s.batch === 0) throw new CancelEpochError('skip');
      },
      onEpochEnd: (s) => void events.push(`end ${s.epoch}`),
    };
    const res = await learn.fit(0.05, 3, { callbacks: [cancelEvery] });
    expect(events).toEqual(['begin 0', 'end 0', 'begin 1', 'end 1', 'begin 2', 'end 2']);
    expect(res).toMatchObject({ completed: true, iterations: 0 });
    expect(tf.memory().numTensors).toBe(before);
    learn.dispose();
    model.dispose();
  });

  it('cancelled after one batch: each epoch runs exactly that batch, and the recorder has all epochs', async () => {
    const model = makeModel();
    const learn = learner(model);
    const cancelSecond: Callback = {
      name: 'cancelSecond',
      onBatchBegin: (s) => {
        if (s.batch === 1) throw new CancelEpochError('enough');
      },
    };
    const res = await learn.fit(0.05, 2, { callbacks: [cancelSecond] });
    expect(res.iterations).toBe(2);
    expect(learn.recorder.toJSON().epochs.map((e) => e.epoch)).toEqual([0, 1]);
    learn.dispose();
    model.dispose();
  });
});

describe('a non-finite loss', () => {
  it('leaves the optimizer state finite, so fitting again at a lower LR works from iteration 0', async () => {
    const model = makeModel();
    let calls = 0;
    const loss: LossFn = (yt, yp) => {
      calls++;
      const l = tf.metrics.categoricalCrossentropy(yt, yp);
      return calls === 3 ? tf.mul(l, Number.NaN) : l;
    };
    const before = tf.memory().numTensors;
    const learn = learner(model, loss);
    const err = await quietly(() => learn.fit(0.05, 2).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(NonFiniteLossError);
    for (const opt of learn.optimizers) {
      const weights = await opt.getWeights();
      for (const w of weights) {
        expect(Array.from(w.tensor.dataSync()).every(Number.isFinite), w.name).toBe(true);
        if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
      }
    }
    const again = await learn.fit(0.01, 2);
    expect(again.completed).toBe(true);
    expect(learn.recorder.toJSON().batches.every((b) => Number.isFinite(b.loss))).toBe(true);
    expect(weightsOf(model).flat().every(Number.isFinite)).toBe(true);
    learn.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('a loss function that throws', () => {
  const throwingAt = (n: number): LossFn => {
    let calls = 0;
    return (yt, yp) => {
      calls++;
      const l = tf.metrics.categoricalCrossentropy(yt, yp);
      if (calls === n) throw new Error('loss exploded');
      return l;
    };
  };

  it('fails the fit with a FitError and leaks no tensor', async () => {
    const model = makeModel();
    const before = tf.memory().numTensors;
    const learn = learner(model, throwingAt(2));
    const err = await learn.fit(0.05, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FitError);
    expect(String(err)).toMatch(/loss exploded/);
    learn.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('fails lrFind and leaks no tensor; the weights are restored', async () => {
    const model = makeModel();
    const before = tf.memory().numTensors;
    const learn = learner(model, throwingAt(4));
    const w0 = weightsOf(model);
    await expect(learn.lrFind({ numIt: 10 })).rejects.toThrow(/loss exploded/);
    expect(weightsOf(model)).toEqual(w0);
    learn.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('fitSchedule checks the spec before the first batch', () => {
  it('a spec shorter than the fit is a LearnerOptionError and no batch runs', async () => {
    const model = makeModel();
    const learn = learner(model);
    const w0 = weightsOf(model);
    let batches = 0;
    const count: Callback = { name: 'count', onBatchBegin: () => void batches++ };
    const err = await learn.fitSchedule({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 5 }, 2, { callbacks: [count] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LearnerOptionError);
    expect(String(err)).toMatch(/covers 5 steps but the fit runs 6 \(2 epochs x 3 batches\)/);
    expect(batches).toBe(0);
    expect(weightsOf(model)).toEqual(w0);
    const bad = await learn.fitSchedule({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 1e17 }, 1).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(LearnerOptionError);
    expect(String(bad)).toMatch(/totalSteps.*2\^53/);
    learn.dispose();
    model.dispose();
  });
});

describe('lrFind reports a cancellation', () => {
  it("stopReason is 'cancelled' with the iterations run when something ends the test early", async () => {
    const model = makeModel();
    let calls = 0;
    const loss: LossFn = (yt, yp) => {
      calls++;
      if (calls === 9) throw new CancelFitError('stop here');
      return tf.metrics.categoricalCrossentropy(yt, yp);
    };
    const before = tf.memory().numTensors;
    const learn = learner(model, loss);
    const r = await learn.lrFind({ numIt: 20 });
    expect(r.stopReason).toBe('cancelled');
    expect(r.iterations).toBeGreaterThanOrEqual(8);
    expect(r.iterations).toBeLessThan(20);
    const full = await learn.lrFind({ numIt: 20, stopDiv: false });
    expect(full).toMatchObject({ stopReason: 'completed', iterations: 20 });
    learn.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
