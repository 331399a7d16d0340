import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../index';
import { idxWorkspace, memoryIO } from './helpers';

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  ({ dir, cleanup } = idxWorkspace());
  const config = {
    dataset: 'mnist', dataDir: 'idx', model: { name: 'mlp', hidden: [16] }, batchSize: 16, epochs: 1,
    schedule: { fitOneCycle: { lrMax: 0.1 } },
  };
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(config));
});
afterEach(() => cleanup());

describe('onecycle lr-find', () => {
  it('runs the range test for a train config, writes the result and chart, prints the suggestions', async () => {
    const io = memoryIO(dir);
    const before = tf.memory().numTensors;
    const code = await runCli(['lr-find', '--config', 'run.json', '--num-it', '30', '--end-lr', '3', '--backend', 'cpu'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(io.err()).toBe('');
    expect(io.out()).toMatch(/lr-find: mnist, model mlp, batch 16, sgdw, seed 0\n/);
    expect(io.out()).toMatch(/(30|\d\d?) iterations on 96 samples, stopped: (completed|diverged|nonFinite)\n/);
    expect(io.out()).toMatch(/suggestions: valley [\d.e+-]+|-, steep /);
    expect(io.out()).toMatch(/wrote out\/run-lr-find\/lr-find\.json, out\/run-lr-find\/lr-find\.svg, out\/run-lr-find\/lr-find\.png\n$/);
    expect(readdirSync(path.join(dir, 'out/run-lr-find')).sort()).toEqual(['lr-find.json', 'lr-find.png', 'lr-find.svg']);
    const r = JSON.parse(readFileSync(path.join(dir, 'out/run-lr-find/lr-find.json'), 'utf8')) as { lrs: number[]; mode: string; suggestions: object };
    expect(r.lrs[0]).toBe(1e-7);
    expect(r.mode).toBe('exp');
    expect(r.lrs.length).toBeLessThanOrEqual(30);
    // `reasons` says why a suggestion is null (a 30-iteration test on a few batches often has one)
    expect(Object.keys(r.suggestions).filter((k) => k !== 'reasons').sort()).toEqual(['minimum', 'range', 'slide', 'steep', 'valley']);
    expect(readFileSync(path.join(dir, 'out/run-lr-find/lr-find.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('takes a linear test over a narrow range into --out', async () => {
    const io = memoryIO(dir);
    const before = tf.memory().numTensors;
    const code = await runCli(['lr-find', '-c', 'run.json', '-o', 'lin', '--start-lr', '0.01', '--end-lr', '1', '--num-it', '12', '--linear'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(readFileSync(path.join(dir, 'lin/lr-find.json'), 'utf8')) as { lrs: number[]; mode: string };
    expect(r.mode).toBe('linear');
    expect(r.lrs[1]).toBeCloseTo(0.01 + 0.99 / 11, 12);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [['--num-it', '5'], /--num-it must be an integer >= 10, got 5/],
    [['--start-lr', '1', '--end-lr', '0.1'], /--start-lr must be < endLr, got startLr 1 and endLr 0.1/],
    [['--end-lr', '-2'], /--end-lr must be a learning rate > 0, got '-2'/],
    [['--repeats', '0'], /--repeats must be a positive whole number, got '0'/],
  ])('bad usage %j exits 2 before any training, nothing written', async (flags, message) => {
    const io = memoryIO(dir);
    expect(await runCli(['lr-find', '--config', 'run.json', ...flags], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('is listed in onecycle --help', async () => {
    const io = memoryIO(dir);
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/lr-find\s+run the LR range test for a train config/);
  });
});
