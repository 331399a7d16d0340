import type { SeriesPoint } from './sweepMetric';

/** Where and how long a run ran: the only fields of results.json that differ between identical sweeps. */
export interface RunTiming {
  /** Wall-clock seconds of the run. */
  seconds: number;
  /** Which worker ran it, e.g. `local w2 (pid 1234)` or `host:pid` for a queue worker. */
  worker: string;
}

/** One run in results.json. */
export interface RunRecord {
  /** The run's id (`<cell slug>/seed-<seed>`). */
  id: string;
  /** The cell's name. */
  cell: string;
  seed: number;
  /** Its folder, relative to the sweep's output folder. */
  dir: string;
  /** `done` (its result.json is written), `failed` (run again by a resume) or `pending` (never ran). */
  status: 'done' | 'failed' | 'pending';
  /** The sweep metric, or null (failed, or the metric is missing or its target never reached). */
  value: number | null;
  /** The run's per-epoch series. */
  series: SeriesPoint[];
  /** The run's scalar results. */
  metrics: Record<string, number | null>;
  /** Why it failed. */
  error?: string;
  /** Where and how long it ran (absent unless done). */
  timing?: RunTiming;
}
