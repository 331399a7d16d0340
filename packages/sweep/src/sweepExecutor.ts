import type { PlannedRun } from './expandSweep';
import type { RunProgress, RunnerResult } from './sweepRunner';

/** A file of a run's folder, carried back from a worker on another machine. */
export interface RunFile {
  /** Path inside the run's folder (`/`-separated). */
  name: string;
  /** Its bytes. */
  data: Uint8Array;
}

/** How a run ended on an executor. */
export interface RunOutcome {
  /** What the runner returned. */
  result: RunnerResult;
  /** Which worker ran it. */
  worker: string;
  /** Seconds the run took on the worker. */
  seconds: number;
  /** The run folder's files, when they were written elsewhere and must be put in place here. */
  files?: RunFile[];
}

/** What an executor reports while a run goes on. */
export interface RunEvents {
  /** A worker took the run. */
  started(worker: string): void;
  /** The runner reported progress. */
  progress(p: RunProgress): void;
}

/**
 * Where a sweep's runs execute: worker processes on this machine ({@link localExecutor}) or a
 * BullMQ queue served by `worker` processes anywhere ({@link queueExecutor}). `runSweep` calls
 * `run` for every pending run at once; the executor decides how many go at a time.
 */
export interface SweepExecutor {
  /** What it is, for the progress line (e.g. `2 local workers`). */
  readonly label: string;
  /**
   * Runs one run.
   * @param runDir - its folder on this machine (absolute, empty)
   * @param events - start and progress reports
   * @throws RunFailedError when the run failed
   */
  run(run: PlannedRun, runDir: string, events: RunEvents): Promise<RunOutcome>;
  /** Frees the executor's processes or connections. */
  close(): Promise<void>;
}
