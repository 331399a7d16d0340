import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../index';
import { idxWorkspace, memoryIO } from './helpers';
import { TINY_SWEEP, onecycle, requireBuiltCli, resultsWithoutTiming } from './sweepHelpers';

// One workspace for the file: the 1-worker sweep is the reference the other tests compare with.
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = idxWorkspace());
  writeFileSync(path.join(dir, 'sweep.json'), JSON.stringify(TINY_SWEEP));
});
afterAll(() => cleanup());

// Each test spawns sweeps of 8 real training runs; on a quiet 2-core machine a test takes 10-30 s,
// on a shared one much longer.
const SLOW = 600_000;

const sweepArgs = (out: string, ...more: string[]): string[] => ['sweep', '-c', 'sweep.json', '-o', out, '--backend', 'cpu', ...more];

describe('onecycle sweep (local workers)', () => {
  it('rejects bad usage and a bad sweep.json before any run, naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...TINY_SWEEP, seed: [1] }, /bad\.json: seed is not a known field \(did you mean 'seeds'\?\)/],
      [{ ...TINY_SWEEP, grid: { 'optimizer.weightDecay': [0, -1] } }, /bad\.json: the config of run c02-weightDecay=-1\/seed-0 is invalid: optimizer\.weightDecay must be a number >= 0, got -1/],
      [{ ...TINY_SWEEP, metric: { name: 'accuracy', at: 'final' } }, /metric\.at must be one of "last", "best", "epochsTo", got "final"/],
    ];
    for (const [json, message] of cases) {
      writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(json));
      const io = memoryIO(dir);
      expect(await runCli(['sweep', '-c', 'bad.json', '-o', 'bad-out', '--workers', '1'], io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.err()).toMatch(/usage: onecycle sweep --config <sweep\.json>/);
    }
    const io = memoryIO(dir);
    expect(await runCli(['sweep', '-c', 'sweep.json', '--workers', '0'], io)).toBe(2);
    expect(io.err()).toMatch(/--workers must be a positive whole number, got '0'/);
    expect(await runCli(['sweep', '-c', 'sweep.json', '--queue', 'http://x', '--workers', '2'], io)).toBe(2);
    expect(await runCli(['worker'], io)).toBe(2);
    expect(io.err()).toMatch(/missing --queue redis:\/\/host:port/);
    expect(readdirSync(dir).includes('bad-out')).toBe(false);
  });

  it('a grid of 4 cells x 2 seeds on 2 workers gives the same results.json as on 1 worker', async () => {
    const one = onecycle(sweepArgs('one', '--workers', '1'), dir);
    expect(await one.exit).toBe(0);
    expect(one.out()).toMatch(/^sweep: 8 runs \(0 complete from before, 8 to run\) on 1 local worker\n/);
    const two = onecycle(sweepArgs('two', '--workers', '2'), dir);
    expect(await two.exit).toBe(0);
    expect(two.err()).toBe('');
    expect(two.out()).toMatch(/\[8\/8\] done c\d\d-.*\/seed-\d in [\d.]+ s on local w[12] \(pid \d+\)/);
    expect(two.out()).toMatch(/8 of 8 runs done; 4 cells, baseline "lrMax=0.05, weightDecay=0" accuracy [\d.]+ ± [\d.]+\n/);
    const workers = new Set([...two.out().matchAll(/on local (w\d)/g)].map((m) => m[1]));
    expect(workers).toEqual(new Set(['w1', 'w2']));
    expect(resultsWithoutTiming(path.join(dir, 'two', 'results.json'))).toEqual(resultsWithoutTiming(path.join(dir, 'one', 'results.json')));
    const run = path.join(dir, 'two', 'runs', 'c04-lrMax=0.2_weightDecay=0.01', 'seed-1');
    expect(readdirSync(run).sort()).toEqual(['config.json', 'history.json', 'loss.png', 'loss.svg', 'recorder.json', 'result.json', 'schedule.png', 'schedule.svg']);
    expect(JSON.parse(readFileSync(path.join(run, 'config.json'), 'utf8'))).toMatchObject({ seed: 1, optimizer: { weightDecay: 0.01 }, schedule: { kind: 'fitOneCycle', lrMax: 0.2 } });
    expect(readFileSync(path.join(dir, 'two', 'summary.md'), 'utf8')).toMatch(/\| lrMax=0\.2, weightDecay=0\.01 \| [\d.]+ ± [\d.]+ \| 2 \| [+−]?[\d.]+ ± [\d.]+ \(\d\/\d\) \|/);
  }, SLOW);

  it('a worker killed with SIGKILL mid-sweep fails its run; --resume completes the sweep with the same results', async () => {
    const sweep = onecycle(sweepArgs('killed', '--workers', '2'), dir);
    await sweep.waitFor(/\[1\/8\] done/);
    // the sweep's worker processes are its children; each is in the middle of a run
    const pid = sweep.child.pid ?? 0;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    expect(children.length).toBe(2);
    process.kill(children[0] ?? 0, 'SIGKILL');
    expect(await sweep.exit).toBe(1);
    expect(sweep.out()).toMatch(/FAILED c\d\d-\S+: run \S+ failed: its worker process \(pid \d+\) exited with signal SIGKILL/);
    expect(sweep.err()).toMatch(/1 run failed \(see results\.json\); run the same command with --resume to run it again/);
    const resumed = onecycle(sweepArgs('killed', '--workers', '2', '--resume'), dir);
    expect(await resumed.exit).toBe(0);
    expect(resumed.out()).toMatch(/^sweep: 8 runs \(7 complete from before, 1 to run\)/);
    expect(resultsWithoutTiming(path.join(dir, 'killed', 'results.json'))).toEqual(resultsWithoutTiming(path.join(dir, 'one', 'results.json')));
    const again = onecycle(sweepArgs('killed', '--workers', '2'), dir);
    expect(await again.exit).toBe(2);
    expect(again.err()).toMatch(/holds a sweep already \(plan\.json\): pass resume \(--resume\) to continue it/);
  }, SLOW);
});
