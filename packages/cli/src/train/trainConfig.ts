import { DATASET_NAMES } from '@onecycle/datasets';
import type { DatasetName } from '@onecycle/datasets';
import { ZooError, parseModelSpec } from '@onecycle/zoo';
import type { ModelSpec } from '@onecycle/zoo';
import { ConfigError } from '../errors';
import { bool, num, oneOf, posInt, record } from './jsonRecord';
import { fitEpochs, parseTrainSchedule, sgdrEpochs } from './trainSchedule';
import type { TrainSchedule } from './trainSchedule';

/** The optimizer of a `train` run. */
export interface TrainOptimizer {
  /** `'sgdw'` (SGD with momentum, decoupled weight decay) or `'adamw'`. @default 'sgdw' */
  name: 'sgdw' | 'adamw';
  /** Momentum (Adam's beta1) when the schedule does not set one. @default 0.9 */
  momentum?: number;
  /** Decoupled weight decay when the schedule does not set one (Loshchilov & Hutter). @default 0 */
  weightDecay?: number;
}

/** A validated `onecycle train` config. */
export interface TrainConfig {
  /** Free text: what the run is. */
  description?: string;
  /** Which data: `mnist-digits` (the `mnist` package), `fashion-mnist`, `mnist` (IDX folder), `cifar10` (binary folder). */
  dataset: DatasetName;
  /** Folder of the data files, relative to the config file. `--data-dir` overrides it. */
  dataDir?: string;
  /** Train on this many samples (a seeded subset of the training set). @default all */
  trainSubset?: number;
  /** Validate on the test split, or on a seeded fraction held out from the training set. @default 'test' ({ fraction: 0.2 } for mnist-digits, which has no test split) */
  validation: 'test' | { fraction: number };
  /** The model of the zoo. */
  model: ModelSpec;
  /** Samples per batch. */
  batchSize: number;
  /** Epochs; for `schedule.fit` it follows from nCycle/cycleLen/cycleMult and may be left out. */
  epochs: number;
  /** @default { name: 'sgdw' } */
  optimizer: TrainOptimizer;
  schedule: TrainSchedule;
  /** Training-time augmentation of image data: random crops from a zero-padded image, horizontal flips. */
  augment?: { padCrop?: number; flip?: boolean };
  /** Seed of the split, subset, weights, shuffles and augmentation. `--seed` overrides it. @default 0 */
  seed: number;
  /**
   * Seed of the data only (the validation split and `trainSubset`), so runs with different `seed`s
   * train and validate on the same samples and differ only in weights and batch order. @default seed
   */
  dataSeed?: number;
}

const KEYS = ['description', 'dataset', 'dataDir', 'trainSubset', 'validation', 'model', 'batchSize', 'epochs', 'optimizer', 'schedule', 'augment', 'seed', 'dataSeed'];
const EXAMPLE = '{ "dataset": "fashion-mnist", "model": { "name": "mlp" }, "batchSize": 128, "epochs": 5, "schedule": { "fitOneCycle": { "lrMax": 0.1 } } }';

function validation(v: unknown, dataset: DatasetName): TrainConfig['validation'] {
  if (v === undefined) return dataset === 'mnist-digits' ? { fraction: 0.2 } : 'test';
  if (v === 'test') {
    if (dataset === 'mnist-digits') throw new ConfigError("validation 'test' is not available for mnist-digits (one set of 10,000 digits): use { \"fraction\": 0.2 }");
    return v;
  }
  const r = record(v, 'validation', ['fraction'], "'test' or { \"fraction\": 0.2 }");
  return { fraction: num(r.fraction, 'validation.fraction', (n) => n > 0 && n < 1, 'a number in (0, 1)') };
}

function optimizer(v: unknown): TrainOptimizer {
  if (v === undefined) return { name: 'sgdw' };
  const r = record(v, 'optimizer', ['name', 'momentum', 'weightDecay'], '{ "name": "sgdw", "momentum": 0.9, "weightDecay": 1e-4 }');
  const out: TrainOptimizer = { name: oneOf(r.name, 'optimizer.name', ['sgdw', 'adamw'] as const) };
  if (r.momentum !== undefined) out.momentum = num(r.momentum, 'optimizer.momentum', (n) => n >= 0 && n < 1, 'a number in [0, 1)');
  if (r.weightDecay !== undefined) out.weightDecay = num(r.weightDecay, 'optimizer.weightDecay', (n) => n >= 0, 'a number >= 0');
  return out;
}

function augment(v: unknown): NonNullable<TrainConfig['augment']> {
  const r = record(v, 'augment', ['padCrop', 'flip'], '{ "padCrop": 4, "flip": true }');
  const out: NonNullable<TrainConfig['augment']> = {};
  if (r.padCrop !== undefined) out.padCrop = num(r.padCrop, 'augment.padCrop', (n) => Number.isSafeInteger(n) && n >= 0, 'a whole number of pixels >= 0');
  if (r.flip !== undefined) out.flip = bool(r.flip, 'augment.flip');
  return out;
}

/**
 * Validates a `train` config read from JSON (run.json) and fills in defaults. Unknown fields are
 * rejected so a typo cannot be silently ignored.
 *
 * @param json - the parsed file
 * @throws ConfigError whose message starts with the field path (`schedule.fit.lr`, `model.depth`)
 * @example
 * ```ts
 * const config = parseTrainConfig(JSON.parse(readFileSync('run.json', 'utf8')));
 * ```
 */
export function parseTrainConfig(json: unknown): TrainConfig {
  const r = record(json, '', KEYS, EXAMPLE);
  const dataset = oneOf(r.dataset, 'dataset', DATASET_NAMES);
  let model: ModelSpec;
  try {
    model = parseModelSpec(r.model, 'model');
  } catch (err) {
    if (err instanceof ZooError) throw new ConfigError(err.message, { cause: err });
    throw err;
  }
  const schedule = parseTrainSchedule(r.schedule);
  let epochs: number;
  if (schedule.kind === 'fit') {
    const planned = fitEpochs(schedule);
    if (!Number.isInteger(planned)) throw new ConfigError(`schedule.fit gives ${planned} epochs (cycleLen * cycleMult^i summed over nCycle): it must be a whole number`);
    if (r.epochs !== undefined && r.epochs !== planned) {
      throw new ConfigError(`epochs is ${JSON.stringify(r.epochs)} but schedule.fit runs ${planned} epochs (nCycle, cycleLen, cycleMult): leave epochs out or make them agree`);
    }
    epochs = planned;
  } else if (schedule.kind === 'fitSgdr') {
    const planned = sgdrEpochs(schedule);
    if (r.epochs !== undefined && r.epochs !== planned) {
      throw new ConfigError(`epochs is ${JSON.stringify(r.epochs)} but schedule.fitSgdr runs ${planned} epochs (nCycles, cycleLen, cycleMult): leave epochs out or make them agree`);
    }
    epochs = planned;
  } else {
    epochs = posInt(r.epochs, 'epochs');
  }
  const config: TrainConfig = {
    dataset,
    validation: validation(r.validation, dataset),
    model,
    batchSize: posInt(r.batchSize, 'batchSize'),
    epochs,
    optimizer: optimizer(r.optimizer),
    schedule,
    seed: r.seed === undefined ? 0 : num(r.seed, 'seed', (n) => Number.isSafeInteger(n) && n >= 0, 'a whole number >= 0'),
  };
  if (r.description !== undefined) {
    if (typeof r.description !== 'string') throw new ConfigError(`description must be text, got ${JSON.stringify(r.description)}`);
    config.description = r.description;
  }
  if (r.dataDir !== undefined) {
    if (typeof r.dataDir !== 'string' || r.dataDir === '') throw new ConfigError(`dataDir must be a folder path, got ${JSON.stringify(r.dataDir)}`);
    config.dataDir = r.dataDir;
  }
  if (r.trainSubset !== undefined) config.trainSubset = posInt(r.trainSubset, 'trainSubset');
  if (r.augment !== undefined) config.augment = augment(r.augment);
  if (r.dataSeed !== undefined) config.dataSeed = num(r.dataSeed, 'dataSeed', (n) => Number.isSafeInteger(n) && n >= 0, 'a whole number >= 0');
  return config;
}
