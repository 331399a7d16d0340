// The runner module `onecycle sweep` and `onecycle worker` load in each worker process: one sweep
// run is one `onecycle train` run of the run's config, written into the run's folder.
import path from 'node:path';
import type { Callback } from '@onecycle/callbacks';
import type { JsonObject, RunnerContext, RunnerResult } from '@onecycle/sweep';
import type { CommandContext, TextSink } from '../cli/cliCommand';
import { parseBackend, withBackend } from '../commands/withBackend';
import { runTraining } from '../train/runTraining';
import { parseTrainConfig } from '../train/trainConfig';

const silent: TextSink = { write: () => true };

/**
 * Checks a sweep run's config as `onecycle train` would, before any run starts.
 * @param config - the run config
 * @throws ConfigError naming the field
 */
export function validate(config: JsonObject): void {
  parseTrainConfig(config);
}

/** The data folder of a run: the worker's or sweep's `dataDir` option, else the config's, relative to the sweep file. */
function dataDirOf(config: JsonObject, options: JsonObject): string | undefined {
  if (typeof options['dataDir'] === 'string') return options['dataDir'];
  const own = config['dataDir'];
  if (typeof own !== 'string') return undefined;
  return typeof options['configDir'] === 'string' ? path.resolve(options['configDir'], own) : path.resolve(own);
}

/**
 * Runs one sweep run as `onecycle train`: trains the config on the backend named by the
 * `backend` option (default auto), writes config.json, recorder.json, history.json and the charts
 * into `runDir`, reports each epoch as progress, and returns the per-epoch series (train loss,
 * validation loss, accuracy — without timings, so identical runs give identical series).
 * @param config - the run config (an `onecycle train` config)
 * @param context - the runner options (`backend`, `dataDir`, `configDir`) and the progress report
 * @returns the series and final results
 */
export async function run(config: JsonObject, runDir: string, context: RunnerContext): Promise<RunnerResult> {
  const parsed = parseTrainConfig(config);
  const backendOption = context.options['backend'];
  const backend = parseBackend(typeof backendOption === 'string' ? backendOption : undefined);
  const ctx: CommandContext = { io: { stdout: silent, stderr: silent, cwd: process.cwd() }, resolvePath: (p) => path.resolve(p) };
  const progress: Callback = {
    name: 'sweepProgress',
    onEpochEnd: (state) => context.progress({ fraction: (state.epoch + 1) / parsed.epochs, note: `epoch ${state.epoch + 1}/${parsed.epochs}` }),
  };
  const dataDir = dataDirOf(config, context.options);
  const outcome = await withBackend(backend, ctx, (info) =>
    runTraining(parsed, { outDir: runDir, stdout: silent, backend: info.backend, progress: false, callbacks: [progress], ...(dataDir === undefined ? {} : { dataDir }) }));
  const h = outcome.history;
  return {
    series: h.epochs.map((e) => ({ epoch: e.epoch, trainLoss: e.trainLoss, validLoss: e.validLoss ?? null, accuracy: e.accuracy ?? null })),
    metrics: { finalValidLoss: h.finalValidLoss ?? null, finalValidAccuracy: h.finalValidAccuracy ?? null, trainSamples: h.trainSamples, validSamples: h.validSamples },
  };
}
