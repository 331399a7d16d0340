import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunConfigError, RunnerModuleError, SweepOutputError, WorkerPool, localExecutor, parseSweepConfig, runSweep } from '@onecycle/sweep';
import type { SweepEvent, SweepExecutor } from '@onecycle/sweep';
import { TOY_RUNNER, resultsWithoutTiming, useTempDir } from './helpers';

const tmp = useTempDir();

const sweepJson = {
  description: 'toy grid',
  // sleepMs: each run takes ~0.45 s, so the second worker process is up long before the runs run out
  base: { lr: 0.1, wd: 0, epochs: 3, seed: 0, sleepMs: 150 },
  grid: { lr: [0.05, 0.1], wd: [0, 0.01] },
  seeds: [0, 1],
  metric: 'accuracy',
  baseline: 'lr=0.1, wd=0',
};

async function sweepWith(executor: SweepExecutor, outDir: string, extra: { resume?: boolean; onEvent?: (e: SweepEvent) => void; json?: object } = {}) {
  try {
    return await runSweep({
      sweep: parseSweepConfig(extra.json ?? sweepJson), outDir, executor,
      validate: (c) => {
        if (typeof c['lr'] !== 'number') throw new Error('lr must be a number');
      },
      ...(extra.resume === undefined ? {} : { resume: extra.resume }), ...(extra.onEvent === undefined ? {} : { onEvent: extra.onEvent }),
    });
  } finally {
    await executor.close();
  }
}

describe('runSweep with local workers', () => {
  it('2 workers give the same results.json as 1 worker, apart from timings, and write the whole layout', async () => {
    const one = path.join(tmp.dir, 'one');
    const two = path.join(tmp.dir, 'two');
    const a = await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 1 }), one);
    const workersSeen = new Set<string>();
    const b = await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 2, options: { tag: 'x' } }), two, {
      onEvent: (e) => {
        if (e.type === 'start') workersSeen.add(e.worker.replace(/ \(pid \d+\)/, ''));
      },
    });
    expect(a).toMatchObject({ failed: 0, ran: 8 });
    expect(b).toMatchObject({ failed: 0, ran: 8 });
    expect(workersSeen).toEqual(new Set(['local w1', 'local w2']));
    expect(resultsWithoutTiming(path.join(two, 'results.json'))).toEqual(resultsWithoutTiming(path.join(one, 'results.json')));
    expect(readdirSync(two).sort()).toEqual(['plan.json', 'report.html', 'results.json', 'runs', 'summary.md', 'sweep.json', 'sweep.png', 'sweep.svg']);
    const runDir = path.join(two, 'runs', 'c02-lr=0.05_wd=0.01', 'seed-1');
    expect(readdirSync(runDir).sort()).toEqual(['history.json', 'result.json', 'sub']);
    expect(JSON.parse(readFileSync(path.join(runDir, 'history.json'), 'utf8')).options).toEqual({ tag: 'x' });
    const results = b.results;
    expect(results.runs).toHaveLength(8);
    expect(results.runs.every((r) => r.status === 'done' && typeof r.value === 'number' && r.timing !== undefined)).toBe(true);
    const cell = results.summary.cells.find((c) => c.name === 'lr=0.05, wd=0');
    expect(cell).toMatchObject({ n: 2, runs: 2, diff: { n: 2, below: 2, above: 0 } });
    expect(results.summary.cells.find((c) => c.name === 'lr=0.1, wd=0')?.diff).toBeUndefined();
    const summary = readFileSync(path.join(two, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^# toy grid/);
    expect(summary).toMatch(/\| lr=0\.1, wd=0 \| [\d.]+ ± [\d.]+ \| 2 \| — \(baseline\) \|/);
    expect(summary).toMatch(/\| lr=0\.05, wd=0 \| [\d.]+ ± [\d.]+ \| 2 \| −0\.\d+ ± [\d.]+ \(0\/2\) \|/);
    expect(readFileSync(path.join(two, 'sweep.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(path.join(two, 'report.html'), 'utf8')).toMatch(/<table[\s\S]*lr=0\.05, wd=0\.01/);
  });

  it('a worker killed mid-sweep fails its run, the others finish, and a resume completes the sweep', async () => {
    const clean = path.join(tmp.dir, 'clean');
    const out = path.join(tmp.dir, 'killed');
    const slow = { ...sweepJson, base: { ...sweepJson.base, sleepMs: 100 } };
    await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 2 }), clean, { json: slow });
    let killed = '';
    const pids = new Map<string, number>();
    const first = await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 2 }), out, {
      json: slow,
      onEvent: (e) => {
        if (e.type === 'start') pids.set(e.runId, Number(/pid (\d+)/.exec(e.worker)?.[1]));
        // kill the worker of the first run of the third cell after its first epoch, two epochs before its end
        if (e.type === 'progress' && killed === '' && e.runId.startsWith('c03') && e.progress.note === 'epoch 1/3') {
          killed = e.runId;
          process.kill(pids.get(e.runId) ?? 0, 'SIGKILL');
        }
      },
    });
    expect(first.failed).toBe(1);
    const failedRun = first.results.runs.find((r) => r.status === 'failed');
    expect(failedRun?.id).toBe(killed);
    expect(failedRun?.error).toMatch(/exited with signal SIGKILL/);
    expect(first.results.runs.filter((r) => r.status === 'done')).toHaveLength(7);
    expect(existsSync(path.join(out, failedRun?.dir ?? 'x', 'result.json'))).toBe(false);
    await expect(sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 1 }), out, { json: slow })).rejects.toThrow(SweepOutputError);
    const ranAgain: string[] = [];
    const second = await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 2 }), out, {
      json: slow, resume: true, onEvent: (e) => e.type === 'start' && ranAgain.push(e.runId),
    });
    expect(second).toMatchObject({ failed: 0, ran: 1 });
    expect(ranAgain).toEqual([killed]);
    expect(resultsWithoutTiming(path.join(out, 'results.json'))).toEqual(resultsWithoutTiming(path.join(clean, 'results.json')));
  });

  it('a runner error fails only its run; a resume of a changed sweep is refused', async () => {
    const out = path.join(tmp.dir, 'err');
    const json = { ...sweepJson, grid: { lr: [0.05, 0.1] }, baseline: 'ok, lr=0.1', variants: { ok: {}, bad: { throwAt: 2 } } };
    const res = await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 2 }), out, { json });
    expect(res.failed).toBe(4);
    expect(res.results.runs.filter((r) => r.status === 'failed').map((r) => r.error)).toEqual(Array(4).fill(expect.stringMatching(/Error: toy failure at epoch 2$/)));
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toMatch(/\| bad, lr=0\.05 \| — ± — \| 0 of 2 \| — \|/);
    await expect(sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 1 }), out, { json: { ...json, seeds: [0, 1, 2] }, resume: true }))
      .rejects.toThrow(/holds a different sweep/);
  });

  it('checks every run config before the first run, naming the run', async () => {
    const json = { ...sweepJson, grid: { lr: [0.1, 'fast'] }, baseline: 'lr=0.1' };
    const err = await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 1 }), path.join(tmp.dir, 'v'), { json }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunConfigError);
    expect(String(err)).toMatch(/the config of run c02-lr=fast\/seed-0 is invalid: lr must be a number/);
    expect(existsSync(path.join(tmp.dir, 'v'))).toBe(false);
  });

  it('a runner module without run() fails with RunnerModuleError, saying what it must export', async () => {
    const pool = new WorkerPool({ runnerModule: path.join(import.meta.dirname, 'fixtures', 'noRun.mjs'), size: 1 });
    await expect(pool.run({ runId: 'x', config: {}, dir: tmp.dir, options: {} })).rejects.toThrow(RunnerModuleError);
    await expect(pool.run({ runId: 'y', config: {}, dir: tmp.dir, options: {} })).rejects.toThrow(/must export a function run\(config, runDir, context\)/);
    await pool.close();
  });
});
