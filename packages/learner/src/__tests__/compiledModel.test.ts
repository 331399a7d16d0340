import * as tf from '@tensorflow/tfjs';
import { HyperParamError } from '@onecycle/callbacks';
import { createSchedule } from '@onecycle/core-schedules';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner, LearnerError, LearnerOptionError } from '../index';
import { makeData, makeModel } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function functional(): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const hidden = tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(input);
  const out = tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(hidden);
  if (Array.isArray(out) || !(out instanceof tf.SymbolicTensor)) throw new Error('one output expected');
  return tf.model({ inputs: input, outputs: out });
}

describe('Learner on a compiled model', () => {
  for (const [name, make] of [['tf.sequential', makeModel], ['tf.model (functional)', functional]] as const) {
    it(`${name}: uses the compiled loss, metrics and optimizer (Adam), and validate() agrees with model.evaluate`, async () => {
      const before = tf.memory().numTensors;
      const data = makeData(40, 3);
      const model = make();
      model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const adam = model.optimizer;
      const learn = new Learner({ model, data: { train: { x: data.x, y: data.y, batchSize: 8 }, validationSplit: 0.25 }, seed: 1, progress: false });
      expect(learn.optimizers).toEqual([adam]);
      expect(adam.getClassName()).toBe('Adam');
      await learn.fitOneCycle(2, 0.01);
      // 30 training rows in batches of 8: 4 batches per epoch, 8 steps; beta1 follows the momentum schedule
      const s = createSchedule({ kind: 'oneCycle', lrMax: 0.01, totalSteps: 8 });
      expect(adam.getConfig()['learningRate']).toBeCloseTo(s.at(7).lr, 12);
      expect(adam.getConfig()['beta1']).toBeCloseTo(s.at(7).mom ?? Number.NaN, 12);
      const v = await learn.validate();
      expect(Object.keys(v.metrics)).toEqual(['accuracy']);
      // validationSplit: the last 10 rows (Keras takes them before shuffling)
      const [vx, vy] = [data.x.slice(30, 10), data.y.slice(30, 10)];
      const ev = model.evaluate(vx, vy, { batchSize: 10 });
      const [loss, acc] = Array.isArray(ev) ? ev : [ev];
      expect(v.loss).toBeCloseTo(loss?.dataSync()[0] ?? Number.NaN, 5);
      expect(v.metrics['accuracy']).toBeCloseTo(acc?.dataSync()[0] ?? Number.NaN, 5);
      tf.dispose([vx, vy, ev]);
      learn.dispose();
      // the compiled optimizer is the model's: it still trains after learn.dispose()
      await model.fit(data.x, data.y, { epochs: 1, batchSize: 40, verbose: 0 });
      tf.dispose([data.x, data.y]);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('options still win over the compiled ones; an extra layer group gets a copy of the compiled optimizer', async () => {
    const before = tf.memory().numTensors;
    const data = makeData(16, 3);
    const model = makeModel();
    model.compile({ optimizer: tf.train.rmsprop(0.01), loss: 'categoricalCrossentropy' });
    const a = new Learner({ model, data: { train: { x: data.x, y: data.y, batchSize: 8 } }, optimizer: 'sgdw', metrics: ['mse'], progress: false });
    expect(a.optimizers[0]?.getClassName()).toBe('SGDW');
    a.dispose();
    const b = new Learner({ model, data: { train: { x: data.x, y: data.y, batchSize: 8 } }, layerGroups: 2, progress: false });
    expect(b.optimizers.map((o) => o.getClassName())).toEqual(['RMSProp', 'RMSProp']);
    expect(b.optimizers[0]).not.toBe(model.optimizer);
    await b.fitOneCycle(1, 0.01);
    b.dispose();
    tf.dispose([data.x, data.y]);
    const opt = model.optimizer;
    model.dispose();
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('tf.train.sgd: fitOneCycle says moms: false before the first batch, and runs with it', async () => {
    const before = tf.memory().numTensors;
    const data = makeData(16, 3);
    const model = makeModel();
    const sgd = tf.train.sgd(0.1);
    model.compile({ optimizer: sgd, loss: 'categoricalCrossentropy' });
    const learn = new Learner({ model, data: { train: { x: data.x, y: data.y, batchSize: 8 } }, progress: false });
    const w0 = model.getWeights().map((w) => Array.from(w.dataSync()));
    const err = await learn.fitOneCycle(1, 0.1).catch((e: unknown) => e);
    const causes: unknown[] = [];
    for (let e: unknown = err; e instanceof Error; e = e.cause) causes.push(e);
    expect(causes.some((e) => e instanceof HyperParamError)).toBe(true);
    expect(String(err)).toMatch(/at epoch 0, iteration 0.*\(SGD\) has none: set moms: false/);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(w0);
    await learn.fitOneCycle(1, 0.1, { moms: false });
    expect(learn.recorder.toJSON().batches).toHaveLength(2);
    learn.dispose();
    tf.dispose([data.x, data.y]);
    model.dispose();
    sgd.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('validationSplit and validate(): bad input says what to do', () => {
    const data = makeData(10, 3);
    const model = makeModel();
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const train = { x: data.x, y: data.y };
    expect(() => new Learner({ model, data: { train, validationSplit: 1.5 } })).toThrow(LearnerOptionError);
    expect(() => new Learner({ model, data: { train, validationSplit: 0.95 } })).toThrow(/leaves 0 for training and 10 for validation/);
    expect(() => new Learner({ model, data: { train, valid: train, validationSplit: 0.2 } })).toThrow(/give one/);
    const ds = tf.data.array([{ xs: data.x, ys: data.y }]);
    expect(() => new Learner({ model, data: { train: ds, validationSplit: 0.2 } })).toThrow(/needs tensor data/);
    const learn = new Learner({ model, data: { train }, progress: false });
    return expect(learn.validate()).rejects.toThrow(LearnerError);
  });
});
