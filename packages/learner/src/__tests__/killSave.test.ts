// Crash consistency of learner.save: a child process (killSaveChild.ts, bundled with esbuild) saves
// checkpoints in a loop and is killed with SIGKILL at seeded random moments. After every kill the
// directory must load as exactly the last save the child reported or the one after it (a save that
// finished before it could report), never a mix of two saves and never an error; the next save
// must leave no temp file or half-written folder behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { SeededRng } from '@onecycle/core-schedules';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../index';
import { useLearnerFixture } from './helpers';

const fx = useLearnerFixture('onecycle-kill-');
const KILLS = 50;

let childFile = '';
beforeAll(async () => {
  // One self-contained file (tfjs included) starts faster than resolving hundreds of modules; the
  // charts (and vega behind them) are left out, as a save never draws one.
  childFile = path.join(fx.tmp, 'killSaveChild.cjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'killSaveChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childFile,
    // tfjs-backend-cpu registers itself as a side effect its package.json hides from bundlers
    ignoreAnnotations: true,
    logLevel: 'error',
    plugins: [{
      name: 'no-charts',
      setup(b) {
        b.onResolve({ filter: /^@onecycle\/viz$/ }, () => ({ path: 'viz', namespace: 'no-charts' }));
        b.onLoad({ filter: /.*/, namespace: 'no-charts' }, () => ({
          contents: 'const no = () => { throw new Error("no charts in the kill-test child"); }; export const lossChart = no, lrFinderChart = no, saveChart = no, scheduleChart = no;',
          loader: 'js',
        }));
      },
    }],
  });
});

/** Runs the child until `killAfterMs` after its first reported save, then SIGKILLs it. */
function runAndKill(dir: string, start: number, killAfterMs: number): Promise<{ lastSaved: number | undefined; saves: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile], { env: { ...process.env, KILL_DIR: dir, KILL_START: String(start) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let lastSaved: number | undefined;
    let saves = 0;
    let stderr = '';
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^saved (\d+)$/.exec(line);
        if (m === null) continue;
        lastSaved = Number(m[1]);
        saves += 1;
        if (saves === 1) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ lastSaved, saves, stderr }));
  });
}

/** The single value a loaded learner was stamped with, or the list of values when parts differ. */
async function stampOf(learn: Learner): Promise<number[]> {
  const values = new Set<number>();
  for (const v of learn.variables) for (const x of v.dataSync()) values.add(x);
  for (const opt of learn.optimizers) {
    for (const w of await opt.getWeights()) {
      if (w.tensor instanceof tf.Variable) for (const x of w.tensor.dataSync()) values.add(x);
      else w.tensor.dispose();
    }
  }
  values.add(learn.rng.state);
  return [...values];
}

describe('learner.save under SIGKILL', () => {
  it(`after each of ${KILLS} kills at seeded random moments the checkpoint is the previous or the new save, whole`, async () => {
    const dir = path.join(fx.tmp, 'ckpt');
    const rng = new SeededRng(20260);
    const data = { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } };
    const before = tf.memory().numTensors;
    let newer = 0;
    let leftovers = 0;
    for (let k = 0; k < KILLS; k++) {
      const start = (k + 1) * 1000;
      const run = await runAndKill(dir, start, rng.next() * 40);
      expect(run.stderr).not.toMatch(/Error|at .*:\d+/);
      expect(run.lastSaved).toBeDefined();
      const last = run.lastSaved ?? -1;
      const names = fs.readdirSync(dir);
      if (names.some((n) => n.includes('.tmp-')) || names.filter((n) => n.startsWith('save-')).length > 1) leftovers += 1;

      const learn = await Learner.load(dir, { data, progress: false });
      const stamp = await stampOf(learn);
      expect(stamp.length, `kill ${k}: parts of different saves ${stamp.join(', ')}`).toBe(1);
      const value = stamp[0] ?? Number.NaN;
      expect([last, last + 1], `kill ${k}: loaded ${value}, the child last reported ${last}`).toContain(value);
      if (value === last + 1) newer += 1;

      // The next save removes what the killed one left.
      await learn.save(dir);
      const after = fs.readdirSync(dir).sort();
      expect(after).toHaveLength(2);
      expect(after[0]).toBe('checkpoint.json');
      expect(after[1]).toMatch(/^save-/);
      expect(fs.readdirSync(path.join(dir, after[1] ?? ''), { recursive: true }).filter((n) => String(n).includes('.tmp-'))).toEqual([]);
      learn.dispose();
      if (learn.model instanceof tf.LayersModel) learn.model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    // The kills did land inside saves (otherwise the test proves nothing about a torn save).
    expect(leftovers + newer).toBeGreaterThan(0);
  }, 600_000);
});
