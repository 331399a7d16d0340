import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run, validate } from '../sweep/trainRunner';
import { idxWorkspace } from './helpers';

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => ({ dir, cleanup } = idxWorkspace()));
afterEach(() => cleanup());

const config = {
  dataset: 'mnist', dataDir: 'idx', model: { name: 'mlp', hidden: [8] }, batchSize: 32, epochs: 2,
  schedule: { fitOneCycle: { lrMax: 0.1 } }, seed: 1,
};

describe('the sweep runner module (one sweep run = one train run)', () => {
  it('trains a config into the run folder, reports each epoch, and returns the series without timings', async () => {
    const progress: string[] = [];
    const before = tf.memory().numTensors;
    const runDir = path.join(dir, 'run');
    const result = await run(config, runDir, { runId: 'r', options: { backend: 'cpu', configDir: dir }, progress: (p) => progress.push(p.note ?? '') });
    expect(tf.memory().numTensors).toBe(before);
    expect(progress).toEqual(['epoch 1/2', 'epoch 2/2']);
    expect(result.series.map((p) => Object.keys(p).sort())).toEqual([['accuracy', 'epoch', 'trainLoss', 'validLoss'], ['accuracy', 'epoch', 'trainLoss', 'validLoss']]);
    expect(result.metrics).toMatchObject({ trainSamples: 96, validSamples: 30 });
    for (const f of ['config.json', 'recorder.json', 'history.json']) expect(existsSync(path.join(runDir, f))).toBe(true);
    const history: { epochs: Array<{ accuracy: number }> } = JSON.parse(readFileSync(path.join(runDir, 'history.json'), 'utf8'));
    expect(result.series.map((p) => p['accuracy'])).toEqual(history.epochs.map((e) => e.accuracy));
    // the same config and seed, again: the same numbers (a sweep's runs are deterministic per seed)
    const again = await run(config, path.join(dir, 'again'), { runId: 'r2', options: { backend: 'cpu', dataDir: path.join(dir, 'idx') }, progress: () => undefined });
    expect(again.series).toEqual(result.series);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('validates a run config as train does, naming the field', () => {
    expect(() => validate({ ...config, optimizer: { name: 'sgdw', weightDecay: -1 } })).toThrow(/^optimizer\.weightDecay must be a number >= 0, got -1/);
    expect(() => validate(config)).not.toThrow();
  });
});
