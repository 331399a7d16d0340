import * as tf from '@tensorflow/tfjs';
import { createSchedule } from '@onecycle/core-schedules';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import { AdamW } from '@onecycle/optim';
import { describe, expect, it } from 'vitest';
import { Learner } from '../index';
import type { CustomModel } from '../index';
import { makeModel, useLearnerFixture } from './helpers';

const fx = useLearnerFixture();

function expectSchedule(learn: Learner, spec: ScheduleSpec, n: number): void {
  const s = createSchedule(spec);
  const rec = learn.recorder.toJSON().batches;
  expect(rec).toHaveLength(n);
  for (const b of rec) {
    const h = s.at(b.iteration);
    expect(b.lr).toBeCloseTo(h.lr, 12);
    if (h.mom !== undefined) expect(b.mom).toBeCloseTo(h.mom, 12);
  }
}

describe('fitOneCycle, fitSchedule, optimizers, custom models and datasets', () => {
  it('fitOneCycle follows fastai v2 defaults (div 25, divFinal 1e5, pctStart 0.25, moms 0.95/0.85/0.95)', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false });
    const res = await learn.fitOneCycle(2, 0.05);
    expect(res.spec).toEqual({ kind: 'oneCycle', lrMax: 0.05, totalSteps: 6 });
    expectSchedule(learn, { kind: 'oneCycle', lrMax: 0.05, totalSteps: 6, div: 25, divFinal: 1e5, pctStart: 0.25, moms: [0.95, 0.85, 0.95] }, 6);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("adamw gets the schedule's momentum as beta1", async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', optimizer: 'adamw', seed: 1, progress: false });
    const betas: number[] = [];
    const opt = learn.optimizers[0];
    await learn.fitOneCycle(1, 0.01, { callbacks: [{ name: 'beta', onBackwardEnd: () => void betas.push(opt instanceof AdamW ? opt.beta1 : Number.NaN) }] });
    const s = createSchedule({ kind: 'oneCycle', lrMax: 0.01, totalSteps: 3 });
    expect(betas).toHaveLength(3);
    betas.forEach((b, i) => expect(b).toBeCloseTo(s.at(i).mom ?? Number.NaN, 12));
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fitSchedule runs any core-schedules spec', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false });
    const spec: ScheduleSpec = { kind: 'torchOneCycle', maxLr: 0.05, totalSteps: 6 };
    await learn.fitSchedule(spec, 2);
    expectSchedule(learn, spec, 6);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains a custom model (variables + apply) from a tf.data.Dataset', async () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.zeros([4, 3])));
    const b = tf.tidy(() => tf.variable(tf.zeros([3])));
    const custom: CustomModel = { trainableVariables: [w, b], apply: (x) => tf.softmax(tf.add(tf.matMul(x, w), b)) };
    const xs = tf.unstack(fx.data.x);
    const ys = tf.unstack(fx.data.y);
    const ds = tf.data.zip({ xs: tf.data.array(xs), ys: tf.data.array(ys) }).batch(16);
    const learn = new Learner({ model: custom, data: { train: ds, valid: { dataset: ds, batchesPerEpoch: 3 } }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], seed: 1, progress: false });
    const res = await learn.fit(0.5, 3);
    expect(res.iterations).toBe(9);
    const rec = learn.recorder.toJSON();
    expect(rec.epochs[2]?.trainLoss).toBeLessThan(rec.batches[0]?.loss ?? 0);
    expect(res.metrics['accuracy']).toBeGreaterThan(0.5);
    learn.dispose();
    tf.dispose([w, b, ...xs, ...ys]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fitFlatCos is fastai v2 fit_flat_cos: flat for 75% of the steps, then a cosine to lr / 1e5', async () => {
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false });
    await learn.fitFlatCos(4, 0.05); // warm-up fit: the optimizer's slots exist from here on
    const before = tf.memory().numTensors;
    const res = await learn.fitFlatCos(4, 0.05);
    expect(tf.memory().numTensors).toBe(before);
    expect(res).toMatchObject({ numEpochs: 4, iterations: 12 });
    expect(res.spec).toEqual({ kind: 'phases', totalSteps: 12, phases: [
      { pct: 0.75, lr: { start: 0.05, end: 0.05, anneal: 'cos' } },
      { pct: 0.25, lr: { start: 0.05, end: 0.05 / 1e5, anneal: 'cos' } },
    ] });
    expectSchedule(learn, res.spec, 12);
    const lrs = learn.recorder.toJSON().batches.map((b) => b.lr);
    expect(lrs.slice(0, 9).every((lr) => Math.abs(lr - 0.05) < 1e-15)).toBe(true);
    expect(lrs[11]).toBeCloseTo(5e-7 + (0.05 - 5e-7) * 0.25, 15); // 2/3 of the way down the cosine, as fastai's last step
    expect(lrs.slice(9).every((lr, i, a) => i === 0 || lr < (a[i - 1] ?? 0))).toBe(true);
    await expect(learn.fitFlatCos(2, 0.05, { pctStart: 1 })).rejects.toThrow(/pctStart must be in \(0, 1\), got 1/);
    await expect(learn.fitFlatCos(2, 0.05, { divFinal: 0.5 })).rejects.toThrow(/divFinal must be a number >= 1, got 0.5/);
    learn.dispose();
    model.dispose();
  });

  it('fitSgdr is fastai v2 fit_sgdr: cosines from lrMax to 0, each cycle cycleMult times longer (and cycleMult 1 works)', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false });
    const res = await learn.fitSgdr(2, 1, 0.05); // cycles of 1 and 2 epochs: fastai's cycle_len * (2^2 - 1) // (2 - 1) = 3 epochs
    expect(res).toMatchObject({ numEpochs: 3, iterations: 9 });
    expect(res.spec).toEqual({ kind: 'phases', totalSteps: 9, phases: [
      { pct: 1 / 3, lr: { start: 0.05, end: 0, anneal: 'cos' } },
      { pct: 2 / 3, lr: { start: 0.05, end: 0, anneal: 'cos' } },
    ] });
    expectSchedule(learn, res.spec, 9);
    const lrs = learn.recorder.toJSON().batches.map((b) => b.lr);
    expect(lrs[0]).toBe(0.05);
    expect(lrs[3]).toBe(0.05); // the restart, at the start of epoch 2
    expect(lrs[2]).toBeLessThan(lrs[1] ?? 0);
    const flat = await learn.fitSgdr(3, 1, 0.05, { cycleMult: 1 }); // fastai: ZeroDivisionError
    expect(flat).toMatchObject({ numEpochs: 3, iterations: 9 });
    expect(learn.recorder.toJSON().batches.filter((b) => b.lr === 0.05).map((b) => b.iteration)).toEqual([0, 3, 6]);
    await expect(learn.fitSgdr(0, 1, 0.05)).rejects.toThrow(/nCycles must be an integer >= 1, got 0/);
    await expect(learn.fitSgdr(2, 1, 0.05, { cycleMult: 1.5 })).rejects.toThrow(/cycleMult must be an integer >= 1, got 1.5/);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
