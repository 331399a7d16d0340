import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Learner, LearnerError } from '../index';
import { makeModel, useLearnerFixture, weightsOf } from './helpers';

const fx = useLearnerFixture('onecycle-lrfind-');

async function optimizerState(learn: Learner): Promise<number[][][]> {
  const out: number[][][] = [];
  for (const o of learn.optimizers) {
    const ws = await o.getWeights();
    out.push(ws.map((w) => Array.from(w.tensor.dataSync())));
    for (const w of ws) if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
  }
  return out;
}

describe('lrFind and charts', () => {
  it('runs the range test through the loop, leaves weights, optimizer, RNG and tensors as they were', async () => {
    const model = makeModel();
    const learn = new Learner({
      model,
      data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 8 }, valid: { x: fx.valid.x, y: fx.valid.y, batchSize: 8 } },
      loss: 'categoricalCrossentropy',
      seed: 2,
      progress: false,
    });
    await expect(learn.plotLrFind()).rejects.toThrow(LearnerError);
    await expect(learn.plotLr()).rejects.toThrow(/run fit, fitOneCycle or fitSchedule first/);
    await learn.fit(0.01, 1); // optimizer state exists before the test
    const w0 = weightsOf(model);
    const rng0 = learn.rng.state;
    const before = tf.memory().numTensors;
    const res = await learn.lrFind({ startLr: 1e-5, endLr: 10, numIt: 30, validLoss: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(weightsOf(model)).toEqual(w0);
    expect(learn.rng.state).toBe(rng0);
    expect(res.lrs.length).toBeGreaterThan(10);
    expect(res.lrs.length).toBeLessThanOrEqual(30);
    expect(res.validLosses?.length).toBe(res.lrs.length);
    expect(res.lrs[0]).toBeCloseTo(1e-5, 12);
    expect(learn.lastLrFind).toBe(res);
    const spec = await learn.plotLrFind(path.join(fx.tmp, 'finder.vl.json'));
    expect(JSON.parse(fs.readFileSync(path.join(fx.tmp, 'finder.vl.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(spec)));
    learn.dispose();
    model.dispose();
  });

  it('plotLr draws lr and momentum of the last fit; plotLoss the losses; both write files', async () => {
    const before = tf.memory().numTensors;
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 }, valid: { x: fx.valid.x, y: fx.valid.y } }, loss: 'categoricalCrossentropy', seed: 2, progress: false });
    await learn.fit(0.05, 1, { cycleLen: 2, useClrBeta: [10, 10, 0.95, 0.85] });
    const lr = await learn.plotLr(path.join(fx.tmp, 'lr.svg'));
    expect(JSON.stringify(lr)).toMatch(/momentum/);
    expect(fs.readFileSync(path.join(fx.tmp, 'lr.svg'), 'utf8')).toMatch(/^<svg/);
    const loss = await learn.plotLoss();
    expect(JSON.stringify(loss)).toMatch(/loss/);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with two layer groups and repeats, restores every group optimizer and reports the spread', async () => {
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 8 } }, loss: 'categoricalCrossentropy', layerGroups: 2, seed: 4, progress: false });
    await learn.fit([1e-3, 1e-2], 1);
    const w0 = weightsOf(model);
    const opt0 = await optimizerState(learn);
    const before = tf.memory().numTensors;
    const res = await learn.lrFind({ numIt: 20, repeats: 2 });
    expect(res.repeats?.n).toBe(2);
    expect(weightsOf(model)).toEqual(w0);
    const opt1 = await optimizerState(learn);
    expect(opt1).toEqual(opt0);
    expect(tf.memory().numTensors).toBe(before);
    learn.dispose();
    model.dispose();
  });
});
