import * as tf from '@tensorflow/tfjs';
import { createSchedule } from '@onecycle/core-schedules';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import { AdamW } from '@onecycle/callbacks';
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
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false });
    const res = await learn.fitOneCycle(2, 0.05);
    expect(res.spec).toEqual({ kind: 'oneCycle', lrMax: 0.05, totalSteps: 6 });
    expectSchedule(learn, { kind: 'oneCycle', lrMax: 0.05, totalSteps: 6, div: 25, divFinal: 1e5, pctStart: 0.25, moms: [0.95, 0.85, 0.95] }, 6);
    learn.dispose();
    model.dispose();
  });

  it("adamw gets the schedule's momentum as beta1", async () => {
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
  });

  it('fitSchedule runs any core-schedules spec', async () => {
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false });
    const spec: ScheduleSpec = { kind: 'torchOneCycle', maxLr: 0.05, totalSteps: 6 };
    await learn.fitSchedule(spec, 2);
    expectSchedule(learn, spec, 6);
    learn.dispose();
    model.dispose();
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
});
