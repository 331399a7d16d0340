import * as tf from '@tensorflow/tfjs';
import { createSchedule } from '@onecycle/core-schedules';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CallbackBus,
  CallbackOptionError,
  HyperParamError,
  ParamScheduler,
  Recorder,
  scheduleCallback,
  toTfjsCallback,
} from '../index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const N = 12;
const BATCH = 4;

function problem(optimizer: tf.Optimizer | string = tf.train.momentum(0.01, 0.9)): { model: tf.Sequential; xs: tf.Tensor2D; ys: tf.Tensor2D; dispose(): void } {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'ones' })] });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const xs = tf.tensor2d(Array.from({ length: N }, (_, i) => [Math.sin(i), Math.cos(i)]));
  const ys = tf.tensor2d(Array.from({ length: N }, (_, i) => [Math.sin(2 * i)]));
  return {
    model,
    xs,
    ys,
    dispose: () => {
      const opt = model.optimizer;
      tf.dispose([xs, ys]);
      model.dispose();
      opt.dispose();
      const c: unknown = Reflect.get(opt, 'c'); // tfjs 4.22 MomentumOptimizer.dispose leaves its lr scalar
      if (c instanceof tf.Tensor && !c.isDisposed) c.dispose();
    },
  };
}

type Other = 'plain' | 'custom' | 'earlyStopping';
type Ours = 'bridge' | 'scheduleCallback';

/** A callback of each kind a Keras user writes, and how to tell it really ran. */
function other(kind: Other): { cb: tf.CustomCallbackArgs | tf.Callback; epochsSeen: () => number } {
  let seen = 0;
  if (kind === 'plain') return { cb: { onEpochEnd: () => { seen++; } }, epochsSeen: () => seen };
  if (kind === 'custom') return { cb: new tf.CustomCallback({ onEpochEnd: () => { seen++; } }), epochsSeen: () => seen };
  // patience 1 and a huge minDelta: no epoch after the first improves, so training stops after 2
  return { cb: tf.callbacks.earlyStopping({ monitor: 'loss', patience: 1, minDelta: 1e9 }), epochsSeen: () => 2 };
}

describe('bridges next to plain objects, tf.CustomCallback and EarlyStopping, in any order', () => {
  const EPOCHS = 3;
  for (const via of ['fit', 'fitDataset'] as const) {
    for (const ours of ['bridge', 'scheduleCallback'] as Ours[]) {
      for (const kind of ['plain', 'custom', 'earlyStopping'] as Other[]) {
        for (const first of [true, false]) {
          it(`${via}: ${ours} ${first ? 'before' : 'after'} a ${kind} callback`, async () => {
            const before = tf.memory().numTensors;
            const p = problem();
            const recorder = new Recorder();
            const sched = scheduleCallback({ kind: 'oneCycle', lrMax: 0.05 });
            const mine = ours === 'bridge' ? toTfjsCallback(new CallbackBus([recorder])) : sched;
            const o = other(kind);
            const callbacks = first ? [mine, o.cb] : [o.cb, mine];
            if (via === 'fit') {
              await p.model.fit(p.xs, p.ys, { epochs: EPOCHS, batchSize: BATCH, shuffle: false, verbose: 0, callbacks });
            } else {
              const ds = tf.data.zip({ xs: tf.data.array(p.xs.unstack()), ys: tf.data.array(p.ys.unstack()) }).batch(BATCH);
              await p.model.fitDataset(ds, { epochs: EPOCHS, verbose: 0, callbacks });
            }
            const epochs = kind === 'earlyStopping' ? 2 : EPOCHS;
            expect(o.epochsSeen()).toBe(epochs);
            const rec = (ours === 'bridge' ? recorder : sched.recorder).toJSON();
            expect(rec.epochs).toHaveLength(epochs);
            expect(rec.batches).toHaveLength(epochs * (N / BATCH));
            if (ours === 'scheduleCallback') {
              const s = createSchedule({ kind: 'oneCycle', lrMax: 0.05, totalSteps: EPOCHS * (N / BATCH) });
              expect(rec.batches.map((b) => b.lr)).toEqual(rec.batches.map((b) => s.at(b.iteration).lr));
            }
            p.dispose();
            // fitDataset's unstacked rows are the dataset's; they go with the arrays above
            if (via === 'fit') expect(tf.memory().numTensors).toBe(before);
          });
        }
      }
    }
  }
});

describe('scheduleCallback fills the length in from the fit', () => {
  it('epochs x ceil(samples / batchSize), samples after validationSplit; lr and momentum follow the schedule', async () => {
    const before = tf.memory().numTensors;
    const p = problem();
    const sched = scheduleCallback({ kind: 'oneCycle', lrMax: 0.05 });
    // 12 rows, validationSplit 0.25: 9 train rows, batches of 4 -> 3 per epoch, 2 epochs -> 6
    await p.model.fit(p.xs, p.ys, { epochs: 2, batchSize: 4, validationSplit: 0.25, verbose: 0, callbacks: [sched, { onEpochEnd: () => undefined }] });
    expect(sched.schedule?.totalSteps).toBe(6);
    const s = createSchedule({ kind: 'oneCycle', lrMax: 0.05, totalSteps: 6 });
    const rec = sched.recorder.toJSON();
    expect(rec.batches.map((b) => [b.lr, b.mom])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [s.at(i).lr, s.at(i).mom]));
    expect(rec.epochs.every((e) => typeof e.validLoss === 'number')).toBe(true);
    expect(p.model.optimizer.getConfig()['learningRate']).toBe(s.at(5).lr);
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fitDataset: from batchesPerEpoch; a dataset of unknown length without it is refused at onTrainBegin', async () => {
    const before = tf.memory().numTensors;
    const p = problem();
    const rows = (): Generator<{ xs: tf.Tensor; ys: tf.Tensor }> => (function* gen() {
      for (let i = 0; i < 6; i++) yield tf.tidy(() => ({ xs: tf.randomNormal([BATCH, 2], 0, 1, 'float32', i), ys: tf.zeros([BATCH, 1]) }));
    })();
    // fitDataset with batchesPerEpoch keeps one iterator across epochs: 6 batches for 2 x 3
    const ds = tf.data.generator(rows);
    const sched = scheduleCallback({ kind: 'fastaiClrBeta', lr: 0.05, maxMom: 0.95, minMom: 0.85 });
    await expect(p.model.fitDataset(ds, { epochs: 2, verbose: 0, callbacks: [sched] })).rejects.toThrow(
      /cannot fill in stepsPerCycle: the fit's length is unknown .*pass batchesPerEpoch to model\.fitDataset/,
    );
    expect(sched.recorder.toJSON().batches).toHaveLength(0);
    await p.model.fitDataset(ds, { epochs: 2, batchesPerEpoch: 3, verbose: 0, callbacks: [sched] });
    expect(sched.schedule?.totalSteps).toBeUndefined(); // a cyclic kind: open-ended
    expect(sched.schedule?.spec).toMatchObject({ stepsPerCycle: 6 });
    expect(sched.recorder.toJSON().batches).toHaveLength(6);
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a spec shorter than the fit is refused at onTrainBegin, before any batch, naming the count and the fix', async () => {
    const before = tf.memory().numTensors;
    const p = problem();
    const sched = scheduleCallback({ kind: 'oneCycle', lrMax: 0.05, totalSteps: 8 });
    const err = await p.model.fit(p.xs, p.ys, { epochs: 3, batchSize: BATCH, verbose: 0, callbacks: [sched] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallbackOptionError);
    expect(String(err)).toMatch(/totalSteps = 8 but this fit runs 9 batches \(3 epochs x 3 batches\): leave totalSteps out .* or set it to 9/);
    expect(sched.recorder.toJSON().batches).toHaveLength(0);
    const w = p.model.getWeights()[0]?.dataSync();
    expect(Array.from(w ?? [])).toEqual([1, 1]); // no step was taken
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a bad spec is refused when the callback is made', () => {
    expect(() => scheduleCallback({ kind: 'oneCycle', lrMax: -1 })).toThrow(/lrMax/);
  });
});

describe('scheduleCallback on every tfjs optimizer', () => {
  const cases: Array<[string, () => tf.Optimizer, boolean]> = [
    ['sgd', () => tf.train.sgd(0.01), false],
    ['momentum', () => tf.train.momentum(0.01, 0.9), true],
    ['adam', () => tf.train.adam(0.01), true],
    ['rmsprop', () => tf.train.rmsprop(0.01), true],
    ['adamax', () => tf.train.adamax(0.01), true],
    ['adagrad', () => tf.train.adagrad(0.01), false],
    ['adadelta', () => tf.train.adadelta(0.01), false],
  ];
  for (const [name, make, hasMom] of cases) {
    it(`${name}: the compiled optimizer's lr${hasMom ? ' and momentum' : ''} follow 1cycle${hasMom ? '' : ' with moms: false'}`, async () => {
      const before = tf.memory().numTensors;
      const p = problem(make());
      const sched = scheduleCallback(hasMom ? { kind: 'oneCycle', lrMax: 0.05 } : { kind: 'oneCycle', lrMax: 0.05, moms: false });
      await p.model.fit(p.xs, p.ys, { epochs: 2, batchSize: BATCH, verbose: 0, callbacks: [sched] });
      const s = createSchedule({ kind: 'oneCycle', lrMax: 0.05, totalSteps: 6, moms: hasMom ? [0.95, 0.85, 0.95] : false });
      const rec = sched.recorder.toJSON();
      expect(rec.batches.map((b) => b.lr)).toEqual([0, 1, 2, 3, 4, 5].map((i) => s.at(i).lr));
      if (hasMom) expect(rec.batches.map((b) => b.mom)).toEqual([0, 1, 2, 3, 4, 5].map((i) => s.at(i).mom));
      else expect(rec.batches.every((b) => b.mom === undefined)).toBe(true);
      p.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('tf.train.sgd with a momentum schedule: refused at onTrainBegin, naming moms: false', async () => {
    const before = tf.memory().numTensors;
    const p = problem(tf.train.sgd(0.01));
    const err = await p.model.fit(p.xs, p.ys, { epochs: 1, batchSize: BATCH, verbose: 0, callbacks: [scheduleCallback({ kind: 'oneCycle', lrMax: 0.05 })] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HyperParamError);
    expect(String(err)).toMatch(/optimizer \(SGD\) has none: set moms: false in the spec/);
    // ParamScheduler on a bus says the same before the first batch
    const bus = new CallbackBus([new ParamScheduler({ kind: 'torchOneCycle', maxLr: 0.05, totalSteps: 10 })]);
    const err2 = await p.model.fit(p.xs, p.ys, { epochs: 1, batchSize: BATCH, verbose: 0, callbacks: [toTfjsCallback(bus)] }).catch((e: unknown) => e);
    expect(String(err2)).toMatch(/set cycleMomentum: false/);
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
