import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEMO_TARGETS, choosePeakLr, runCli } from '../index';
import type { DemoSummary } from '../index';
import { memoryIO, useCpuBackend, useTempDir } from './helpers';

useCpuBackend();
const tmp = useTempDir();

describe('onecycle demo', () => {
  it('runs the demo code path on 400 digits for 1 epoch and writes every file', async () => {
    const io = memoryIO(tmp.dir);
    const before = tf.memory().numTensors;
    expect(await runCli(['demo', '--subset', '400', '--epochs', '1', '--out', 'demo-out', '--backend', 'cpu', '--seed', '2'], io)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(io.err()).toBe('');
    const out = io.out();
    expect(out).toMatch(/^onecycle: backend 'cpu'/);
    expect(out).toMatch(/data: 400 MNIST digits from the mnist package, 320 train \/ 80 valid \(seed 2\); model: MLP 784-256-128-10 with batch norm/);
    expect(out).toMatch(/lr_find suggestions: valley [\d.e-]+, slide .*, range /);
    expect(out).toMatch(/1cycle: peak lr [\d.e-]+ \(.*\), 1 epochs, use_clr_beta \(10, 10, 0\.95, 0\.85\)/);
    expect(out).toMatch(/epoch\s+train_loss\s+valid_loss\s+accuracy\s+time\n0\s+[\d.]+\s+[\d.]+\s+[\d.]+/);
    expect(out).toMatch(/valid accuracy [\d.]+% \(target >= 93\.00%: (met|NOT met)\), [\d.]+ s \(target < 60 s: (met|NOT met)\) \[targets are for the full demo/);
    const d = path.join(tmp.dir, 'demo-out');
    expect(readdirSync(d).sort()).toEqual([
      'loss.png', 'loss.svg', 'lr_find.png', 'lr_find.svg', 'recorder.json', 'report.html', 'schedule.png', 'schedule.svg', 'summary.json',
    ]);
    for (const name of ['lr_find', 'schedule', 'loss']) {
      expect(readFileSync(path.join(d, `${name}.svg`), 'utf8')).toMatch(/^<svg/);
      expect(readFileSync(path.join(d, `${name}.png`)).subarray(1, 4).toString()).toBe('PNG');
    }
    const summary: DemoSummary = JSON.parse(readFileSync(path.join(d, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      version: 1, backend: 'cpu', epochs: 1, seed: 2, batchSize: 64, model: 'MLP 784-256-128-10 with batch norm',
      data: { samples: 400, train: 320, valid: 80 },
      lrFind: { iterations: 100, stopReason: expect.stringMatching(/completed|diverged|nonFinite/) },
      schedule: { kind: 'fastaiClrBeta', stepsPerCycle: 5, div: 10, pct: 10, maxMom: 0.95, minMom: 0.85 },
      targets: { applies: false, seconds: { limit: DEMO_TARGETS.seconds, met: true }, accuracy: { min: 0.93 } },
    });
    expect(summary.peakLr).toBe(choosePeakLr(summary.lrFind.suggestions).lr);
    expect(summary.schedule).toMatchObject({ lr: summary.peakLr });
    expect(summary.history).toHaveLength(1);
    expect(summary.finalValidAccuracy).toBeGreaterThan(0.2); // 5 batches: above chance (0.1), far from the full demo
    expect(summary.targets.accuracy.met).toBe((summary.finalValidAccuracy ?? 0) >= 0.93);
    expect(summary.seconds).toBeGreaterThan(summary.fitSeconds);
    const html = readFileSync(path.join(d, 'report.html'), 'utf8');
    expect(html.match(/<div id="chart-\d" class="chart">/g)).toHaveLength(3);
    expect(html).toContain('LR range test (lr_find)');
    expect(html).toContain('1cycle: learning rate and momentum per iteration');
    expect(html).toContain('320 train / 80 valid');
    expect(html).not.toMatch(/<script src="http/); // offline
  });

  it('bad usage exits 2 with the usage line and writes nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--epochs', '0'], /--epochs must be a positive whole number, got '0'/],
      [['--epochs'], /--epochs needs a value/],
      [['--seed', 'x'], /--seed must be a whole number >= 0, got 'x'/],
      [['--backend', 'gpu'], /--backend must be one of auto, tensorflow, cpu, wasm, got 'gpu'/],
      [['--subset', '-5'], /--subset (needs a value|must be a positive whole number)/],
      [['--out', 'missing/deeper'], /--out missing\/deeper: its parent folder .* does not exist/],
      [['--lr', '0.1'], /unknown option --lr/],
      [['now'], /unexpected argument 'now'/],
    ];
    for (const [args, message] of cases) {
      const io = memoryIO(tmp.dir);
      expect(await runCli(['demo', ...args], io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.err()).toContain('usage: onecycle demo [--out out/] [--epochs 3] [--backend auto] [--seed 0]');
      expect(io.out()).toBe('');
    }
    expect(readdirSync(tmp.dir)).toEqual([]);
    expect(existsSync(path.join(tmp.dir, 'out'))).toBe(false);
  });
});

describe('choosePeakLr', () => {
  const none = { valley: null, slide: null, minimum: null, steep: null, range: null };
  it("takes the range's max (Smith), then valley, then 0.1", () => {
    expect(choosePeakLr({ ...none, steep: 0.1, valley: 0.001, range: { min: 0.02, max: 0.2, div: 10 } }).lr).toBe(0.2);
    expect(choosePeakLr({ ...none, steep: 0.1, valley: 0.001, reasons: { range: 'flat' } })).toEqual({ lr: 0.001, why: 'no range (flat): valley' });
    expect(choosePeakLr(none)).toEqual({ lr: 0.1, why: expect.stringContaining('default 0.1') });
  });
});
