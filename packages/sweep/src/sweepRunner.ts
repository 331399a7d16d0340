import { pathToFileURL } from 'node:url';
import { RunnerModuleError } from './errors';
import type { JsonObject } from './jsonValue';
import type { SeriesPoint } from './sweepMetric';

/** How far a run is, as a runner reports it (e.g. after each epoch). */
export interface RunProgress {
  /** Done fraction in [0, 1]. */
  fraction: number;
  /** A short note, e.g. `epoch 3/10`. */
  note?: string;
}

/** What a runner gets besides the config and its folder. */
export interface RunnerContext {
  /** The run's id in the sweep. */
  runId: string;
  /** Options the sweep (or the worker) passes to every run, e.g. `{ backend: 'cpu', dataDir: … }`. */
  options: JsonObject;
  /** Reports progress; the sweep shows it per worker. */
  progress(p: RunProgress): void;
}

/** What one run returns: its per-epoch series (the metric is read from it) and any scalar results. */
export interface RunnerResult {
  /** One point per epoch, e.g. `{ epoch: 1, trainLoss: 0.6, validLoss: 0.5, accuracy: 0.82 }`. */
  series: SeriesPoint[];
  /** Scalars of the whole run, e.g. `{ finalValidLoss: 0.31 }`. @default {} */
  metrics?: Record<string, number | null>;
}

/**
 * Runs one config and writes its files into `runDir`. Every file the run needs to keep belongs in
 * `runDir`: in queue mode the worker sends the folder's files back to the sweep.
 */
export type SweepRunner = (config: JsonObject, runDir: string, context: RunnerContext) => Promise<RunnerResult>;

/**
 * A runner module: an ES module (or CommonJS) exporting `run`, and optionally `validate`, which
 * the sweep calls on every run config before the first run starts, so a bad grid value fails at
 * once rather than an hour in.
 */
export interface RunnerModule {
  /** Runs one config. */
  run: SweepRunner;
  /** Throws when a config is invalid (the message names the field). */
  validate?: (config: JsonObject) => void;
}

function isRunnerModule(m: unknown): m is RunnerModule {
  if (typeof m !== 'object' || m === null || !('run' in m) || typeof m.run !== 'function') return false;
  return !('validate' in m) || m.validate === undefined || typeof m.validate === 'function';
}

/**
 * Loads a runner module by path (an absolute path, a `file:` URL or a package specifier).
 * @param specifier - where the module is
 * @returns its `run` (and `validate`)
 * @throws RunnerModuleError when it does not load or exports no function `run`
 */
export async function loadRunnerModule(specifier: string): Promise<RunnerModule> {
  const url = specifier.startsWith('/') || /^[A-Za-z]:[\\/]/.test(specifier) ? pathToFileURL(specifier).href : specifier;
  let mod: unknown;
  try {
    mod = await import(url);
  } catch (err) {
    throw new RunnerModuleError(`runner module ${specifier} does not load: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (!isRunnerModule(mod)) throw new RunnerModuleError(`runner module ${specifier} must export a function run(config, runDir, context) (and optionally validate(config))`);
  return mod;
}
