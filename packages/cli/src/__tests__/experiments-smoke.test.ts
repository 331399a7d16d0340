// Keeps tools/experiments from rotting: every committed config must be a valid `train` config, the
// CIFAR-10 configs must be Smith's Table 1 setting, and cifar10-resnet56's --smoke mode (generated
// CIFAR-10-format files, every config with ResNet-8, 2 epochs, a few images, through the built
// `onecycle train`) must run and write sane results.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createSchedule } from '@onecycle/core-schedules';
import { buildModel } from '@onecycle/zoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrainConfig } from '../index';
import { tempDir } from './helpers';

const root = path.resolve(import.meta.dirname, '../../../..');
const bin = path.join(root, 'packages/cli/dist/bin.js');
const script = path.join(root, 'tools/experiments/cifar10-resnet56/run.mjs');
const ready = existsSync(bin) && existsSync(script);
if (!ready) console.log(`skipped: ${existsSync(bin) ? script : bin} is missing (build the CLI with \`npx tsup\` in packages/cli)`);

const VARIANTS = ['1cycle-cm', '1cycle-mom09', 'constant-lr'] as const;

/** Reads a field of a parsed JSON value, failing the test when the value is not an object. */
function get(v: unknown, key: string): unknown {
  if (typeof v !== 'object' || v === null) throw new Error(`expected an object holding '${key}', got ${JSON.stringify(v)}`);
  return Object.entries(v).find(([k]) => k === key)?.[1];
}

function list(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v)}`);
  return v;
}

function num(v: unknown): number {
  if (typeof v !== 'number') throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

let dir: string;
let cleanup: () => void;
let run: ReturnType<typeof spawnSync>;

describe.runIf(ready)('tools/experiments/cifar10-resnet56 --smoke', () => {
  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    run = spawnSync(process.execPath, [script, '--smoke', '--out', dir], { cwd: root, encoding: 'utf8', timeout: 170_000 });
  }, 180_000);
  afterAll(() => cleanup());

  it('exits 0 and summarizes the three configs of Smith Table 1', () => {
    expect(run.stderr.toString()).not.toMatch(/Error|FAILED/);
    expect(run.status).toBe(0);
    const results = readJson(path.join(dir, 'results.json'));
    expect(get(results, 'smoke')).toBe(true);
    const summary = list(get(results, 'summary'));
    expect(summary.map((s) => get(s, 'variant'))).toEqual([...VARIANTS]);
    expect(summary.map((s) => get(s, 'smithTable1'))).toEqual(['92.0 ± 0.2', '91.4 ± 0.3', '88.1 ± 0.1']);
    for (const s of summary) {
      expect(get(s, 'n')).toBe(1);
      const acc = num(get(s, 'mean'));
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(1);
    }
    expect(readFileSync(path.join(dir, 'results.md'), 'utf8')).toMatch(/\| 1cycle LR 0\.08-0\.8, cyclical momentum 0\.95-0\.85 \| 2 \| \d+\.\d\d ± 0\.00 \(n=1\) \| 92\.0 ± 0\.2 \|/);
  });

  it('trained each run for 2 epochs of ResNet-8 on the generated data, with finite losses', () => {
    for (const v of VARIANTS) {
      const runDir = path.join(dir, `${v}-seed0`);
      for (const f of ['planned.json', 'config.json', 'recorder.json', 'history.json', 'schedule.png', 'loss.png']) {
        expect(existsSync(path.join(runDir, f)), `${v}/${f}`).toBe(true);
      }
      const history = readJson(path.join(runDir, 'history.json'));
      expect(get(history, 'dataset')).toBe('cifar10');
      expect(get(history, 'model')).toEqual({ name: 'resnet', depth: 8, shortcut: 'A' });
      expect(get(history, 'trainSamples')).toBe(8);
      expect(get(history, 'validSamples')).toBe(16);
      expect(get(history, 'batchesPerEpoch')).toBe(2);
      const epochs = list(get(history, 'epochs'));
      expect(epochs.map((e) => get(e, 'epoch'))).toEqual([1, 2]);
      for (const e of epochs) {
        expect(Number.isFinite(num(get(e, 'trainLoss')))).toBe(true);
        expect(Number.isFinite(num(get(e, 'validLoss')))).toBe(true);
        const acc = num(get(e, 'accuracy'));
        expect(acc * 16).toBeCloseTo(Math.round(acc * 16), 6); // a whole number of the 16 test images
      }
      expect(readFileSync(path.join(runDir, 'schedule.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  it('drove lr and momentum as each config says', () => {
    const batches = (v: string): unknown[] => list(get(readJson(path.join(dir, `${v}-seed0`, 'recorder.json')), 'batches'));
    const field = (rows: unknown[], key: string): number[] => rows.map((r) => num(get(r, key)));
    const cm = batches('1cycle-cm');
    expect(cm).toHaveLength(4);
    expect(Math.max(...field(cm, 'lr'))).toBeCloseTo(0.8, 10);
    expect(field(cm, 'lr')[0]).toBeCloseTo(0.08, 10);
    expect(Math.min(...field(cm, 'mom'))).toBeLessThan(0.95);
    expect(field(cm, 'mom')[0]).toBeCloseTo(0.95, 10);
    const mom09 = batches('1cycle-mom09');
    expect(field(mom09, 'lr')).toEqual(field(cm, 'lr'));
    expect(new Set(field(mom09, 'mom'))).toEqual(new Set([0.9]));
    const constant = batches('constant-lr');
    expect(new Set(field(constant, 'lr'))).toEqual(new Set([0.1]));
    expect(new Set(field(constant, 'mom'))).toEqual(new Set([0.9]));
    for (const rows of [cm, mom09, constant]) expect(new Set(field(rows, 'wd'))).toEqual(new Set([0.0001]));
  });
});

describe('the committed experiment configs', () => {
  const configs = (experiment: string): Array<[string, unknown]> => {
    const dir = path.join(root, 'tools/experiments', experiment, 'configs');
    return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => [f, readJson(path.join(dir, f))]);
  };

  it('are valid train configs', () => {
    const names = [...configs('superconvergence'), ...configs('cifar10-resnet56'), ...configs('lenet')].map(([f, json]) => {
      expect(() => parseTrainConfig(json), f).not.toThrow();
      return f;
    });
    expect(names).toHaveLength(10);
  });

  it("are Smith's LeNet comparison: LeNet, batch 64, 1cycle 0.01-0.1 against Caffe's LeNet inv schedule", () => {
    const [one, inv] = ['1cycle.json', 'inv.json'].map((name) => parseTrainConfig(configs('lenet').find(([f]) => f === name)?.[1]));
    for (const c of [one, inv]) expect([c?.model, c?.batchSize, c?.dataset]).toEqual([{ name: 'lenet' }, 64, 'fashion-mnist']);
    const s = one?.schedule;
    if (s?.kind !== 'fit' || s.options.useClrBeta === undefined) throw new Error('1cycle.json must use schedule.fit.useClrBeta');
    const [div = 0, pct = 0, maxMom, minMom] = s.options.useClrBeta;
    const sched = createSchedule({ kind: 'fastaiClrBeta', lr: s.lr, stepsPerCycle: 1000, div, pct, ...(maxMom === undefined || minMom === undefined ? {} : { maxMom, minMom }) });
    expect(sched.at(0)).toMatchObject({ lr: 0.01, mom: 0.95 });
    expect(Math.max(...Array.from({ length: 1000 }, (_, k) => sched.at(k).lr))).toBeCloseTo(0.1, 12);
    const base = inv?.schedule;
    if (base?.kind !== 'spec') throw new Error('inv.json must give a schedule spec');
    expect(base.spec).toMatchObject({ kind: 'caffeInv', lr: 0.01, gamma: 1e-4, power: 0.75, mom: 0.9 });
  });

  it('are Smith Table 1 for CIFAR-10: ResNet-56, batch 512, wd 1e-4, 95 epochs = 41 up + 41 down + 13', async () => {
    for (const [f, json] of configs('cifar10-resnet56')) {
      const c = parseTrainConfig(json);
      expect([f, c.dataset, c.batchSize, c.epochs, c.optimizer.weightDecay, c.augment]).toEqual([f, 'cifar10', 512, 95, 1e-4, { padCrop: 4, flip: true }]);
      expect(c.model).toEqual({ name: 'resnet', depth: 56, shortcut: 'A' });
    }
    const [, cm] = configs('cifar10-resnet56').find(([f]) => f === '1cycle-cm.json') ?? [];
    const s = parseTrainConfig(cm).schedule;
    if (s.kind !== 'fit' || s.options.useClrBeta === undefined) throw new Error('1cycle-cm.json must use schedule.fit.useClrBeta');
    const [div = 0, pct = 0, maxMom, minMom] = s.options.useClrBeta;
    const perEpoch = Math.ceil(50_000 / 512);
    const sched = createSchedule({ kind: 'fastaiClrBeta', lr: s.lr, stepsPerCycle: 95 * perEpoch, div, pct, ...(maxMom === undefined || minMom === undefined ? {} : { maxMom, minMom }) });
    expect(sched.at(0)).toMatchObject({ lr: 0.08, mom: 0.95 });
    expect(sched.at(41 * perEpoch)).toMatchObject({ lr: 0.8, mom: 0.85 }); // the peak: 41 epochs up
    expect(sched.at(41 * perEpoch - 1).lr).toBeLessThan(0.8);
    expect(sched.at(41 * perEpoch + 1).lr).toBeLessThan(0.8);
    expect(sched.at(82 * perEpoch)).toMatchObject({ lr: 0.08, mom: 0.95 }); // 41 epochs down
    const tail = 13 * perEpoch; // then 13 epochs from 0.08 towards 0.0008 (fastai 0.7: lr/div * (1 - 0.99 p))
    expect(sched.at(95 * perEpoch - 1).lr).toBeCloseTo(0.08 * (1 - (0.99 * (tail - 1)) / tail), 12);

    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const model = buildModel({ name: 'resnet', depth: 56, shortcut: 'A' }, { inputShape: [32, 32, 3], numClasses: 10, seed: 0 });
    const weighted = model.layers.filter((l) => l.getClassName() === 'Conv2D' || l.getClassName() === 'Dense');
    expect(weighted).toHaveLength(56);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
