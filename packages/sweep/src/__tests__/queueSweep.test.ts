import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SweepError, localExecutor, parseRedisUrl, parseSweepConfig, queueExecutor, runSweep, startQueueWorker } from '@onecycle/sweep';
import type { SweepEvent, SweepExecutor } from '@onecycle/sweep';
import { TOY_RUNNER, resultsWithoutTiming, useTempDir } from './helpers';
import { hasRedisServer, startRedis } from './redisServer';
import type { TestRedis } from './redisServer';

const available = hasRedisServer();
if (!available) console.log('skipped: the BullMQ tests need Debian\'s redis-server (apt-get install redis-server), which is not installed');

const tmp = useTempDir();
let redis: TestRedis | undefined;
beforeAll(async () => {
  if (available) redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const sweepJson = { base: { lr: 0.1, epochs: 2, seed: 0, sleepMs: 20 }, grid: { lr: [0.05, 0.1], wd: [0, 0.01] }, seeds: [0, 1], metric: 'accuracy' };

async function sweepWith(executor: SweepExecutor, outDir: string, onEvent?: (e: SweepEvent) => void, json: object = sweepJson) {
  try {
    return await runSweep({ sweep: parseSweepConfig(json), outDir, executor, ...(onEvent === undefined ? {} : { onEvent }) });
  } finally {
    await executor.close();
  }
}

describe('parseRedisUrl', () => {
  it('reads host, port, db and credentials, and names a bad URL', () => {
    expect(parseRedisUrl('redis://u:p%40ss@10.0.0.5:6380/2')).toEqual({ host: '10.0.0.5', port: 6380, db: 2, username: 'u', password: 'p@ss', maxRetriesPerRequest: null });
    expect(parseRedisUrl('redis://localhost')).toEqual({ host: 'localhost', port: 6379, maxRetriesPerRequest: null });
    expect(() => parseRedisUrl('http://localhost:6379')).toThrow(SweepError);
    expect(() => parseRedisUrl('redis://h:1/x')).toThrow(/database must be a whole number >= 0, got 'x'/);
  });
});

describe.runIf(available)('runSweep on a BullMQ queue (real redis-server)', () => {
  it('gives the same results as local workers; files, progress and failures come back through the jobs', async () => {
    const url = redis?.url ?? '';
    await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 2, options: { tag: 'x' } }), path.join(tmp.dir, 'local'));
    const workers = await Promise.all(['a', 'b'].map((w) => startQueueWorker({ url, queueName: 'q1', runnerModule: TOY_RUNNER, workDir: path.join(tmp.dir, `work-${w}`) })));
    const seen = new Set<string>();
    const notes: string[] = [];
    try {
      const queued = await sweepWith(queueExecutor({ url, queueName: 'q1', options: { tag: 'x' } }), path.join(tmp.dir, 'queued'), (e) => {
        if (e.type === 'start') seen.add(e.worker);
        if (e.type === 'progress' && e.progress.note !== undefined) notes.push(e.progress.note);
      });
      expect(queued).toMatchObject({ failed: 0, ran: 8 });
      expect(seen).toEqual(new Set(workers.map((w) => w.name)));
      expect(notes).toContain('epoch 2/2');
      expect(resultsWithoutTiming(path.join(tmp.dir, 'queued', 'results.json'))).toEqual(resultsWithoutTiming(path.join(tmp.dir, 'local', 'results.json')));
      const runDir = path.join(tmp.dir, 'queued', 'runs', 'c04-lr=0.1_wd=0.01', 'seed-1');
      expect(readdirSync(runDir).sort()).toEqual(['history.json', 'result.json', 'sub']);
      expect(readFileSync(path.join(runDir, 'sub', 'note.txt'), 'utf8')).toBe('seed 1\n');

      const failing = await sweepWith(queueExecutor({ url, queueName: 'q1' }), path.join(tmp.dir, 'failing'), undefined, { ...sweepJson, grid: { lr: [0.1] }, base: { ...sweepJson.base, throwAt: 1 } });
      expect(failing.failed).toBe(2);
      expect(failing.results.runs[0]?.error).toMatch(/its job run-\w+ failed: .*toy failure at epoch 1/);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });

  it('a sweep stopped while its jobs wait is resumed by collecting them, not by training them again', async () => {
    const url = redis?.url ?? '';
    await sweepWith(localExecutor({ runnerModule: TOY_RUNNER, workers: 1 }), path.join(tmp.dir, 'local'));
    const out = path.join(tmp.dir, 'resumed');
    // the first sweep queues its 8 runs with no worker listening, and stops
    const first = queueExecutor({ url, queueName: 'q2' });
    const running = runSweep({ sweep: parseSweepConfig(sweepJson), outDir: out, executor: first });
    const queue = new Queue('q2', { connection: parseRedisUrl(url) });
    try {
      while ((await queue.getWaitingCount()) < 8) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await queue.close();
    }
    await first.close();
    expect((await running).failed).toBe(8);
    // a worker trains them meanwhile; the resumed sweep finds the finished jobs by their ids
    const started: string[] = [];
    const worker = await startQueueWorker({ url, queueName: 'q2', runnerModule: TOY_RUNNER, workDir: path.join(tmp.dir, 'work'), onEvent: (e) => e.type === 'start' && started.push(e.runId) });
    try {
      const second = await sweepWith(queueExecutor({ url, queueName: 'q2' }), out, undefined, sweepJson).catch((e: unknown) => e);
      expect(second).toMatchObject({ message: expect.stringMatching(/holds a sweep already/) });
      const executor = queueExecutor({ url, queueName: 'q2' });
      try {
        const resumed = await runSweep({ sweep: parseSweepConfig(sweepJson), outDir: out, executor, resume: true });
        expect(resumed).toMatchObject({ failed: 0, ran: 8 });
      } finally {
        await executor.close();
      }
    } finally {
      await worker.close();
    }
    expect(started.sort()).toEqual(JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')).runs.map((r: { id: string }) => r.id).sort());
    expect(resultsWithoutTiming(path.join(out, 'results.json'))).toEqual(resultsWithoutTiming(path.join(tmp.dir, 'local', 'results.json')));
  });

  it('says when Redis cannot be reached instead of waiting for ever', async () => {
    const executor = queueExecutor({ url: 'redis://127.0.0.1:1' });
    try {
      const err = await executor.run({ id: 'x', cell: 'c', cellIndex: 0, seed: 0, dir: 'x', config: {} }, tmp.dir, { started: () => undefined, progress: () => undefined }).catch((e: unknown) => e);
      expect(String(err)).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(connect ECONNREFUSED 127\.0\.0\.1:1\): is redis-server running there/);
    } finally {
      await executor.close();
    }
  });
});
