import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DebiasedEma, ScheduleError } from '@onecycle/core-schedules';
import { LrFinderError, finderLr, findLr, minimum, resolveLrFinderOptions } from '../index';
import type { Problem } from './problem';
import { makeModel, makeProblem } from './problem';

describe('DebiasedEma.meanAge: the lag of the smoothed curve', () => {
  it('is 0 after one value and the weighted mean age after more', () => {
    const e = new DebiasedEma(0.5);
    e.update(1);
    expect(e.meanAge).toBe(0);
    e.update(1);
    e.update(1);
    // ages 0, 1, 2 with weights 1, 0.5, 0.25
    expect(e.meanAge).toBeCloseTo((0 * 1 + 1 * 0.5 + 2 * 0.25) / 1.75, 14);
  });
  it('tends to beta / (1 - beta): 49 iterations at fastai\'s 0.98', () => {
    const e = new DebiasedEma(0.98);
    for (let i = 0; i < 2000; i++) e.update(0);
    expect(e.meanAge).toBeCloseTo(49, 6);
  });
  it('rejects a beta outside [0, 1)', () => {
    expect(() => new DebiasedEma(1)).toThrow(/beta must be a number in \[0, 1\), got 1/);
    expect(() => new DebiasedEma(Number.NaN)).toThrow(ScheduleError);
  });
});

describe('option beta', () => {
  it('defaults to fastai\'s 0.98 and is validated', () => {
    expect(resolveLrFinderOptions().beta).toBe(0.98);
    expect(() => resolveLrFinderOptions({ beta: 1.5 })).toThrow(/beta must be a number in \[0, 1\), got 1.5/);
    expect(() => resolveLrFinderOptions({ beta: -0.1 })).toThrow(LrFinderError);
  });

  it('a lower beta moves the smoothed curve\'s minimum back towards the true one', () => {
    // a noise-free curve from 1e-6 to 10 in 100 iterations with its valley at lr 1e-3
    const opts = { startLr: 1e-6, endLr: 10, numIt: 100, mode: 'exp' as const };
    const lrs = Array.from({ length: 100 }, (_, i) => finderLr(i, opts));
    const losses = lrs.map((lr) => 1 + (Math.log10(lr) + 3) ** 2 / 4);
    const miss = (beta: number): number => {
      const ema = new DebiasedEma(beta);
      const smooth = losses.map((l) => ema.update(l));
      return Math.log10((minimum(lrs, smooth) ?? NaN) * 10) + 3; // decades to the right of 1e-3
    };
    expect(miss(0.98)).toBeGreaterThan(1);
    expect(miss(0.9)).toBeLessThan(0.8);
    expect(miss(0.9)).toBeGreaterThan(0.3); // still late: 9 iterations at 0.07 decades each
    expect(Math.abs(miss(0))).toBeLessThan(0.05); // no smoothing, no lag (up to the lr grid)
  });
});

describe('findLr with beta on a small real problem', () => {
  let p: Problem;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    p = makeProblem();
  });
  afterAll(() => p.dispose());

  it('smooths the raw losses with the given beta', async () => {
    const model = makeModel(tf.train.momentum(0.01, 0.9), 7, true);
    const before = tf.memory().numTensors;
    const r = await findLr({ model, x: p.x, y: p.y, batchSize: 32 }, { numIt: 40, endLr: 3, stopDiv: false, beta: 0.9 });
    const ema = new DebiasedEma(0.9);
    expect(r.smoothLosses).toEqual(r.losses.map((l) => ema.update(l)));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
