import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ProgressBar } from '@onecycle/callbacks';
import type { Callback } from '@onecycle/callbacks';
import { createSchedule } from '@onecycle/core-schedules';
import { adamw, sgdw } from '@onecycle/optim';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import { Learner } from '@onecycle/learner';
import type { RecorderJSON } from '@onecycle/core-schedules';
import type { FitResult, OptimizerFactory } from '@onecycle/learner';
import { buildModel, modelInputLayout } from '@onecycle/zoo';
import type { TextSink } from '../cli/cliCommand';
import { ConfigError } from '../errors';
import { prepareData } from './prepareData';
import type { TrainData } from './prepareData';
import { progressStream } from './progressStream';
import type { TrainConfig, TrainOptimizer } from './trainConfig';
import { writeCharts } from './writeCharts';
import { writeJsonAtomic } from '@onecycle/atomic-write';

/** One row of `history.json`. */
export interface HistoryEpoch {
  /** 1-based epoch number. */
  epoch: number;
  /** Smoothed training loss at the end of the epoch; null when no batch of the run reported a loss. */
  trainLoss: number | null;
  validLoss: number | undefined;
  /** Validation accuracy in [0, 1]. */
  accuracy: number | undefined;
  /** Wall-clock seconds of the epoch (training and validation). */
  seconds: number;
}

/** What `history.json` holds. */
export interface TrainHistory {
  /** Format version. */
  version: 1;
  /** The config's dataset name. */
  dataset: string;
  /** The model spec. */
  model: TrainConfig['model'];
  /** The tfjs backend that trained. */
  backend: string;
  /** Training samples (after `trainSubset`). */
  trainSamples: number;
  /** Validation samples. */
  validSamples: number;
  /** Samples per batch. */
  batchSize: number;
  /** Batches per training epoch. */
  batchesPerEpoch: number;
  /** The schedule the learner ran, every default filled in. */
  schedule: ScheduleSpec;
  /** One row per epoch. */
  epochs: HistoryEpoch[];
  /** Validation loss after the last epoch. */
  finalValidLoss: number | undefined;
  /** Validation accuracy after the last epoch. */
  finalValidAccuracy: number | undefined;
  /** Seconds of the whole fit. */
  seconds: number;
}

/** Options of {@link runTraining}. */
export interface RunTrainingOptions {
  /** Folder for config.json, recorder.json, history.json and the charts. */
  outDir: string;
  /** Where the progress bar and epoch table go. */
  stdout: TextSink;
  /** The active backend's name, recorded in history.json. */
  backend: string;
  /** Folder of the data files (resolved). */
  dataDir?: string;
  /** Show the progress bar and epoch table. @default true */
  progress?: boolean;
  /** More callbacks for the fit, e.g. a live dashboard's. @default none */
  callbacks?: Callback[];
}

/** What {@link runTraining} produced. */
export interface TrainOutcome {
  /** What history.json holds. */
  history: TrainHistory;
  /** What recorder.json holds. */
  recorder: RecorderJSON;
  /** Paths of the files written. */
  files: string[];
}

/**
 * The optimizer factory for a config: `sgdw` or `adamw` with the configured momentum (beta1) and
 * decoupled weight decay, one instance per layer group.
 *
 * @param o - the config's optimizer
 * @returns a factory for the Learner
 */
export function optimizerFactory(o: TrainOptimizer): OptimizerFactory {
  const momentum = o.momentum ?? 0.9;
  const weightDecay = o.weightDecay ?? 0;
  return o.name === 'adamw' ? () => adamw({ lr: 1e-3, beta1: momentum, weightDecay }) : () => sgdw({ lr: 1e-3, momentum, weightDecay });
}

async function fitWith(learner: Learner, config: TrainConfig): Promise<FitResult> {
  const s = config.schedule;
  switch (s.kind) {
    case 'fit':
      return learner.fit(s.lr, s.nCycle, s.options);
    case 'fitOneCycle':
      return learner.fitOneCycle(config.epochs, s.lrMax, s.options);
    case 'fitFlatCos':
      return learner.fitFlatCos(config.epochs, s.lr, s.options);
    case 'fitSgdr':
      return learner.fitSgdr(s.nCycles, s.cycleLen, s.lrMax, s.options);
    case 'spec': {
      const total = createSchedule(s.spec).totalSteps;
      const needed = config.epochs * (await learner.batchesPerEpoch());
      if (total !== undefined && total < needed) {
        throw new ConfigError(`schedule.totalSteps is ${total} but ${config.epochs} epochs of ${needed / config.epochs} batches need ${needed}: the schedule would end before training does (steps are batches)`);
      }
      return learner.fitSchedule(s.spec, config.epochs);
    }
  }
}

/**
 * Trains a zoo model as a `train` config says, with the `@onecycle/learner` Learner (categorical
 * cross-entropy, validation loss and accuracy every epoch), and writes `config.json` (as run), `recorder.json`,
 * `history.json` and the `schedule` (LR + momentum) and `loss` charts as SVG and PNG into `outDir`.
 *
 * @param config - a validated config
 * @param opts - output folder, output stream, backend name, data folder
 * @returns the history, the recorder's data and the files written
 * @throws ConfigError when the schedule is shorter than the training; DatasetError for data problems
 * @example
 * ```ts
 * const { history } = await runTraining(parseTrainConfig(json), { outDir: 'out', stdout: process.stdout, backend: 'cpu' });
 * ```
 */
export async function runTraining(config: TrainConfig, opts: RunTrainingOptions): Promise<TrainOutcome> {
  return withRunLearner(config, opts, async ({ learner, data }) => {
    const batchesPerEpoch = await learner.batchesPerEpoch();
    const started = performance.now();
    const result = await fitWith(learner, config);
    const seconds = (performance.now() - started) / 1000;
    const recorder = learner.recorder.toJSON();
    const history: TrainHistory = {
      version: 1, dataset: config.dataset, model: config.model, backend: opts.backend,
      trainSamples: data.trainCount, validSamples: data.validCount, batchSize: config.batchSize, batchesPerEpoch,
      schedule: result.spec,
      epochs: recorder.epochs.map((e) => ({
        epoch: e.epoch + 1, trainLoss: e.trainLoss, validLoss: e.validLoss, accuracy: e.metrics['accuracy'], seconds: e.seconds,
      })),
      finalValidLoss: result.validLoss, finalValidAccuracy: result.metrics['accuracy'], seconds,
    };
    await mkdir(opts.outDir, { recursive: true });
    const files: string[] = [];
    for (const [name, value] of [['config.json', config], ['recorder.json', recorder], ['history.json', history]] as const) {
      const file = path.join(opts.outDir, name);
      await writeJsonAtomic(file, value);
      files.push(file);
    }
    files.push(...(await writeCharts(opts.outDir, [['schedule', await learner.plotLr()], ['loss', await learner.plotLoss()]])));
    return { history, recorder, files };
  });
}

/** What {@link withRunLearner} hands to its callback. */
export interface RunLearner {
  /** The learner, with the config's model, data, optimizer and seed. */
  learner: Learner;
  /** The data it trains on. */
  data: TrainData;
}

/**
 * Builds what a `train` config describes — data, zoo model, Learner (categorical cross-entropy,
 * accuracy, the config's optimizer and seed, a progress bar unless `progress` is false) — runs
 * `fn` with it and frees everything afterwards, also when `fn` throws.
 *
 * @param config - a validated config
 * @param opts - output stream, data folder, progress
 * @param fn - what to do with the learner
 * @returns what `fn` returns
 */
export async function withRunLearner<T>(config: TrainConfig, opts: Pick<RunTrainingOptions, 'stdout' | 'dataDir' | 'progress' | 'callbacks'>, fn: (run: RunLearner) => Promise<T>): Promise<T> {
  const layout = modelInputLayout(config.model);
  const data = await prepareData({ config, layout, ...(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir }) });
  const model = buildModel(config.model, { inputShape: data.inputShape, numClasses: data.numClasses, seed: config.seed });
  const callbacks: Callback[] = [...(opts.progress === false ? [] : [new ProgressBar({ stream: progressStream(opts.stdout) })]), ...(opts.callbacks ?? [])];
  const learner = new Learner({
    model, data: { train: data.train, valid: data.valid }, loss: 'categoricalCrossentropy', metrics: ['accuracy'],
    optimizer: optimizerFactory(config.optimizer), seed: config.seed, progress: false, callbacks,
  });
  try {
    return await fn({ learner, data });
  } finally {
    learner.dispose();
    model.dispose();
    data.dispose();
  }
}
