import { createHash } from 'node:crypto';
import { Job, Queue, QueueEvents } from 'bullmq';
import { RunFailedError } from './errors';
import type { JsonObject } from './jsonValue';
import { DEFAULT_QUEUE_NAME, isQueueJobProgress, isQueueJobReturn } from './queueJobData';
import type { QueueJobData, QueueJobReturn } from './queueJobData';
import { probeRedis } from './probeRedis';
import { parseRedisUrl } from './redisConnection';
import type { RunEvents, SweepExecutor } from './sweepExecutor';

/** Options of {@link queueExecutor}. */
export interface QueueExecutorOptions {
  /** The Redis server, `redis://host:port[/db]`. */
  url: string;
  /** The queue's name; workers must listen on the same one. @default 'onecycle-sweep' */
  queueName?: string;
  /** Options given to every run (a worker's own take precedence). @default {} */
  options?: JsonObject;
  /** How often a run whose runner throws is tried (BullMQ's `attempts`); a worker that dies is handled by BullMQ's stalled-job check instead. @default 1 */
  attempts?: number;
}

/** A job id for a run: the same run config always gets the same id, so a resumed sweep finds its jobs again. */
function jobIdOf(runId: string, config: JsonObject): string {
  return `run-${createHash('sha256').update(JSON.stringify([runId, config])).digest('hex').slice(0, 24)}`;
}

/**
 * Runs a sweep's runs on a BullMQ queue in Redis, served by `onecycle worker` processes on any
 * number of machines. Each run is a job (its id derived from the run config, so a resumed sweep
 * picks up the jobs it queued before); its result and its folder's files come back as the job's
 * return value. A worker killed mid-run leaves its job's lock to expire, and BullMQ's stalled-job
 * check hands the job to another worker; progress arrives through BullMQ's progress events.
 * @param opts - Redis URL, queue name, runner options, attempts
 * @example
 * ```ts
 * const executor = queueExecutor({ url: 'redis://10.0.0.5:6379' });
 * await runSweep({ sweep, outDir: 'out/sweep', executor });
 * await executor.close();
 * ```
 */
export function queueExecutor(opts: QueueExecutorOptions): SweepExecutor {
  const connection = parseRedisUrl(opts.url);
  const name = opts.queueName ?? DEFAULT_QUEUE_NAME;
  const listeners = new Map<string, RunEvents & { worker?: string }>();
  let clients: { queue: Queue<QueueJobData, QueueJobReturn>; events: QueueEvents } | undefined;
  // the clients are made once Redis answers (see probeRedis), on the first run
  const ready = probeRedis(connection, opts.url).then(async () => {
    const queue = new Queue<QueueJobData, QueueJobReturn>(name, { connection });
    const events = new QueueEvents(name, { connection });
    clients = { queue, events };
    queue.on('error', () => undefined); // ioredis reconnects by itself; a lost job surfaces as a failed run
    events.on('error', () => undefined);
    events.on('progress', ({ jobId, data }) => {
      const l = listeners.get(jobId);
      if (l === undefined || !isQueueJobProgress(data)) return;
      if (l.worker !== data.worker) {
        l.worker = data.worker;
        l.started(data.worker);
      }
      l.progress({ fraction: data.fraction, ...(data.note === undefined ? {} : { note: data.note }) });
    });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return { queue, events };
  });
  ready.catch(() => undefined); // reported by every run() that awaits it
  // BullMQ's waitUntilFinished does not end when its clients close: close() ends the waits itself
  let stop: (err: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => undefined);
  return {
    label: `queue ${name} at ${opts.url}`,
    async run(run, _runDir, runEvents) {
      const { queue, events } = await ready;
      const jobId = jobIdOf(run.id, run.config);
      listeners.set(jobId, { ...runEvents });
      try {
        const data: QueueJobData = { runId: run.id, config: run.config, options: opts.options ?? {} };
        let job = await queue.add('run', data, { jobId, attempts: opts.attempts ?? 1, removeOnComplete: false, removeOnFail: false });
        // a job of an earlier attempt of this sweep that failed: try it again
        if ((await job.getState()) === 'failed') {
          await job.retry('failed');
          job = (await Job.fromId<QueueJobData, QueueJobReturn>(queue, jobId)) ?? job;
        }
        let value: unknown;
        try {
          value = await Promise.race([job.waitUntilFinished(events), stopped]);
        } catch (err) {
          throw new RunFailedError(run.id, `its job ${jobId} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (!isQueueJobReturn(value)) throw new RunFailedError(run.id, `its job ${jobId} returned no run result (is the worker an onecycle worker?)`);
        await job.remove().catch(() => undefined); // collected; a failure to remove costs only space in Redis
        return {
          result: value.result, worker: value.worker, seconds: value.seconds,
          files: value.files.map((f) => ({ name: f.name, data: Buffer.from(f.base64, 'base64') })),
        };
      } finally {
        listeners.delete(jobId);
      }
    },
    async close() {
      stop(new Error('the sweep stopped before the job finished (a resume collects it)'));
      if (clients === undefined) return;
      await clients.events.close();
      await clients.queue.close();
    },
  };
}
