import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idxWorkspace } from './helpers';
import { hasRedisServer, startRedis } from './redisServer';
import type { TestRedis } from './redisServer';
import { TINY_SWEEP, onecycle, requireBuiltCli, resultsWithoutTiming } from './sweepHelpers';
import type { Spawned } from './sweepHelpers';

const available = hasRedisServer();
if (!available) console.log('skipped: the BullMQ sweep tests need Debian\'s redis-server (apt-get install redis-server), which is not installed');

let dir: string;
let cleanup: () => void;
let redis: TestRedis | undefined;
const workers: Spawned[] = [];
beforeAll(async () => {
  if (!available) return;
  requireBuiltCli();
  ({ dir, cleanup } = idxWorkspace());
  writeFileSync(path.join(dir, 'sweep.json'), JSON.stringify(TINY_SWEEP));
  redis = await startRedis();
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exit));
  await redis?.stop();
  cleanup?.();
});

describe.runIf(available)('onecycle sweep --queue with onecycle worker (BullMQ on a real redis-server)', () => {
  it('2 workers, one killed mid-run: BullMQ hands its run to the other, and the results equal the local mode\'s', async () => {
    const url = redis?.url ?? '';
    const local = onecycle(['sweep', '-c', 'sweep.json', '-o', 'local', '--backend', 'cpu', '--workers', '2', '--quiet'], dir);
    expect(await local.exit).toBe(0);

    // short lock and stall check, so a dead worker's run goes back on the queue within seconds
    const workerArgs = (name: string): string[] => ['worker', '--queue', url, '--queue-name', 'q-test', '--backend', 'cpu', '--work-dir', name,
      '--lock-duration', '2000', '--stalled-interval', '1000'];
    const doomed = onecycle(workerArgs('work-a'), dir);
    const survivor = onecycle(workerArgs('work-b'), dir);
    workers.push(doomed, survivor);
    await Promise.all([doomed.waitFor(/serving queue q-test/), survivor.waitFor(/serving queue q-test/)]);

    const sweep = onecycle(['sweep', '-c', 'sweep.json', '-o', 'queued', '--queue', url, '--queue-name', 'q-test'], dir);
    const started = await doomed.waitFor(/worker: start (\S+)/);
    await new Promise((r) => setTimeout(r, 300));
    doomed.child.kill('SIGKILL');
    expect(await sweep.exit).toBe(0);
    expect(sweep.err()).toBe('');
    expect(sweep.out()).toMatch(/^sweep: 8 runs \(0 complete from before, 8 to run\) on queue q-test at redis:\/\/127\.0\.0\.1:\d+\n/);
    expect(doomed.out()).not.toMatch(new RegExp(`worker: done ${started[1]?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(survivor.out()).toMatch(new RegExp(`worker: start ${started[1]?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(resultsWithoutTiming(path.join(dir, 'queued', 'results.json'))).toEqual(resultsWithoutTiming(path.join(dir, 'local', 'results.json')));

    survivor.child.kill('SIGTERM');
    expect(await survivor.exit).toBe(0);
    expect(survivor.out()).toMatch(/SIGTERM, finishing the runs in progress/);
  }, 600_000); // two sweeps of 8 real training runs: 20-40 s on a quiet 2-core machine
});
