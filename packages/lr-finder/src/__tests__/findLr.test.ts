import * as tf from '@tensorflow/tfjs';
import { sgdw } from '@onecycle/optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LrFinderError, findLr, sweep } from '../index';
import type { Problem } from './problem';
import { fingerprint, makeModel, makeProblem } from './problem';

let p: Problem;
beforeAll(async () => {
  await tf.setBackend('cpu');
  p = makeProblem();
});
afterAll(() => p.dispose());

/**
 * A compiled model (logits + softmax cross-entropy, an unbounded loss) that has already taken a
 * few steps, so its optimizer has state.
 */
async function warmModel(opt: tf.Optimizer): Promise<tf.LayersModel> {
  const model = makeModel(opt, 7, true);
  await model.fit(p.x, p.y, { batchSize: 32, epochs: 1, verbose: 0, shuffle: false });
  return model;
}

describe('findLr on a small real problem', () => {
  it('falls then diverges with defaults, suggests a valley in the falling part, restores everything', async () => {
    const model = await warmModel(tf.train.momentum(1e-5, 0.9));
    const before = tf.memory().numTensors;
    const fp = await fingerprint(model);
    const r = await findLr({ model, x: p.x, y: p.y, batchSize: 16 });
    expect(await fingerprint(model)).toEqual(fp);
    expect(tf.memory().numTensors).toBe(before);

    expect(r.stopReason).toBe('diverged');
    expect(r.iterations).toBeLessThan(100);
    expect(r.lrs).toHaveLength(r.iterations);
    expect(r.lrs[0]).toBe(1e-7);
    const s = r.smoothLosses;
    const kept = s.slice(r.skipStart);
    const iMin = r.skipStart + kept.indexOf(Math.min(...kept));
    expect(s[iMin]).toBeLessThan(0.8 * (s[r.skipStart] ?? 0)); // falls ...
    expect(s[s.length - 1]).toBeGreaterThan(4 * (s[iMin] ?? 0)); // ... then rises past 4x best
    const v = r.suggestions.valley;
    expect(v).not.toBeNull();
    const iv = r.lrs.indexOf(v ?? NaN);
    expect(iv).toBeGreaterThanOrEqual(r.skipStart);
    expect(iv).toBeLessThanOrEqual(iMin);
    expect(s[iv]).toBeLessThan(s[r.skipStart] ?? 0);
    const range = r.suggestions.range;
    expect(range?.max).toBeLessThanOrEqual(r.lrs[iMin] ?? 0);
    model.dispose();
  });

  it('runs exactly numIt iterations with stopDiv false, wrapping around the data', async () => {
    const model = await warmModel(tf.train.adam(0.001));
    const before = tf.memory().numTensors;
    const fp = await fingerprint(model);
    const r = await findLr({ model, x: p.x, y: p.y, batchSize: 64 }, { numIt: 30, endLr: 1, stopDiv: false, mom: 0.8 });
    expect(r.iterations).toBe(30); // 4 batches per epoch: 8 epochs
    expect(r.stopReason).toBe('completed');
    expect(r.lrs[29]).toBe(1);
    expect(await fingerprint(model)).toEqual(fp);
    expect(model.optimizer).toBeInstanceOf(tf.AdamOptimizer);
    expect(tf.memory().numTensors).toBe(before);

    // training afterwards is bit-identical to training a twin that never saw the finder
    // (this also covers Adam's beta powers, which getWeights does not expose)
    const twin = await warmModel(tf.train.adam(0.001));
    await model.fit(p.x, p.y, { batchSize: 32, epochs: 1, verbose: 0, shuffle: false });
    await twin.fit(p.x, p.y, { batchSize: 32, epochs: 1, verbose: 0, shuffle: false });
    const values = async (m: tf.LayersModel): Promise<unknown[]> => (await fingerprint(m)).map((e) => e.data); // names differ
    expect(await values(model)).toEqual(await values(twin));
    model.dispose();
    twin.dispose();
  });

  it('records validation losses with validLoss', async () => {
    const model = await warmModel(tf.train.sgd(0.01));
    const before = tf.memory().numTensors;
    const r = await findLr(
      { model, x: p.x, y: p.y, batchSize: 32, validationData: [p.vx, p.vy] },
      { numIt: 20, endLr: 1, validLoss: true },
    );
    expect(r.validLosses).toHaveLength(r.iterations);
    expect(r.validLosses?.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);

    // a validation batch that cannot be evaluated stops the test cleanly and is reported
    const fp = await fingerprint(model);
    const bad = tf.zeros([60, 5]);
    const failing = findLr({ model, x: p.x, y: p.y, validationData: [bad, p.vy] }, { validLoss: true });
    await expect(failing).rejects.toThrow(/validBatchLoss failed/);
    bad.dispose();
    expect(await fingerprint(model)).toEqual(fp);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('works on a dataset and restores the model after an error thrown mid-test', async () => {
    const model = await warmModel(tf.train.momentum(0.01, 0.9));
    const before = tf.memory().numTensors;
    const fp = await fingerprint(model);
    const xs = await p.x.array();
    const ys = await p.y.array();
    const ds = tf.data.zip({ xs: tf.data.array(xs), ys: tf.data.array(ys) }).batch(32);
    const r = await findLr({ model, dataset: ds }, { numIt: 25, endLr: 1 });
    expect(r.iterations).toBe(25);
    expect(await fingerprint(model)).toEqual(fp);

    let n = 0;
    const failing = {
      size: 0,
      iterator: async () => {
        const it = await ds.iterator();
        return { next: async () => { n += 1; if (n > 12) throw new Error('disk on fire'); return it.next(); } };
      },
    };
    await expect(findLr({ model, dataset: failing }, { numIt: 25 })).rejects.toThrow(/disk on fire/);
    expect(await fingerprint(model)).toEqual(fp);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('repeats from the same start and reports the spread', async () => {
    const model = await warmModel(tf.train.sgd(0.01));
    const before = tf.memory().numTensors;
    const fp = await fingerprint(model);
    const r = await findLr({ model, x: p.x, y: p.y, batchSize: 32 }, { numIt: 30, endLr: 3, repeats: 3, seed: 5 });
    expect(r.repeats?.n).toBe(3);
    const rep = r.repeats;
    if (rep === undefined) throw new Error('no repeats');
    rep.median.forEach((m, k) => {
      if (Number.isFinite(m)) {
        expect(rep.low[k]).toBeLessThanOrEqual(m);
        expect(rep.high[k]).toBeGreaterThanOrEqual(m);
      }
    });
    expect(rep.high.some((h, k) => h > (rep.low[k] ?? h))).toBe(true); // data order matters
    const sp = rep.suggestionSpread.minimum;
    if (sp.median !== null) expect(sp.min).toBeLessThanOrEqual(sp.median);
    expect(await fingerprint(model)).toEqual(fp);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('sweeps momentum and weight decay from the same weights', async () => {
    const model = await warmModel(sgdw({ lr: 0.01, momentum: 0.9, weightDecay: 1e-4 }));
    const before = tf.memory().numTensors;
    const fp = await fingerprint(model);
    const m = await sweep({ model, x: p.x, y: p.y, batchSize: 32 }, { param: 'mom', values: [0.8, 0.95], numIt: 15, endLr: 1 });
    expect(m.param).toBe('mom');
    expect(m.runs.map((r) => r.value)).toEqual([0.8, 0.95]);
    const w = await sweep({ model, x: p.x, y: p.y, batchSize: 32 }, { param: 'wd', values: [0, 0.1], numIt: 15, endLr: 1 });
    expect(w.runs[0]?.result.losses).not.toEqual(w.runs[1]?.result.losses);
    expect(await fingerprint(model)).toEqual(fp);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('findLr input errors come before any training', () => {
  it.each([
    ['startLr >= endLr', { startLr: 1, endLr: 0.5 }, /startLr must be < endLr/],
    ['numIt < 10', { numIt: 5 }, /numIt must be an integer >= 10, got 5/],
    ['repeats 0', { repeats: 0 }, /repeats must be/],
    ['wd on plain momentum', { wd: 1e-4 }, /no weight decay.*sgdw\(\) or adamw\(\)/],
    ['validLoss without data', { validLoss: true }, /validationData/],
  ])('%s', async (_label, opts, msg) => {
    const model = makeModel(tf.train.momentum(0.01, 0.9));
    const before = tf.memory().numTensors;
    const fp = await fingerprint(model);
    await expect(findLr({ model, x: p.x, y: p.y }, opts)).rejects.toThrow(msg);
    await expect(findLr({ model, x: p.x, y: p.y }, opts)).rejects.toBeInstanceOf(LrFinderError);
    expect(await fingerprint(model)).toEqual(fp);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('rejects an uncompiled model, empty tensors and an empty dataset', async () => {
    const raw = makeModel(undefined);
    const model = makeModel(tf.train.sgd(0.1));
    const ex = tf.zeros([0, 8]);
    const ey = tf.zeros([0, 3]);
    const before = tf.memory().numTensors;
    await expect(findLr({ model: raw, x: p.x, y: p.y })).rejects.toThrow(/not compiled/);
    await expect(findLr({ model, x: ex, y: ey })).rejects.toThrow(/no samples/);
    await expect(findLr({ model, dataset: tf.data.array<tf.TensorContainer>([]) })).rejects.toThrow(/dataset is empty/);
    await expect(sweep({ model, x: p.x, y: p.y }, { param: 'wd', values: [0.1] })).rejects.toThrow(/no weight decay/);
    await expect(sweep({ model, x: p.x, y: p.y }, { param: 'mom', values: [] })).rejects.toThrow(/non-empty/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([ex, ey]);
    raw.dispose();
    model.dispose();
  });
});

describe('findLr modes', () => {
  it('linear mode spaces the lrs evenly and hits endLr', async () => {
    const model = await warmModel(tf.train.sgd(0.01));
    const before = tf.memory().numTensors;
    const r = await findLr({ model, x: p.x, y: p.y, batchSize: 64 }, { numIt: 12, startLr: 0.01, endLr: 0.12, mode: 'linear' });
    expect(r.mode).toBe('linear');
    expect(r.iterations).toBe(12);
    r.lrs.forEach((lr, i) => expect(lr).toBeCloseTo(0.01 * (i + 1), 12));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('leaves a never-trained model without optimizer state, as it found it', async () => {
    const model = makeModel(tf.train.momentum(0.01, 0.9), 7, true);
    const before = tf.memory().numTensors;
    const fp = await fingerprint(model);
    await findLr({ model, x: p.x, y: p.y, batchSize: 32 }, { numIt: 12, endLr: 1 });
    expect(await fingerprint(model)).toEqual(fp); // no momentum buffers left behind
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
