import * as tf from '@tensorflow/tfjs';
import type { ImageDataset } from '@onecycle/datasets';
import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../index';
import { prepareData } from '../index';
import { useCpuBackend } from './helpers';

useCpuBackend();

/** 50 one-pixel "images" whose pixel is the sample's index / 100, so a sample names itself. */
function numbered(): ImageDataset {
  const count = 50;
  return {
    images: Float32Array.from({ length: count }, (_, i) => i / 100), labels: Uint8Array.from({ length: count }, (_, i) => i % 2),
    count, rows: 1, cols: 1, channels: 1, numClasses: 2,
  };
}

type DataConfig = Pick<TrainConfig, 'dataset' | 'validation' | 'trainSubset' | 'batchSize' | 'seed' | 'dataSeed'>;

/** The sample indices of the training subset and of the validation split. */
async function samples(config: DataConfig): Promise<{ train: number[]; valid: number[] }> {
  const data = await prepareData({ config, layout: 'flat', loaded: numbered() });
  try {
    const source = data.train;
    if (!('x' in source)) throw new Error('expected tensors');
    const ids = async (t: tf.Tensor) => Array.from(await t.data(), (v) => Math.round(v * 100)).sort((a, b) => a - b);
    return { train: await ids(source.x), valid: await ids(data.valid.x) };
  } finally {
    data.dispose();
  }
}

describe('prepareData seeds', () => {
  const base: DataConfig = { dataset: 'mnist-digits', validation: { fraction: 0.2 }, trainSubset: 10, batchSize: 5, seed: 1 };

  it('with dataSeed, runs of different seeds train and validate on the same samples', async () => {
    const before = tf.memory().numTensors;
    const a = await samples({ ...base, seed: 1, dataSeed: 7 });
    const b = await samples({ ...base, seed: 2, dataSeed: 7 });
    expect(a.train).toHaveLength(10);
    expect(a.valid).toHaveLength(10);
    expect(b).toEqual(a);
    expect(a.train.some((i) => a.valid.includes(i))).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without it, the seed picks the samples too (and dataSeed 1 is seed 1)', async () => {
    const before = tf.memory().numTensors;
    const one = await samples({ ...base, seed: 1 });
    const two = await samples({ ...base, seed: 2 });
    expect(two.train).not.toEqual(one.train);
    expect(await samples({ ...base, seed: 5, dataSeed: 1 })).toEqual(one);
    expect(tf.memory().numTensors).toBe(before);
  });
});
