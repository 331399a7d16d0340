import * as tf from '@tensorflow/tfjs';
import { CallbackBus, toTfjsCallback } from '@onecycle/callbacks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LRFinder, LrFinderError, lrFind, reshuffledBatches } from '../index';
import type { Problem } from './problem';
import { fingerprint, makeModel, makeProblem } from './problem';

let p: Problem;
beforeAll(async () => {
  await tf.setBackend('cpu');
  p = makeProblem(60);
});
afterAll(() => p.dispose());

describe('lrFind(model, data) on a compiled model', () => {
  it('cycles through 60 rows for 100 iterations with the compiled Adam, and restores weights and Adam state bit for bit', async () => {
    const model = makeModel(tf.train.adam(1e-3));
    await model.fit(p.x, p.y, { batchSize: 20, epochs: 1, verbose: 0 }); // Adam has state now
    const fp = await fingerprint(model);
    const before = tf.memory().numTensors;
    const r = await lrFind(model, { x: p.x, y: p.y, batchSize: 16 }, { stopDiv: false });
    expect(r.iterations).toBe(100);
    expect(r.stopReason).toBe('completed');
    expect(r.lrs[99]).toBeCloseTo(10, 10);
    expect(tf.memory().numTensors).toBe(before);
    expect(await fingerprint(model)).toEqual(fp);
    expect(model.optimizer.getClassName()).toBe('Adam');
    const ds = tf.data.zip({ xs: tf.data.array(p.x.unstack()), ys: tf.data.array(p.y.unstack()) }).batch(20);
    const d = await lrFind(model, ds, { numIt: 12, stopDiv: false });
    expect(d.iterations).toBe(12);
    expect(await fingerprint(model)).toEqual(fp);
    const opt = model.optimizer;
    model.dispose();
    opt.dispose();
  });

  it('reshuffles at every pass: with a near-zero LR the second pass does not replay the first pass\'s losses', async () => {
    const model = makeModel(tf.train.sgd(1e-3));
    const before = tf.memory().numTensors;
    // 60 rows in batches of 20: 3 batches a pass, 12 iterations = 4 passes; lr ~1e-12 leaves the weights as they are
    const r = await lrFind(model, { x: p.x, y: p.y, batchSize: 20 }, { startLr: 1e-12, endLr: 2e-12, numIt: 12, stopDiv: false, skipStart: 0, skipEnd: 0 });
    const pass = (k: number): number[] => r.losses.slice(3 * k, 3 * k + 3).map((l) => Number(l.toFixed(5)));
    expect(pass(1)).not.toEqual(pass(0));
    expect(pass(2)).not.toEqual(pass(1));
    // each pass still sees every row once: the mean loss of a pass is the same
    const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(pass(1))).toBeCloseTo(mean(pass(0)), 3);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('reshuffledBatches: every pass is a new seeded permutation of the rows', async () => {
    const before = tf.memory().numTensors;
    const x = tf.tidy(() => tf.range(0, 10).reshape([10, 1]));
    const ds = reshuffledBatches(x, x, 4, 9, 3);
    const it = await ds.iterator();
    const rows: number[][] = [];
    for (let r = await it.next(); r.done !== true; r = await it.next()) {
      rows.push(Array.from(r.value.xs.dataSync()));
      tf.dispose([r.value.xs, r.value.ys]);
    }
    expect(rows.map((b) => b.length)).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2]);
    const passes = [0, 1, 2].map((k) => rows.slice(3 * k, 3 * k + 3).flat());
    for (const pass of passes) expect([...pass].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(passes[1]).not.toEqual(passes[0]);
    expect(passes[2]).not.toEqual(passes[1]);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('LRFinder inside someone else\'s model.fit', () => {
  it('refuses at onTrainBegin a fit with fewer batches than numIt, naming the counts and the fixes', async () => {
    const model = makeModel(tf.train.sgd(1e-3));
    const fp = await fingerprint(model);
    const before = tf.memory().numTensors;
    const finder = new LRFinder({ numIt: 100 });
    const bus = new CallbackBus([finder]);
    // the old doc example: 5 epochs of 10 batches = 50 < 100
    const err = await model.fit(p.x, p.y, { epochs: 5, batchSize: 6, verbose: 0, callbacks: [toTfjsCallback(bus)] }).catch((e: unknown) => e);
    await finder.cleanup();
    expect(String(err)).toMatch(/this fit has 50 batches \(5 epochs x 10\) but numIt is 100: .*run it for at least 10 epochs, set numIt to at most 50, or use lrFind\(model, data\)/);
    const cause: unknown = err instanceof Error ? err.cause : undefined;
    expect(cause).toBeInstanceOf(LrFinderError);
    expect(await fingerprint(model)).toEqual(fp);
    expect(tf.memory().numTensors).toBe(before);
    // with enough epochs it runs to the end
    const ok = new LRFinder({ numIt: 30, stopDiv: false });
    await model.fit(p.x, p.y, { epochs: 3, batchSize: 6, verbose: 0, callbacks: [toTfjsCallback(new CallbackBus([ok]))] });
    expect(ok.result().iterations).toBe(30);
    expect(await fingerprint(model)).toEqual(fp);
    model.dispose();
  });

  it('a dataset of unknown length that ends early: stopReason dataEnded and one warning', async () => {
    const model = makeModel(tf.train.sgd(1e-3));
    const before = tf.memory().numTensors;
    const finder = new LRFinder({ numIt: 20, stopDiv: false });
    const bus = new CallbackBus([finder]);
    const warnings: string[] = [];
    bus.onWarning = (m) => warnings.push(m);
    const ds = tf.data.generator(function* gen() {
      for (let i = 0; i < 5; i++) yield tf.tidy(() => ({ xs: p.x.slice(12 * i, 12), ys: p.y.slice(12 * i, 12) }));
    });
    await model.fitDataset(ds, { epochs: 1, verbose: 0, callbacks: [toTfjsCallback(bus)] });
    const r = finder.result();
    expect(r.iterations).toBe(5);
    expect(r.stopReason).toBe('dataEnded');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/data ended after 5 of 20 iterations/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
