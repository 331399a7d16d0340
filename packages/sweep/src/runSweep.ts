import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@onecycle/atomic-write';
import { RunConfigError, SweepOutputError } from './errors';
import { expandSweep } from './expandSweep';
import type { PlannedRun, SweepPlan } from './expandSweep';
import type { JsonObject } from './jsonValue';
import { readRunResult, writeRunResult } from './storedRunResult';
import type { RunProgress } from './sweepRunner';
import type { RunRecord } from './runRecord';
import type { SweepConfig } from './sweepConfig';
import type { SweepExecutor } from './sweepExecutor';
import { metricValue } from './sweepMetric';
import type { SweepMetric } from './sweepMetric';
import { summarizeSweep } from './summarizeSweep';
import type { SweepSummary } from './summarizeSweep';
import { summaryMarkdown } from './summaryMarkdown';
import { writeSweepReport } from './writeSweepReport';

/** The file in a sweep's output folder that records its plan; a resume must find the same one. */
export const PLAN_FILE = 'plan.json';

/** What happens during a sweep, for a progress display. */
export type SweepEvent =
  | { type: 'plan'; total: number; complete: number; pending: number; executor: string }
  | { type: 'start'; runId: string; worker: string }
  | { type: 'progress'; runId: string; progress: RunProgress }
  | { type: 'finish'; runId: string; status: 'done' | 'failed'; error?: string; seconds?: number };

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /** The validated sweep config. */
  sweep: SweepConfig;
  /** Output folder (created). */
  outDir: string;
  /** Where the runs execute. */
  executor: SweepExecutor;
  /** Continue a sweep in `outDir`: runs with a result.json are kept, the others run (again). @default false */
  resume?: boolean;
  /** Checks each run config before any run starts (throws with a message naming the field). */
  validate?: (config: JsonObject) => void;
  /** Progress events. */
  onEvent?: (e: SweepEvent) => void;
  /** Heading of summary.md and report.html. @default the sweep's description, else 'Sweep' */
  title?: string;
}

/** What results.json holds. */
export interface SweepResults {
  /** Format version. */
  version: 1;
  /** The sweep's description. */
  description?: string;
  /** The plan's hash. */
  plan: string;
  /** The metric compared. */
  metric: SweepMetric;
  /** The baseline cell. */
  baseline: string;
  /** The summary per cell. */
  summary: SweepSummary;
  /** Every run, in plan order. */
  runs: RunRecord[];
}

/** What {@link runSweep} returns. */
export interface SweepOutcome {
  /** What results.json holds. */
  results: SweepResults;
  /** Runs that failed this time (a resume runs them again). */
  failed: number;
  /** Runs that ran this time (not kept from before). */
  ran: number;
  /** Paths of the sweep-level files written. */
  files: string[];
}

interface StoredPlan {
  version: 1;
  hash: string;
  runs: Array<{ id: string; dir: string }>;
}

async function preparePlan(plan: SweepPlan, sweep: SweepConfig, outDir: string, resume: boolean): Promise<void> {
  const planFile = path.join(outDir, PLAN_FILE);
  const text = await readFile(planFile, 'utf8').catch(() => undefined);
  if (text !== undefined) {
    if (!resume) throw new SweepOutputError(`${outDir} holds a sweep already (${PLAN_FILE}): pass resume (--resume) to continue it, or choose another output folder`);
    let old: Partial<StoredPlan> = {};
    try {
      old = JSON.parse(text);
    } catch {
      // unreadable: treated as a different plan below
    }
    if (old.hash !== plan.hash) {
      throw new SweepOutputError(`${outDir} holds a different sweep (plan ${String(old.hash)}, this config gives ${plan.hash}): a resume must use the same sweep config; choose another output folder for a new sweep`);
    }
    return;
  }
  await mkdir(outDir, { recursive: true });
  await writeJsonAtomic(path.join(outDir, 'sweep.json'), sweep);
  const stored: StoredPlan = { version: 1, hash: plan.hash, runs: plan.runs.map((r) => ({ id: r.id, dir: r.dir })) };
  await writeJsonAtomic(planFile, stored);
}

function record(run: PlannedRun, metric: SweepMetric, fields: Partial<RunRecord>): RunRecord {
  const series = fields.series ?? [];
  return {
    id: run.id, cell: run.cell, seed: run.seed, dir: run.dir, status: fields.status ?? 'pending',
    value: fields.status === 'done' ? metricValue(series, metric) : null, series, metrics: fields.metrics ?? {},
    ...(fields.error === undefined ? {} : { error: fields.error }),
    ...(fields.timing === undefined ? {} : { timing: fields.timing }),
  };
}

/**
 * Runs a sweep: expands the config into runs ({@link expandSweep}), checks every run config,
 * keeps the runs a previous attempt completed (with `resume`), runs the rest on the executor —
 * a run is complete only once its result.json is written, after the runner's own files — and
 * writes `results.json` (every run), `summary.md` (mean ± std per cell, paired differences from
 * the baseline), `sweep.svg`/`sweep.png` and an offline `report.html`. A failed run does not stop
 * the others; it is counted in `failed` and run again by the next resume.
 * @param opts - the sweep, output folder, executor, resume, validation and progress callback
 * @returns the results and the number of failed runs
 * @throws SweepOutputError when the folder holds another sweep (or any sweep, without resume); RunConfigError when a run config is invalid
 * @example
 * ```ts
 * const executor = localExecutor({ runnerModule: '/abs/runner.mjs', workers: 2 });
 * try {
 *   const { failed } = await runSweep({ sweep: parseSweepConfig(json), outDir: 'out/sweep', executor });
 * } finally {
 *   await executor.close();
 * }
 * ```
 */
export async function runSweep(opts: RunSweepOptions): Promise<SweepOutcome> {
  const { sweep, outDir, executor } = opts;
  const plan = expandSweep(sweep);
  if (opts.validate !== undefined) {
    for (const run of plan.runs) {
      try {
        opts.validate(run.config);
      } catch (err) {
        throw new RunConfigError(run.id, err instanceof Error ? err.message : String(err), { cause: err });
      }
    }
  }
  await preparePlan(plan, sweep, outDir, opts.resume === true);
  const emit = opts.onEvent ?? (() => undefined);
  const records = new Map<string, RunRecord>();
  const pending: PlannedRun[] = [];
  for (const run of plan.runs) {
    const stored = await readRunResult(path.join(outDir, run.dir), run.id);
    if (stored === undefined) pending.push(run);
    else records.set(run.id, record(run, sweep.metric, { ...stored, status: 'done' }));
  }
  emit({ type: 'plan', total: plan.runs.length, complete: records.size, pending: pending.length, executor: executor.label });
  let failed = 0;
  await Promise.all(pending.map(async (run) => {
    const runDir = path.join(outDir, run.dir);
    await rm(runDir, { recursive: true, force: true }); // what a crashed attempt left
    await mkdir(runDir, { recursive: true });
    try {
      const outcome = await executor.run(run, runDir, {
        started: (worker) => emit({ type: 'start', runId: run.id, worker }),
        progress: (progress) => emit({ type: 'progress', runId: run.id, progress }),
      });
      for (const f of outcome.files ?? []) await writeFileAtomic(path.join(runDir, ...f.name.split('/')), f.data);
      const seconds = Math.round(outcome.seconds * 1000) / 1000;
      const stored = await writeRunResult(runDir, run.id, outcome.result, { seconds, worker: outcome.worker });
      records.set(run.id, record(run, sweep.metric, { ...stored, status: 'done' }));
      emit({ type: 'finish', runId: run.id, status: 'done', seconds });
    } catch (err) {
      failed++;
      const error = err instanceof Error ? err.message : String(err);
      records.set(run.id, record(run, sweep.metric, { status: 'failed', error }));
      emit({ type: 'finish', runId: run.id, status: 'failed', error });
    }
  }));
  const runs = plan.runs.map((r) => records.get(r.id) ?? record(r, sweep.metric, {}));
  const summary = summarizeSweep(plan.cells, runs, sweep.metric, plan.baseline);
  const results: SweepResults = {
    version: 1, ...(sweep.description === undefined ? {} : { description: sweep.description }),
    plan: plan.hash, metric: sweep.metric, baseline: plan.baseline, summary, runs,
  };
  const title = opts.title ?? sweep.description ?? 'Sweep';
  const resultsFile = path.join(outDir, 'results.json');
  const summaryFile = path.join(outDir, 'summary.md');
  await writeJsonAtomic(resultsFile, results);
  await writeFileAtomic(summaryFile, summaryMarkdown(summary, title));
  const files = [resultsFile, summaryFile, ...(await writeSweepReport(summary, outDir, title))];
  return { results, failed, ran: pending.length, files };
}
