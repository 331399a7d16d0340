import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { SweepError } from './errors';
import type { JsonObject } from './jsonValue';
import { DEFAULT_QUEUE_NAME, isQueueJobData } from './queueJobData';
import type { QueueJobData, QueueJobProgress, QueueJobReturn } from './queueJobData';
import { probeRedis } from './probeRedis';
import { parseRedisUrl } from './redisConnection';
import { WorkerPool } from './workerPool';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** The Redis server, `redis://host:port[/db]`. */
  url: string;
  /** The runner module (absolute path or `file:` URL). */
  runnerModule: string;
  /** Runs at a time, each in its own process. @default 1 */
  concurrency?: number;
  /** The queue's name. @default 'onecycle-sweep' */
  queueName?: string;
  /** Folder the runs' folders are written to on this machine (`<workDir>/<job id>`). @default `<tmp>/onecycle-worker` */
  workDir?: string;
  /** Runner options that take precedence over the sweep's (e.g. this machine's data folder). @default {} */
  options?: JsonObject;
  /** How long a job's lock lasts without renewal before BullMQ deems it stalled, ms (BullMQ's `lockDuration`). @default 30000 */
  lockDuration?: number;
  /** How often this worker checks for stalled jobs, ms (BullMQ's `stalledInterval`). @default 30000 */
  stalledInterval?: number;
  /** How often a job may stall before it fails (BullMQ's `maxStalledCount`). @default 2 */
  maxStalledCount?: number;
  /** Reports each job's start and end. */
  onEvent?: (e: { type: 'start' | 'done' | 'failed'; runId: string; jobId: string; error?: string }) => void;
}

/** A running queue worker. */
export interface QueueWorkerHandle {
  /** Its name in progress reports (`host:pid`). */
  readonly name: string;
  /** Stops taking jobs, waits for the runs in progress, and stops its processes. */
  close(): Promise<void>;
}

async function filesOf(dir: string, prefix = ''): Promise<Array<{ name: string; base64: string }>> {
  const out: Array<{ name: string; base64: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesOf(path.join(dir, entry.name), rel)));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) out.push({ name: rel, base64: (await readFile(path.join(dir, entry.name))).toString('base64') });
  }
  return out;
}

/**
 * Serves a sweep queue: takes runs from BullMQ, runs each in a worker process of a
 * {@link WorkerPool} (so lock renewal never waits for a training step), writes the run's folder
 * under `workDir`, and returns the runner's result and the folder's files as the job's return
 * value. Retries and stalled jobs are BullMQ's: this worker sets only the lock and stall timings.
 * @param opts - Redis URL, runner module, concurrency, work folder, timings
 * @returns a handle to stop it
 * @example
 * ```ts
 * const worker = await startQueueWorker({ url: 'redis://10.0.0.5:6379', runnerModule: '/abs/runner.mjs', concurrency: 2 });
 * process.on('SIGINT', () => void worker.close());
 * ```
 */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorkerHandle> {
  const connection = parseRedisUrl(opts.url);
  const concurrency = opts.concurrency ?? 1;
  const workDir = opts.workDir ?? path.join(os.tmpdir(), 'onecycle-worker');
  const name = `${os.hostname()}:${process.pid}`;
  await probeRedis(connection, opts.url);
  const pool = new WorkerPool({ runnerModule: opts.runnerModule, size: concurrency });
  const processor = async (job: Job<QueueJobData, QueueJobReturn>): Promise<QueueJobReturn> => {
    if (!isQueueJobData(job.data)) throw new SweepError(`job ${String(job.id)} holds no onecycle run (data: ${JSON.stringify(job.data).slice(0, 80)})`);
    const { runId, config, options } = job.data;
    const jobId = String(job.id);
    const dir = path.join(workDir, jobId);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const report = (p: QueueJobProgress): void => {
      job.updateProgress(p).catch(() => undefined); // progress is best effort; the lock is what matters
    };
    report({ worker: name, fraction: 0 });
    opts.onEvent?.({ type: 'start', runId, jobId });
    const started = performance.now();
    try {
      const result = await pool.run({ runId, config, dir, options: { ...options, ...opts.options } }, (p) => report({ worker: name, ...p }));
      const seconds = (performance.now() - started) / 1000;
      opts.onEvent?.({ type: 'done', runId, jobId });
      return { result, worker: name, seconds, files: await filesOf(dir) };
    } catch (err) {
      opts.onEvent?.({ type: 'failed', runId, jobId, error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  };
  const worker = new Worker<QueueJobData, QueueJobReturn>(opts.queueName ?? DEFAULT_QUEUE_NAME, processor, {
    connection, concurrency,
    lockDuration: opts.lockDuration ?? 30_000,
    stalledInterval: opts.stalledInterval ?? 30_000,
    maxStalledCount: opts.maxStalledCount ?? 2,
  });
  worker.on('error', () => undefined); // connection errors: ioredis reconnects by itself
  await worker.waitUntilReady();
  return {
    name,
    async close() {
      await worker.close();
      await pool.close();
    },
  };
}
