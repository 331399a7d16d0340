import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '@onecycle/atomic-write';
import type { RunnerResult } from './sweepRunner';
import type { RunTiming } from './runRecord';
import type { SeriesPoint } from './sweepMetric';

/** The file that marks a run complete; written last, atomically, after every other file of the run. */
export const RUN_RESULT_FILE = 'result.json';

/** What a run's result.json holds. */
export interface StoredRunResult {
  /** Format version. */
  version: 1;
  /** The run's id. */
  id: string;
  /** Always `done`: the file exists only for a complete run. */
  status: 'done';
  /** The runner's series. */
  series: SeriesPoint[];
  /** The runner's scalars. */
  metrics: Record<string, number | null>;
  /** Where and how long it ran. */
  timing: RunTiming;
}

function isStored(v: unknown, id: string): v is StoredRunResult {
  return typeof v === 'object' && v !== null && 'status' in v && v.status === 'done' && 'id' in v && v.id === id && 'series' in v && Array.isArray(v.series);
}

/**
 * Reads a run's result.json if the run is complete. A run whose process died before the file was
 * renamed into place has none (or an older sweep's), and is run again.
 * @param runDir - the run's folder (absolute)
 * @param id - the run's id, which the file must name
 * @returns the stored result, or undefined when the run is not complete
 */
export async function readRunResult(runDir: string, id: string): Promise<StoredRunResult | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(runDir, RUN_RESULT_FILE), 'utf8'));
    return isStored(parsed, id) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Marks a run complete by writing its result.json (atomically): only after the runner returned,
 * i.e. after its own files (for `onecycle train`, history.json last of its JSON files) are in place.
 * @param id - the run's id
 * @param result - what the runner returned
 * @param timing - where and how long it ran
 * @returns what was written
 */
export async function writeRunResult(runDir: string, id: string, result: RunnerResult, timing: RunTiming): Promise<StoredRunResult> {
  const stored: StoredRunResult = { version: 1, id, status: 'done', series: result.series, metrics: result.metrics ?? {}, timing };
  await writeJsonAtomic(path.join(runDir, RUN_RESULT_FILE), stored);
  return stored;
}
