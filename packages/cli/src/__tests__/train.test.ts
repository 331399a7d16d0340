import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../index';
import type { TrainHistory } from '../index';
import { idxWorkspace, memoryIO, writeTinyCifar } from './helpers';

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  ({ dir, cleanup } = idxWorkspace());
});
afterEach(() => cleanup());

const base = {
  dataset: 'mnist', dataDir: 'idx', model: { name: 'mlp', hidden: [16], batchNorm: true }, batchSize: 16,
  schedule: { fit: { lr: 0.5, cycleLen: 2, useClrBeta: [10, 10, 0.95, 0.85] } },
};

function writeConfig(config: unknown, name = 'run.json'): string {
  writeFileSync(path.join(dir, name), typeof config === 'string' ? config : JSON.stringify(config));
  return name;
}

function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

describe('onecycle train', () => {
  it('trains an MLP with use_clr_beta on an IDX folder and writes history, recorder and charts', async () => {
    const io = memoryIO(dir);
    const before = tf.memory().numTensors;
    expect(await runCli(['train', '--config', writeConfig(base), '--out', 'out1', '--backend', 'cpu'], io)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(io.err()).toBe('');
    expect(io.out()).toMatch(/^onecycle: backend 'cpu'/);
    expect(io.out()).toMatch(/epoch\s+train_loss\s+valid_loss\s+accuracy/);
    expect(io.out()).toMatch(/96 train \/ 30 valid samples; final valid loss [\d.]+, accuracy 1\.0000 after 2 epochs/);
    expect(readdirSync(path.join(dir, 'out1')).sort()).toEqual(
      ['config.json', 'history.json', 'loss.png', 'loss.svg', 'recorder.json', 'schedule.png', 'schedule.svg'],
    );
    const h = readJson<TrainHistory>('out1/history.json');
    expect(h).toMatchObject({ dataset: 'mnist', trainSamples: 96, validSamples: 30, batchesPerEpoch: 6, backend: 'cpu' });
    expect(h.schedule).toMatchObject({ kind: 'fastaiClrBeta', lr: 0.5, stepsPerCycle: 12, div: 10, pct: 10, maxMom: 0.95, minMom: 0.85 });
    expect(h.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    for (const e of h.epochs) {
      expect(e.validLoss).toBeGreaterThan(0);
      expect(e.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(h.finalValidAccuracy).toBe(1);
    const rec = readJson<{ batches: Array<{ lr: number; mom: number }> }>('out1/recorder.json');
    expect(rec.batches).toHaveLength(12);
    expect(rec.batches[0]?.lr).toBeCloseTo(0.05, 10); // lr / div
    expect(rec.batches[0]?.mom).toBeCloseTo(0.95, 10);
    expect(readFileSync(path.join(dir, 'out1/schedule.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(path.join(dir, 'out1/loss.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('runs a core-schedules spec with adamw, a subset and a held-out fraction; --seed and --data-dir override', async () => {
    const config = {
      ...base, dataDir: 'nowhere', trainSubset: 40, validation: { fraction: 0.25 }, epochs: 2, seed: 3,
      optimizer: { name: 'adamw', momentum: 0.9, weightDecay: 0.01 },
      schedule: { kind: 'oneCycle', lrMax: 0.01, totalSteps: 6 },
    };
    const io = memoryIO(dir);
    const before = tf.memory().numTensors;
    expect(await runCli(['train', '-c', writeConfig(config), '-o', 'out2', '--data-dir', 'idx', '--seed', '5', '--quiet'], io)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(io.out()).not.toMatch(/train_loss/);
    const h = readJson<TrainHistory>('out2/history.json');
    expect(h).toMatchObject({ trainSamples: 40, validSamples: 24, batchesPerEpoch: 3 });
    expect(h.schedule).toMatchObject({ kind: 'oneCycle', totalSteps: 6, pctStart: 0.25 });
    expect(readJson('out2/config.json')).toMatchObject({ seed: 5, optimizer: { name: 'adamw' } });
  });

  it('trains a depth-8 ResNet (option-A shortcuts) on small images', async () => {
    // convolution backprop is slow on the pure-JS backend, so the ResNet runs on the 6x6 IDX images
    const config = {
      ...base, trainSubset: 32, validation: { fraction: 0.25 }, epochs: 1, model: { name: 'resnet', depth: 8 },
      optimizer: { name: 'sgdw', weightDecay: 1e-4 }, schedule: { fitOneCycle: { lrMax: 0.05 } },
    };
    const io = memoryIO(dir);
    const before = tf.memory().numTensors;
    expect(await runCli(['train', '--config', writeConfig(config), '--out', 'out3', '--quiet'], io)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    const h = readJson<TrainHistory>('out3/history.json');
    expect(h).toMatchObject({ trainSamples: 32, validSamples: 24, batchesPerEpoch: 2, model: { name: 'resnet', depth: 8 } });
    expect(Number.isFinite(h.finalValidLoss)).toBe(true);
  });

  it('reads a CIFAR-10 folder and trains on pad-cropped, flipped batches', async () => {
    mkdirSync(path.join(dir, 'cifar'));
    writeTinyCifar(path.join(dir, 'cifar'));
    const config = {
      dataset: 'cifar10', dataDir: 'cifar', model: { name: 'mlp', hidden: [8] }, batchSize: 10, epochs: 2,
      augment: { padCrop: 4, flip: true }, schedule: { fitOneCycle: { lrMax: 0.01 } },
    };
    const io = memoryIO(dir);
    const before = tf.memory().numTensors;
    expect(await runCli(['train', '--config', writeConfig(config), '--out', 'out4', '--quiet'], io)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    const h = readJson<TrainHistory>('out4/history.json');
    expect(h).toMatchObject({ trainSamples: 20, validSamples: 6, batchesPerEpoch: 2 });
    expect(h.epochs).toHaveLength(2);
  });

  it('runs fastai v2 fit_flat_cos and fit_sgdr from the config', async () => {
    const io = memoryIO(dir);
    const before = tf.memory().numTensors;
    expect(await runCli(['train', '-c', writeConfig({ ...base, epochs: 2, schedule: { fitFlatCos: { lr: 0.05, pctStart: 0.5 } } }, 'flat.json'), '-o', 'flat', '-q'], io)).toBe(0);
    expect(readJson<TrainHistory>('flat/history.json').schedule).toEqual({ kind: 'phases', totalSteps: 12, phases: [
      { pct: 0.5, lr: { start: 0.05, end: 0.05, anneal: 'cos' } }, { pct: 0.5, lr: { start: 0.05, end: 5e-7, anneal: 'cos' } },
    ] });
    expect(await runCli(['train', '-c', writeConfig({ ...base, schedule: { fitSgdr: { nCycles: 2, cycleLen: 1, lrMax: 0.05 } } }, 'sgdr.json'), '-o', 'sgdr', '-q'], io)).toBe(0);
    const h = readJson<TrainHistory>('sgdr/history.json');
    expect(h.epochs).toHaveLength(3); // 1 + 2 epochs
    expect(h.schedule).toMatchObject({ kind: 'phases', totalSteps: 18 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('defaults the output folder to out/<config name>, creating out/ too', async () => {
    const io = memoryIO(dir);
    const before = tf.memory().numTensors;
    expect(await runCli(['train', '--config', writeConfig({ ...base, schedule: { fit: { lr: 0.1 } } }, 'quick.json'), '-q'], io)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(existsSync(path.join(dir, 'out/quick/history.json'))).toBe(true);
  });
});

describe('onecycle train: bad usage exits 2, names the problem and writes nothing', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['an unknown dataset', { ...base, dataset: 'imagenet' }, /run\.json: dataset must be one of 'mnist-digits', 'fashion-mnist', 'mnist', 'cifar10', got "imagenet"/],
    ['an unknown field', { ...base, epoch: 3 }, /run\.json: epoch is not a known field \(did you mean 'epochs'\?\); fields: .*epochs/],
    ['a bad model option', { ...base, model: { name: 'resnet', depth: 12 } }, /run\.json: model\.depth must be 6n\+2/],
    ['a bad hidden size', { ...base, model: { name: 'mlp', hidden: [16, -1] } }, /model\.hidden\[1\] must be a positive whole number, got -1/],
    ['a missing batch size', { ...base, batchSize: undefined }, /batchSize must be a positive whole number, got nothing/],
    ['a bad useClrBeta', { ...base, schedule: { fit: { lr: 0.5, useClrBeta: [10, 'x'] } } }, /schedule\.fit\.useClrBeta\[1\] must be a number, got "x"/],
    ['a missing fit lr', { ...base, schedule: { fit: { cycleLen: 2 } } }, /schedule\.fit\.lr must be a positive number, got nothing/],
    ['epochs disagreeing with fit', { ...base, epochs: 5 }, /epochs is 5 but schedule\.fit runs 2 epochs/],
    ['a bad schedule spec', { ...base, epochs: 1, schedule: { kind: 'oneCycle', lrMax: -1, totalSteps: 10 } }, /run\.json: schedule: .*lrMax/],
    ['two schedules', { ...base, schedule: { fit: { lr: 1 }, fitOneCycle: { lrMax: 1 } } }, /schedule must have exactly one of fit, fitOneCycle, fitFlatCos, fitSgdr or kind, got fit and fitOneCycle/],
    ['epochs disagreeing with fitSgdr', { ...base, epochs: 2, schedule: { fitSgdr: { nCycles: 2, cycleLen: 1, lrMax: 0.1 } } }, /epochs is 2 but schedule\.fitSgdr runs 3 epochs/],
    ['a bad fitFlatCos pctStart', { ...base, epochs: 1, schedule: { fitFlatCos: { lr: 0.1, pctStart: 1 } } }, /schedule\.fitFlatCos\.pctStart must be a number in \(0, 1\), got 1/],
    ['bad moms', { ...base, epochs: 1, schedule: { fitOneCycle: { lrMax: 0.1, moms: [0.9, 0.8] } } }, /schedule\.fitOneCycle\.moms must be \[start, middle, end\] momentums \(3 numbers\)/],
    ['a bad optimizer', { ...base, optimizer: { name: 'sgd' } }, /optimizer\.name must be one of 'sgdw', 'adamw', got "sgd"/],
    ['a bad momentum', { ...base, optimizer: { name: 'sgdw', momentum: 1.5 } }, /optimizer\.momentum must be a number in \[0, 1\), got 1\.5/],
    ['a bad validation', { ...base, validation: { fraction: 1 } }, /validation\.fraction must be a number in \(0, 1\), got 1/],
    ['test validation on mnist-digits', { ...base, dataset: 'mnist-digits', validation: 'test' }, /validation 'test' is not available for mnist-digits/],
    ['a bad augment', { ...base, augment: { padCrop: -4 } }, /augment\.padCrop must be a whole number of pixels >= 0, got -4/],
    ['a subset larger than the data', { ...base, trainSubset: 1000 }, /trainSubset is 1000 but the training set has only 96 samples/],
    ['a schedule shorter than training', { ...base, epochs: 2, schedule: { kind: 'oneCycle', lrMax: 0.1, totalSteps: 5 } }, /schedule\.totalSteps is 5 but 2 epochs of 6 batches need 12/],
    ['a bad dataSeed', { ...base, dataSeed: 1.5 }, /run\.json: dataSeed must be a whole number >= 0, got 1\.5/],
    ['not an object', [1, 2], /run\.json: the config must be an object like/],
  ];
  for (const [what, config, message] of cases) {
    it(what, async () => {
      const io = memoryIO(dir);
      expect(await runCli(['train', '--config', writeConfig(config), '--out', 'o'], io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.err()).toMatch(/\nusage: onecycle train --config <run\.json>/);
      expect(existsSync(path.join(dir, 'o'))).toBe(false);
    });
  }

  it('flags and files', async () => {
    writeConfig(base);
    writeFileSync(path.join(dir, 'afile'), 'x');
    const flagCases: Array<[string[], RegExp]> = [
      [[], /missing --config <run\.json>/],
      [['--config', 'missing.json'], /cannot read missing\.json \(no such file\)/],
      [['--config', writeConfig('{ nope', 'bad.json')], /bad\.json is not valid JSON/],
      [['--config', 'run.json', '--backend', 'gpu'], /--backend must be one of auto, tensorflow, cpu, wasm, got 'gpu'/],
      [['--config', 'run.json', '--seed', '-1'], /--seed must be a whole number >= 0, got '-1'/],
      [['--config', 'run.json', '--out', 'afile'], /--out afile is a file, not a folder/],
      [['--config', 'run.json', '--out', 'no/such/dir'], /--out no\/such\/dir: its parent folder .* does not exist/],
      [['--config', 'run.json', '--epochs', '3'], /unknown option --epochs/],
    ];
    for (const [args, message] of flagCases) {
      const io = memoryIO(dir);
      expect(await runCli(['train', ...args], io)).toBe(2);
      expect(io.err()).toMatch(message);
    }
    expect(readdirSync(dir).sort()).toEqual(['afile', 'bad.json', 'idx', 'run.json']);
  });

  it('a missing data folder is a failure (exit 1) naming the file, with nothing written', async () => {
    const io = memoryIO(dir);
    expect(await runCli(['train', '--config', writeConfig({ ...base, dataDir: 'gone' }), '--out', 'o', '-q'], io)).toBe(1);
    expect(io.err()).toMatch(/gone/);
    expect(existsSync(path.join(dir, 'o'))).toBe(false);
  });
});
