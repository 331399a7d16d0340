import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RunFailedError, RunnerModuleError, SweepError } from './errors';
import { isHostMessage } from './hostMessage';
import type { HostRunRequest } from './hostMessage';
import type { JsonObject } from './jsonValue';
import type { RunProgress, RunnerResult } from './sweepRunner';

/** One run for a {@link WorkerPool}. */
export interface PoolTask {
  runId: string;
  config: JsonObject;
  /** Its folder (absolute; created by the worker). */
  dir: string;
  /** Runner options. */
  options: JsonObject;
}

/** Which worker process took a run. */
export interface PoolWorker {
  /** Its slot in the pool, from 0 (a replacement process keeps the slot). */
  slot: number;
  /** Its process id. */
  pid: number;
}

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** The runner module each worker process loads (absolute path or `file:` URL). */
  runnerModule: string;
  /** Number of worker processes. */
  size: number;
  /** Called when a worker process takes a run. */
  onStart?: (runId: string, worker: PoolWorker) => void;
}

interface Waiting {
  task: PoolTask;
  onProgress: ((p: RunProgress) => void) | undefined;
  resolve: (r: RunnerResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  index: number;
  child: ChildProcess;
  ready: boolean;
  busy: Waiting | undefined;
  stderr: string;
  exited: Promise<void>;
}

const STDERR_TAIL = 2000;

/** The compiled runner host beside this module (dist/runnerHost.js). */
function hostScript(): string {
  return fileURLToPath(new URL('./runnerHost.js', import.meta.url));
}

/**
 * A fixed number of worker processes (`child_process.fork`), each running whole runs of a runner
 * module, one at a time. Separate processes rather than threads or async tasks because a training
 * run holds a core for its whole length and tfjs keeps global state per process. A worker that
 * dies fails its run with a {@link RunFailedError} (the others go on) and is replaced. The
 * processes start with the first run.
 * @example
 * ```ts
 * const pool = new WorkerPool({ runnerModule: '/abs/runner.mjs', size: 2 });
 * const result = await pool.run({ runId: 'a', config, dir: '/tmp/a', options: {} });
 * await pool.close();
 * ```
 */
export class WorkerPool {
  private readonly slots: Array<Slot | undefined> = [];
  private readonly waiting: Waiting[] = [];
  private closing = false;
  private started = false;
  private fatal: Error | undefined;
  private readonly opts: WorkerPoolOptions;

  /** @param opts - runner module, size, start callback */
  constructor(opts: WorkerPoolOptions) {
    if (!Number.isInteger(opts.size) || opts.size < 1) throw new SweepError(`WorkerPool size must be a whole number >= 1, got ${opts.size}`);
    this.opts = opts;
  }

  /** The pool's processes that are alive. */
  get workers(): PoolWorker[] {
    return this.slots.flatMap((s) => (s?.child.pid === undefined ? [] : [{ slot: s.index, pid: s.child.pid }]));
  }

  /**
   * Runs a task on the next free worker process.
   * @param onProgress - called with the runner's progress reports
   * @returns the runner's result
   * @throws RunFailedError when the runner throws or its process dies; RunnerModuleError when the module does not load
   */
  run(task: PoolTask, onProgress?: (p: RunProgress) => void): Promise<RunnerResult> {
    if (this.fatal !== undefined) return Promise.reject(this.fatal);
    if (this.closing) return Promise.reject(new SweepError('WorkerPool is closed'));
    // processes start with the first run: a pool with nothing to do (a resume of a finished sweep) costs nothing
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < this.opts.size; i++) this.spawn(i);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, onProgress, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker process (a run in progress is abandoned) and waits until they are gone. */
  async close(): Promise<void> {
    this.closing = true;
    const exits = this.slots.map((s) => s?.exited);
    for (const s of this.slots) if (s !== undefined && s.child.connected) s.child.disconnect();
    await Promise.all(exits);
  }

  private spawn(index: number): void {
    const child = fork(hostScript(), [this.opts.runnerModule], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    let markExited: () => void = () => undefined;
    const exited = new Promise<void>((r) => (markExited = r));
    const slot: Slot = { index, child, ready: false, busy: undefined, stderr: '', exited };
    this.slots[index] = slot;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      slot.stderr = (slot.stderr + chunk).slice(-STDERR_TAIL);
    });
    child.on('message', (m: unknown) => this.onMessage(slot, m));
    child.on('error', () => undefined); // 'exit' follows and says what happened
    child.on('exit', (code, signal) => {
      markExited();
      this.onExit(slot, code, signal);
    });
  }

  private onMessage(slot: Slot, m: unknown): void {
    if (!isHostMessage(m)) return;
    switch (m.type) {
      case 'ready':
        slot.ready = true;
        this.dispatch();
        return;
      case 'fatal':
        this.fail(new RunnerModuleError(m.message));
        return;
      case 'progress':
        if (slot.busy?.task.runId === m.runId) slot.busy.onProgress?.(m.progress);
        return;
      case 'done':
      case 'error': {
        const job = slot.busy;
        if (job === undefined || job.task.runId !== m.runId) return;
        slot.busy = undefined;
        if (m.type === 'done') job.resolve(m.result);
        else job.reject(new RunFailedError(m.runId, m.message));
        this.dispatch();
      }
    }
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.slots[slot.index] === slot) this.slots[slot.index] = undefined;
    const how = signal === null ? `code ${code}` : `signal ${signal}`;
    const tail = slot.stderr.trim() === '' ? '' : `; its last error output: ${slot.stderr.trim().split('\n').slice(-5).join(' | ')}`;
    const job = slot.busy;
    slot.busy = undefined;
    if (job !== undefined) job.reject(new RunFailedError(job.task.runId, `its worker process (pid ${slot.child.pid}) exited with ${how}${tail}`));
    if (this.closing || this.fatal !== undefined) return;
    if (!slot.ready) {
      // a process that dies before loading the runner would die again: stop instead of looping
      this.fail(new RunnerModuleError(`a worker process exited with ${how} before loading ${this.opts.runnerModule}${tail}`));
      return;
    }
    this.spawn(slot.index);
  }

  private fail(err: Error): void {
    this.fatal = err;
    for (const w of this.waiting.splice(0)) w.reject(err);
    for (const s of this.slots) {
      if (s?.busy !== undefined) {
        s.busy.reject(err);
        s.busy = undefined;
      }
      if (s?.child.connected === true) s.child.disconnect();
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot === undefined || !slot.ready || slot.busy !== undefined || !slot.child.connected) continue;
      const job = this.waiting.shift();
      if (job === undefined) return;
      slot.busy = job;
      const request: HostRunRequest = { type: 'run', ...job.task };
      slot.child.send(request);
      if (slot.child.pid !== undefined) this.opts.onStart?.(job.task.runId, { slot: slot.index, pid: slot.child.pid });
    }
  }
}
