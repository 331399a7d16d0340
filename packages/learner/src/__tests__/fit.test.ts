import * as tf from '@tensorflow/tfjs';
import { createSchedule } from '@onecycle/core-schedules';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import type { Callback, CallbackEvent } from '@onecycle/callbacks';
import { ReduceLROnPlateau } from '@onecycle/callbacks';
import { sgdw } from '@onecycle/optim';
import { describe, expect, it } from 'vitest';
import { Learner, LearnerOptionError, lrSlice } from '../index';
import { forward, makeModel, maxDiff, useLearnerFixture, weightsOf } from './helpers';

const fx = useLearnerFixture();

function learner(model: tf.LayersModel, extra: Partial<ConstructorParameters<typeof Learner>[0]> = {}): Learner {
  return new Learner({
    model,
    data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 }, valid: { x: fx.valid.x, y: fx.valid.y, batchSize: 16 } },
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
    seed: 5,
    progress: false,
    ...extra,
  });
}

function expectRecordedSchedule(learn: Learner, spec: ScheduleSpec, iterations: number, withMom: boolean): void {
  const sched = createSchedule(spec);
  const rec = learn.recorder.toJSON().batches;
  expect(rec.map((b) => b.iteration)).toEqual(Array.from({ length: iterations }, (_, i) => i));
  rec.forEach((b) => {
    const h = sched.at(b.iteration);
    expect(b.lr).toBeCloseTo(h.lr, 12);
    if (withMom) expect(b.mom).toBeCloseTo(h.mom ?? Number.NaN, 12);
  });
}

describe('Learner.fit (fastai 0.7 options)', () => {
  it('fires all ten events in order, trains, validates with accuracy and leaks no tensors', async () => {
    const model = makeModel();
    const learn = learner(model);
    await learn.fit(0.05, 1); // creates the optimizer's momentum buffers
    const before = tf.memory().numTensors;
    const events: CallbackEvent[] = [];
    const spy: Callback = { name: 'spy' };
    const names: CallbackEvent[] = ['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onLossBegin', 'onBackwardBegin', 'onBackwardEnd', 'onStepEnd', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd'];
    for (const e of names) spy[e] = () => void events.push(e);
    const res = await learn.fit(0.05, 2, { callbacks: [spy] });
    expect(tf.memory().numTensors).toBe(before);
    expect(res).toMatchObject({ numEpochs: 2, iterations: 6, completed: true });
    expect(res.metrics['accuracy']).toBeGreaterThan(0);
    expect(res.validLoss).toBeGreaterThan(0);
    const batch = ['onBatchBegin', 'onLossBegin', 'onBackwardBegin', 'onBackwardEnd', 'onStepEnd', 'onBatchEnd'];
    const epoch = ['onEpochBegin', ...batch, ...batch, ...batch, 'onEpochEnd'];
    expect(events).toEqual(['onTrainBegin', ...epoch, ...epoch, 'onTrainEnd']);
    const rec = learn.recorder.toJSON();
    expect(rec.epochs).toHaveLength(2);
    expect(rec.batches.every((b) => b.lr === 0.05 && b.mom === 0.9)).toBe(true);
    learn.dispose();
    model.dispose();
  });

  it('useClrBeta [div, pct, maxMom, minMom]: recorded lr/mom equal the fastaiClrBeta schedule and the updates used them', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const ref = makeModel();
    const learn = learner(model, { data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16, shuffle: false } } });
    const res = await learn.fit(0.1, 2, { cycleLen: 1, useClrBeta: [10, 25, 0.95, 0.85] });
    const spec: ScheduleSpec = { kind: 'fastaiClrBeta', lr: 0.1, stepsPerCycle: 3, div: 10, pct: 25, maxMom: 0.95, minMom: 0.85 };
    expect(res.spec).toEqual(spec);
    expectRecordedSchedule(learn, spec, 6, true);
    // Reference: the same batches through a plain loop, setting lr and momentum by hand.
    const sched = createSchedule(spec);
    const opt = sgdw({ lr: 0.1, momentum: 0.9 });
    const vars = ref.trainableWeights.map((w) => w.read()).filter((t): t is tf.Variable => t instanceof tf.Variable);
    for (let it = 0; it < 6; it++) {
      const h = sched.at(it);
      opt.learningRate = h.lr;
      opt.momentum = h.mom ?? 0.9;
      const from = (it % 3) * 16;
      tf.tidy(() => {
        const xb = fx.data.x.slice(from, 16);
        const yb = fx.data.y.slice(from, 16);
        const { grads } = tf.variableGrads(() => tf.mean(tf.metrics.categoricalCrossentropy(yb, forward(ref, xb))), vars);
        opt.applyGradients(grads);
      });
    }
    expect(maxDiff(weightsOf(model), weightsOf(ref))).toBeLessThan(1e-6);
    learn.dispose();
    opt.dispose();
    model.dispose();
    ref.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('useClrBeta [div, pct] leaves momentum alone; useClr [div, cutDiv] follows fastaiClr', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = learner(model);
    await learn.fit(0.1, 1, { useClrBeta: [10, 10] });
    expectRecordedSchedule(learn, { kind: 'fastaiClrBeta', lr: 0.1, stepsPerCycle: 3, div: 10, pct: 10 }, 3, false);
    expect(learn.recorder.toJSON().batches.every((b) => b.mom === 0.9)).toBe(true);
    await learn.fit(0.1, 2, { cycleLen: 2, useClr: [4, 2] });
    expectRecordedSchedule(learn, { kind: 'fastaiClr', lr: 0.1, stepsPerCycle: 6, div: 4, cutDiv: 2 }, 12, false);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('SGDR with cycleLen and cycleMult runs sum(cycleLen * cycleMult^i) epochs of fastaiSgdr', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = learner(model);
    const res = await learn.fit(0.05, 3, { cycleLen: 1, cycleMult: 2 });
    expect(res.numEpochs).toBe(7);
    expectRecordedSchedule(learn, { kind: 'fastaiSgdr', lr: 0.05, stepsPerCycle: 3, cycleMult: 2 }, 21, false);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('wds with useWdSched scales weight decay with the LR (wdSchedule followLr)', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = learner(model);
    await learn.fit(0.1, 1, { useClrBeta: [10, 10, 0.95, 0.85], wds: 1e-3, useWdSched: true });
    const spec: ScheduleSpec = { kind: 'fastaiClrBeta', lr: 0.1, stepsPerCycle: 3, div: 10, pct: 10, maxMom: 0.95, minMom: 0.85, wd: 1e-3, wdSchedule: 'followLr' };
    const sched = createSchedule(spec);
    for (const b of learn.recorder.toJSON().batches) expect(b.wd).toBeCloseTo(sched.at(b.iteration).wd ?? Number.NaN, 14);
    await learn.fit(0.1, 1, { wds: 2e-3 });
    expect(learn.recorder.toJSON().batches.map((b) => b.wd)).toEqual([2e-3, 2e-3, 2e-3]);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('discriminative LRs: lrSlice spreads over two layer groups, each group optimizer gets its share', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = learner(model, { layerGroups: [[0], [1]] });
    const seen: Array<[number, number]> = [];
    const probe: Callback = {
      name: 'probe',
      order: 100,
      onBackwardEnd: () => {
        const [a, b] = learn.optimizers.map((o) => (o instanceof tf.Optimizer && 'learningRate' in o && typeof o.learningRate === 'number' ? o.learningRate : Number.NaN));
        seen.push([a ?? Number.NaN, b ?? Number.NaN]);
      },
    };
    await learn.fit(lrSlice(1e-3, 1e-2), 1, { useClrBeta: [10, 10], callbacks: [probe] });
    const sched = createSchedule({ kind: 'fastaiClrBeta', lr: 1e-2, stepsPerCycle: 3, div: 10, pct: 10 });
    seen.forEach(([a, b], i) => {
      expect(b).toBeCloseTo(sched.at(i).lr, 12);
      expect(a).toBeCloseTo(sched.at(i).lr / 10, 12);
    });
    expect(seen).toHaveLength(3);
    const other = makeModel();
    expect(() => learner(other, { layerGroups: [[0]] })).toThrow(LearnerOptionError);
    other.dispose();
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks the fastai options', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = learner(model);
    await expect(learn.fit(0.1, 1, { useClrBeta: [10, 10], cycleMult: 2 })).rejects.toThrow(/cycleMult 2 only applies to SGDR/);
    await expect(learn.fit(0.1, 0)).rejects.toThrow(/nCycle must be an integer >= 1, got 0/);
    await expect(learn.fit(0.1, 1, { useWdSched: true })).rejects.toThrow(/useWdSched needs wds/);
    // @ts-expect-error: a JavaScript caller may pass a 3-tuple
    await expect(learn.fit(0.1, 1, { useClrBeta: [10, 10, 0.9] })).rejects.toThrow(/must have 2 items/);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes ReduceLROnPlateau as a callback: the recorded LR drops after a stalled epoch', async () => {
    const model = makeModel();
    const learn = learner(model);
    // thresholdMode 'abs' with a huge threshold: no epoch after the first counts as better
    const plateau = new ReduceLROnPlateau({ patience: 0, factor: 0.5, threshold: 100, thresholdMode: 'abs' });
    await learn.fit(0.05, 1); // creates the optimizer's momentum buffers
    const before = tf.memory().numTensors;
    await learn.fit(0.05, 3, { callbacks: [plateau] });
    const byEpoch = [0, 1, 2].map((e) => learn.recorder.toJSON().batches.filter((b) => b.epoch === e).map((b) => b.lr));
    expect(byEpoch[0]?.every((lr) => lr === 0.05)).toBe(true);
    expect(byEpoch[1]?.every((lr) => lr === 0.05)).toBe(true);
    expect(byEpoch[2]?.every((lr) => Math.abs(lr - 0.025) < 1e-15)).toBe(true);
    expect(plateau.reductions).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
    learn.dispose();
    model.dispose();
  });
});
