import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SeededRng } from '@onecycle/core-schedules';
import { LearnerOptionError, lrSlice, spreadLr, toBatchSource } from '../index';
import { useCpuBackend } from './helpers';

useCpuBackend();

describe('lrSlice', () => {
  it('spreads geometrically from min to max over the groups (fastai even_mults)', () => {
    const lrs = spreadLr(lrSlice(1e-4, 1e-2), 3);
    expect(lrs[0]).toBeCloseTo(1e-4, 12);
    expect(lrs[1]).toBeCloseTo(1e-3, 12);
    expect(lrs[2]).toBeCloseTo(1e-2, 12);
  });

  it('with one value gives max/10 to every group but the last (fastai slice(max))', () => {
    expect(spreadLr(lrSlice(1e-2), 3)).toEqual([1e-3, 1e-3, 1e-2]);
  });

  it('checks its arguments and the group count', () => {
    expect(() => lrSlice(1e-2, 1e-4)).toThrow(LearnerOptionError);
    expect(() => lrSlice(0, 1)).toThrow(/lrSlice min must be a finite number > 0, got 0/);
    expect(() => spreadLr([1e-3, 1e-2], 3)).toThrow(/2 values but the model has 3 layer groups/);
    expect(spreadLr(0.1, 2)).toEqual([0.1, 0.1]);
  });
});

describe('toBatchSource', () => {
  it('cuts tensors into batches in a seeded order, the same for the same RNG state', async () => {
    const before = tf.memory().numTensors;
    const x = tf.tidy(() => tf.range(0, 10).reshape([10, 1]));
    const y = tf.range(0, 10);
    const src = toBatchSource({ x, y, batchSize: 4 }, true, 'train');
    expect(await src.batchesPerEpoch()).toBe(3);
    const read = async (seed: number): Promise<number[]> => {
      const cursor = await src.open(new SeededRng(seed));
      const out: number[] = [];
      for (let b = await cursor.next(); b !== null; b = await cursor.next()) {
        out.push(...(await b.ys.data()));
        expect(Array.from(await b.xs.data())).toEqual(Array.from(await b.ys.data()));
        b.xs.dispose();
        b.ys.dispose();
      }
      cursor.close();
      return out;
    };
    const a = await read(3);
    expect(await read(3)).toEqual(a);
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(await read(4)).not.toEqual(a);
    x.dispose();
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads a tf.data.Dataset of batches and counts its length', async () => {
    const before = tf.memory().numTensors;
    const rows = Array.from({ length: 6 }, () => ({ xs: [1, 1], ys: [0] }));
    const ds = tf.data.array(rows).batch(4);
    const src = toBatchSource(ds, true, 'train');
    expect(await src.batchesPerEpoch()).toBe(2);
    const cursor = await src.open(undefined);
    const b = await cursor.next();
    expect(b?.xs.shape).toEqual([4, 2]);
    b?.xs.dispose();
    b?.ys.dispose();
    const c = await cursor.next();
    expect(c?.xs.shape).toEqual([2, 2]);
    c?.xs.dispose();
    c?.ys.dispose();
    expect(await cursor.next()).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects mismatched tensors and bad batch sizes', () => {
    const x = tf.zeros([4, 1]);
    const y = tf.zeros([3]);
    expect(() => toBatchSource({ x, y }, true, 'data.train')).toThrow(/data.train.x has 4 samples but data.train.y has 3/);
    expect(() => toBatchSource({ x, y: x, batchSize: 0 }, true, 'data.train')).toThrow(/batchSize must be an integer >= 1, got 0/);
    x.dispose();
    y.dispose();
  });
});
