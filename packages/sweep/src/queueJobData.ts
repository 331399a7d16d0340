import { isJsonObject } from './jsonValue';
import type { JsonObject } from './jsonValue';
import type { RunProgress, RunnerResult } from './sweepRunner';

/** The BullMQ queue `onecycle sweep --queue` and `onecycle worker` share unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'onecycle-sweep';

/** A queued run: what a worker needs to run it. */
export interface QueueJobData {
  /** The run's id in its sweep. */
  runId: string;
  /** The run config. */
  config: JsonObject;
  /** Runner options from the sweep (a worker's own options take precedence). */
  options: JsonObject;
}

/** What a worker sends back as the job's return value. */
export interface QueueJobReturn {
  /** The runner's result. */
  result: RunnerResult;
  /** Which worker ran it (`host:pid`). */
  worker: string;
  /** Seconds the run took there. */
  seconds: number;
  /** The run folder's files, base64. */
  files: Array<{ name: string; base64: string }>;
}

/** What a worker reports as the job's progress: who runs it, and how far it is. */
export interface QueueJobProgress extends RunProgress {
  /** The worker (`host:pid`). */
  worker: string;
}

/**
 * Checks a job's data (it comes from Redis, untyped).
 * @returns whether it is a {@link QueueJobData}
 */
export function isQueueJobData(v: unknown): v is QueueJobData {
  return isJsonObject(v) && typeof v.runId === 'string' && isJsonObject(v.config) && isJsonObject(v.options);
}

/**
 * Checks a job's return value.
 * @returns whether it is a {@link QueueJobReturn}
 */
export function isQueueJobReturn(v: unknown): v is QueueJobReturn {
  return typeof v === 'object' && v !== null && 'result' in v && 'files' in v && Array.isArray(v.files) && 'worker' in v && typeof v.worker === 'string';
}

/**
 * Checks a job's progress report.
 * @returns whether it is a {@link QueueJobProgress}
 */
export function isQueueJobProgress(v: unknown): v is QueueJobProgress {
  return typeof v === 'object' && v !== null && 'worker' in v && typeof v.worker === 'string' && 'fraction' in v && typeof v.fraction === 'number';
}
