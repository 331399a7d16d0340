import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CancelFitError } from '@onecycle/callbacks';
import type { Callback } from '@onecycle/callbacks';
import { describe, expect, it } from 'vitest';
import { CheckpointError, FitError, Learner, NonFiniteLossError, lrSlice } from '../index';
import type { CustomModel, FitOptions } from '../index';
import { makeModel, maxDiff, useLearnerFixture, weightsOf } from './helpers';

const fx = useLearnerFixture('onecycle-learner-');

const dataOpts = (): { train: { x: tf.Tensor; y: tf.Tensor; batchSize: number }; valid: { x: tf.Tensor; y: tf.Tensor; batchSize: number } } => ({
  train: { x: fx.data.x, y: fx.data.y, batchSize: 16 },
  valid: { x: fx.valid.x, y: fx.valid.y, batchSize: 16 },
});

function learner(model: tf.LayersModel): Learner {
  return new Learner({ model, data: dataOpts(), loss: 'categoricalCrossentropy', metrics: ['accuracy'], seed: 11, progress: false });
}

function layers(l: Learner): tf.LayersModel {
  if (!(l.model instanceof tf.LayersModel)) throw new Error('expected a LayersModel');
  return l.model;
}

const stopAt = (iteration: number): Callback => ({
  name: 'stopAt',
  onBatchBegin: (s) => {
    if (s.iteration === iteration) throw new CancelFitError(`interrupted at ${iteration}`);
  },
});

describe('save / load / resume', () => {
  const opts: FitOptions = { cycleLen: 2, useClrBeta: [10, 10, 0.95, 0.85], wds: 1e-4 };

  it('a fit interrupted mid-epoch and resumed (in memory, and through save/load) ends like an uninterrupted one', async () => {
    const mA = makeModel();
    const a = learner(mA);
    await a.fit(0.1, 2, opts);
    const recA = a.recorder.toJSON().batches;
    expect(recA).toHaveLength(12);

    // In memory.
    const mB = makeModel();
    const b = learner(mB);
    const cut = await b.fit(0.1, 2, { ...opts, callbacks: [stopAt(7)] });
    expect(cut).toMatchObject({ completed: false, iterations: 7 });
    await expect(b.fit(0.1, 2, { ...opts, cycleLen: 1 })).resolves.toBeDefined(); // a fresh fit replaces the interrupted one
    const mB2 = makeModel();
    const b2 = learner(mB2);
    await b2.fit(0.1, 2, { ...opts, callbacks: [stopAt(7)] });
    await expect(b2.fit(0.2, 2, { ...opts, resume: true })).rejects.toThrow(CheckpointError);
    const done = await b2.fit(0.1, 2, { ...opts, resume: true });
    expect(done).toMatchObject({ completed: true, iterations: 12 });
    expect(maxDiff(weightsOf(mB2), weightsOf(mA))).toBeLessThan(1e-6);
    expect(b2.recorder.toJSON().batches.map((r) => [r.iteration, r.lr, r.mom, r.wd])).toEqual(recA.map((r) => [r.iteration, r.lr, r.mom, r.wd]));
    // the smoothed loss goes on from the losses before the cut, not from scratch
    const smoothB = b2.recorder.toJSON().batches.map((r) => r.smoothLoss);
    recA.forEach((r, i) => expect(smoothB[i]).toBeCloseTo(r.smoothLoss, 5));
    const trainA = a.recorder.toJSON().epochs.map((e) => e.trainLoss);
    expect(trainA).toHaveLength(4);
    b2.recorder.toJSON().epochs.forEach((e, i) => expect(e.trainLoss).toBeCloseTo(trainA[i] ?? Number.NaN, 5));
    await expect(b2.fit(0.1, 2, { ...opts, resume: true })).rejects.toThrow(/already completed/);

    // Through save / load, interrupted at another iteration.
    const mC = makeModel();
    const c = learner(mC);
    await c.fit(0.1, 2, { ...opts, callbacks: [stopAt(4)] });
    const before = tf.memory().numTensors;
    const dir = path.join(fx.tmp, 'ckpt');
    await c.save(dir);
    expect(tf.memory().numTensors).toBe(before);
    const [folder, ...others] = fs.readdirSync(dir).filter((n) => n !== 'checkpoint.json');
    expect(others).toEqual([]);
    expect(fs.readdirSync(path.join(dir, folder ?? '')).sort()).toEqual(['learner.json', 'model', 'optimizer-0.bin']);
    const d = await Learner.load(dir, { data: dataOpts(), progress: false });
    expect(maxDiff(weightsOf(layers(d)), weightsOf(mC))).toBe(0);
    await d.fit(0.1, 2, { ...opts, resume: true });
    expect(maxDiff(weightsOf(layers(d)), weightsOf(mA))).toBeLessThan(1e-6);
    expect(d.recorder.toJSON().batches.map((r) => [r.iteration, r.lr, r.mom, r.wd])).toEqual(recA.map((r) => [r.iteration, r.lr, r.mom, r.wd]));
    expect(d.recorder.toJSON().epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    const smoothD = d.recorder.toJSON().batches.map((r) => r.smoothLoss);
    recA.forEach((r, i) => expect(smoothD[i]).toBeCloseTo(r.smoothLoss, 5));
    const mE = makeModel(7);
    const e = await Learner.load(dir, { model: mE, data: dataOpts(), progress: false });
    expect(maxDiff(weightsOf(mE), weightsOf(mC))).toBe(0);
    await e.fit(0.1, 2, { ...opts, resume: true });
    expect(maxDiff(weightsOf(mE), weightsOf(mA))).toBeLessThan(1e-6);
    e.dispose();
    mE.dispose();

    for (const l of [a, b, b2, c, d]) l.dispose();
    for (const m of [mA, mB, mB2, mC, layers(d)]) m.dispose();
  });

  it('saves and resumes a custom model (variables + apply) with two layer groups and adamw', async () => {
    const before = tf.memory().numTensors;
    const make = (): { model: CustomModel; vars: tf.Variable[] } => {
      const w = tf.tidy(() => tf.variable(tf.randomNormal([4, 3], 0, 0.1, 'float32', 5)));
      const b = tf.tidy(() => tf.variable(tf.zeros([3])));
      return { vars: [w, b], model: { trainableVariables: [w, b], apply: (x) => tf.softmax(tf.add(tf.matMul(x, w), b)) } };
    };
    const mk = (m: CustomModel): Learner => new Learner({ model: m, data: dataOpts(), loss: 'categoricalCrossentropy', optimizer: 'adamw', layerGroups: 2, seed: 3, progress: false });
    const fitArgs = [3, lrSlice(1e-3, 1e-2)] as const;
    const a = make();
    const la = mk(a.model);
    await la.fitOneCycle(...fitArgs);
    const b = make();
    const lb = mk(b.model);
    await lb.fitOneCycle(...fitArgs, { callbacks: [stopAt(5)] });
    const dir = path.join(fx.tmp, 'custom');
    await lb.save(dir);
    const c = make();
    const lc = await Learner.load(dir, { model: c.model, data: dataOpts(), progress: false });
    expect(lc.numGroups).toBe(2);
    await lc.fitOneCycle(...fitArgs, { resume: true });
    const values = (vs: tf.Variable[]): number[][] => vs.map((v) => Array.from(v.dataSync()));
    expect(maxDiff(values(c.vars), values(a.vars))).toBeLessThan(1e-6);
    for (const l of [la, lb, lc]) l.dispose();
    tf.dispose([...a.vars, ...b.vars, ...c.vars]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('Learner.load of a missing or damaged directory is a CheckpointError', async () => {
    await expect(Learner.load(path.join(fx.tmp, 'nope'), { data: dataOpts() })).rejects.toThrow(CheckpointError);
    const bad = path.join(fx.tmp, 'bad');
    fs.mkdirSync(bad, { recursive: true });
    fs.writeFileSync(path.join(bad, 'learner.json'), JSON.stringify({ format: 'onecycle-learner', version: 1, seed: 'x' }));
    await expect(Learner.load(bad, { data: dataOpts() })).rejects.toThrow(/learner.json: modelKind|learner.json: seed/);
  });
});

describe('failures mid-fit', () => {
  it('a NaN loss stops the fit, restores the last finite weights and names epoch, iteration and LR', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    let calls = 0;
    const loss = (yt: tf.Tensor, yp: tf.Tensor): tf.Tensor => {
      calls++;
      const l = tf.metrics.categoricalCrossentropy(yt, yp);
      return calls === 5 ? tf.mul(l, Number.NaN) : l;
    };
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss, seed: 1, progress: false });
    let before4: number[][] = [];
    const probe: Callback = { name: 'probe', order: -100, onBatchBegin: (s) => { if (s.iteration === 4) before4 = weightsOf(model); } };
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const err = await learn.fit(0.05, 3, { callbacks: [probe] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NonFiniteLossError);
      expect(String(err)).toMatch(/loss became NaN at epoch 1, iteration 4, lr 0\.0500000/);
    } finally {
      console.warn = warn;
    }
    expect(weightsOf(model).flat().every(Number.isFinite)).toBe(true);
    expect(weightsOf(model)).toEqual(before4);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an exception in a callback becomes a FitError naming epoch, iteration and LR', async () => {
    const model = makeModel();
    const learn = learner(model);
    const before = tf.memory().numTensors;
    const boom: Callback = { name: 'boom', onStepEnd: (s) => { if (s.iteration === 4) throw new Error('boom'); } };
    const err = await learn.fit(0.05, 2, { callbacks: [boom] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FitError);
    expect(String(err)).toMatch(/fit failed at epoch 1, iteration 4, lr 0\.0500000.*boom/);
    learn.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    model.dispose();
  });
});
