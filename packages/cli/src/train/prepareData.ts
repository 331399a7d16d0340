import type * as tf from '@tensorflow/tfjs-core';
import type { DataSource, TensorData } from '@onecycle/learner';
import { seededPermutation } from '@onecycle/core-schedules';
import { MalformedDatasetError, datasetToTensors, loadDataset, splitDataset, takeSamples } from '@onecycle/datasets';
import type { ImageDataset } from '@onecycle/datasets';
import { augmentedBatches } from './augmentedBatches';
import { ConfigError } from '../errors';
import type { TrainConfig } from './trainConfig';

/** Training and validation data of a run, ready for the Learner. */
export interface TrainData {
  /** Training batches (tensors reshuffled each epoch, or augmented batches). */
  train: DataSource;
  /** Validation tensors. */
  valid: TensorData;
  /** Shape of one sample as the model sees it. */
  inputShape: number[];
  numClasses: number;
  /** Training samples. */
  trainCount: number;
  /** Validation samples. */
  validCount: number;
  /** Frees the tensors. */
  dispose(): void;
}

/** What {@link prepareData} needs from a config, plus where the data is and how the model wants it. */
export interface PrepareDataOptions {
  /** Which data, validation, subset, batch size, augmentation and seeds. */
  config: Pick<TrainConfig, 'dataset' | 'validation' | 'trainSubset' | 'batchSize' | 'augment' | 'seed' | 'dataSeed'>;
  /** Folder of the data files (already resolved). */
  dataDir?: string;
  /** `'flat'` for MLPs, `'image'` for convnets. */
  layout: 'flat' | 'image';
  /** The dataset itself, when the caller has it already (skips loading). */
  loaded?: ImageDataset;
}

/**
 * Loads a config's dataset and makes the training and validation data: the test split or a seeded
 * held-out fraction for validation, a seeded `trainSubset` (both seeded by `dataSeed ?? seed`),
 * and augmented batches when asked (seeded by `seed`).
 *
 * @param opts - the config fields, data folder and input layout
 * @returns the data (the caller calls `dispose()`)
 * @throws DatasetError for missing or malformed files; ConfigError when `trainSubset` exceeds the training set
 */
export async function prepareData(opts: PrepareDataOptions): Promise<TrainData> {
  const { config } = opts;
  const dataSeed = config.dataSeed ?? config.seed;
  const where = opts.dataDir === undefined ? {} : { dataDir: opts.dataDir };
  const full = opts.loaded ?? (await loadDataset(config.dataset, { ...where, split: 'train' }));
  let train: ImageDataset;
  let valid: ImageDataset;
  if (config.validation === 'test') {
    train = full;
    valid = await loadDataset(config.dataset, { ...where, split: 'test' });
    // Checked before training: a model built for the training images would fail on the first
    // validation batch with a bare tfjs shape error, after a whole epoch of training.
    const shape = (d: ImageDataset): string => `${d.rows}x${d.cols}x${d.channels}`;
    if (shape(valid) !== shape(train) || valid.numClasses !== train.numClasses) {
      throw new MalformedDatasetError(
        opts.dataDir ?? config.dataset,
        `the ${config.dataset} test files hold ${shape(valid)} images of ${valid.numClasses} classes but the training files hold ${shape(train)} images of ${train.numClasses}: the two splits do not belong together (replace the test files, or use validation: { fraction })`,
      );
    }
  } else {
    ({ train, valid } = splitDataset(full, { validFraction: config.validation.fraction, seed: dataSeed }));
  }
  if (config.trainSubset !== undefined) {
    if (config.trainSubset > train.count) {
      throw new ConfigError(`trainSubset is ${config.trainSubset} but the training set has only ${train.count} samples`);
    }
    train = takeSamples(train, seededPermutation(train.count, dataSeed + 1).subarray(0, config.trainSubset));
  }
  const inputShape = opts.layout === 'image' ? [train.rows, train.cols, train.channels] : [train.rows * train.cols * train.channels];
  const owned: tf.Tensor[] = [];
  const v = datasetToTensors(valid, { layout: opts.layout });
  owned.push(v.x, v.y);
  const aug = config.augment;
  let trainSource: DataSource;
  if (aug !== undefined && ((aug.padCrop ?? 0) > 0 || aug.flip === true)) {
    trainSource = augmentedBatches(train, { batchSize: config.batchSize, layout: opts.layout, seed: config.seed, ...aug });
  } else {
    const t = datasetToTensors(train, { layout: opts.layout });
    owned.push(t.x, t.y);
    trainSource = { x: t.x, y: t.y, batchSize: config.batchSize };
  }
  return {
    train: trainSource,
    valid: { x: v.x, y: v.y, batchSize: 500 },
    inputShape,
    numClasses: train.numClasses,
    trainCount: train.count,
    validCount: valid.count,
    dispose: () => {
      for (const t of owned) t.dispose();
    },
  };
}
