import type { JsonObject } from './jsonValue';
import type { RunEvents, SweepExecutor } from './sweepExecutor';
import { WorkerPool } from './workerPool';

/** Options of {@link localExecutor}. */
export interface LocalExecutorOptions {
  /** The runner module (absolute path or `file:` URL). */
  runnerModule: string;
  /** Worker processes. */
  workers: number;
  /** Options given to every run. @default {} */
  options?: JsonObject;
}

/**
 * Runs a sweep's runs in `workers` processes on this machine ({@link WorkerPool}), each process
 * writing its runs' folders directly.
 * @param opts - runner module, number of workers, runner options
 * @example
 * ```ts
 * await runSweep({ sweep, outDir: 'out/sweep', executor: localExecutor({ runnerModule: '/abs/runner.mjs', workers: 2 }) });
 * ```
 */
export function localExecutor(opts: LocalExecutorOptions): SweepExecutor {
  const listeners = new Map<string, RunEvents>();
  const pool = new WorkerPool({
    runnerModule: opts.runnerModule,
    size: opts.workers,
    onStart: (runId, w) => {
      listeners.get(runId)?.started(`local w${w.slot + 1} (pid ${w.pid})`);
    },
  });
  return {
    label: `${opts.workers} local worker${opts.workers === 1 ? '' : 's'}`,
    async run(run, runDir, events) {
      let worker = 'local';
      let started = performance.now();
      listeners.set(run.id, {
        started: (w) => {
          worker = w;
          started = performance.now(); // from when a worker took it, not from when it was queued
          events.started(w);
        },
        progress: events.progress,
      });
      try {
        const result = await pool.run({ runId: run.id, config: run.config, dir: runDir, options: opts.options ?? {} }, (p) => events.progress(p));
        return { result, worker, seconds: (performance.now() - started) / 1000 };
      } finally {
        listeners.delete(run.id);
      }
    },
    close: () => pool.close(),
  };
}
