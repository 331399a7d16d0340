import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '@onecycle/core-schedules';
import { LearnerOptionError } from './errors';
import type { SeededRng } from '@onecycle/core-schedules';

/** In-memory data: inputs and targets with the same first dimension, cut into batches of `batchSize`. */
export interface TensorData {
  /** Inputs, first axis = samples. */
  x: tf.Tensor;
  /** Targets, first axis = samples. */
  y: tf.Tensor;
  /** Samples per batch. @default 32 */
  batchSize?: number;
  /** Reshuffle every epoch with the learner's seeded RNG (training data only). @default true */
  shuffle?: boolean;
}

/** One batch from a dataset: tfjs's `{ xs, ys }` or a `[x, y]` pair. */
export type DatasetBatch = { xs: tf.Tensor; ys: tf.Tensor } | [tf.Tensor, tf.Tensor];

/** The part of `tf.data.Dataset` the learner uses (any object with an async `iterator()`); elements must be {@link DatasetBatch}es. */
export interface BatchDataset {
  iterator(): Promise<{ next(): Promise<IteratorResult<unknown>> }>;
}

/** A dataset of batches, with its length when known (otherwise it is counted by one pass). */
export interface DatasetData {
  /** A dataset of `{ xs, ys }` (or `[x, y]`) batches. */
  dataset: BatchDataset;
  /** Batches per epoch; counted once by iterating when absent. */
  batchesPerEpoch?: number;
}

/** Training or validation data: tensors plus a batch size, a `tf.data.Dataset` of batches, or `{ dataset, batchesPerEpoch }`. */
export type DataSource = TensorData | BatchDataset | DatasetData;

/** One batch handed to the training loop; the loop disposes it. */
export interface Batch {
  xs: tf.Tensor;
  ys: tf.Tensor;
}

/** Reads the batches of one epoch. */
export interface EpochCursor {
  /** @returns the next batch (owned by the caller), or null at the end of the epoch */
  next(): Promise<Batch | null>;
  /** Releases what the cursor holds. */
  close(): void;
}

/** A data source as the learner sees it. */
export interface BatchSource {
  /** Samples per batch when known. */
  readonly batchSize: number | undefined;
  batchesPerEpoch(): Promise<number>;
  /**
   * @param rng - shuffles the order (tensor data with shuffle on); the RNG advances
   * @returns a cursor over one epoch
   */
  open(rng: SeededRng | undefined): Promise<EpochCursor>;
}

function isTensorData(d: DataSource): d is TensorData {
  return 'x' in d && 'y' in d;
}

function isDatasetData(d: DataSource): d is DatasetData {
  return 'dataset' in d;
}

/**
 * Warns when a data tensor holds NaN or infinite values: the losses and metrics computed on it
 * would be NaN (an accuracy of 0) with nothing else saying why.
 */
function warnNonFinite(t: tf.Tensor, what: string): void {
  if (t.dtype !== 'float32') return;
  const bad = tf.tidy(() => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(t)), 'int32')).dataSync()[0] ?? 0);
  if (bad > 0) console.warn(`${what} holds ${bad} NaN or infinite value(s): losses and metrics computed on it will be NaN`);
}

/** Rows `[start, start + count)` of tensor data (a validation split reads part of `x` and `y` without copying them). */
export interface RowRange {
  start: number;
  count: number;
}

class TensorBatches implements BatchSource {
  readonly batchSize: number;
  private readonly n: number;
  private readonly offset: number;
  constructor(private readonly d: TensorData, private readonly shuffle: boolean, label: string, range?: RowRange) {
    const bs: unknown = d.batchSize ?? 32;
    if (typeof bs !== 'number' || !Number.isSafeInteger(bs) || bs < 1) throw new LearnerOptionError(`${label}.batchSize must be an integer >= 1, got ${describeValue(bs)}`);
    for (const key of ['x', 'y'] as const) {
      const t: unknown = d[key];
      if (!(t instanceof tf.Tensor)) throw new LearnerOptionError(`${label}.${key} must be a tf.Tensor, got ${describeValue(t)}${Array.isArray(t) ? `: wrap it, e.g. tf.tensor(${key})` : ''}`);
      if (t.rank < 1) throw new LearnerOptionError(`${label}.${key} must have a batch dimension (rank >= 1), got a scalar`);
    }
    const shuffleOpt: unknown = d.shuffle;
    if (shuffleOpt !== undefined && typeof shuffleOpt !== 'boolean') throw new LearnerOptionError(`${label}.shuffle must be true or false, got ${describeValue(shuffleOpt)}`);
    warnNonFinite(d.x, `${label}.x`);
    warnNonFinite(d.y, `${label}.y`);
    const rows = d.x.shape[0] ?? 0;
    if (rows < 1) throw new LearnerOptionError(`${label}.x has no samples (shape [${d.x.shape.join(', ')}])`);
    if (d.y.shape[0] !== rows) throw new LearnerOptionError(`${label}.x has ${rows} samples but ${label}.y has ${d.y.shape[0] ?? 0}: they must match`);
    this.batchSize = bs;
    this.offset = range?.start ?? 0;
    this.n = range?.count ?? rows;
  }
  batchesPerEpoch(): Promise<number> {
    return Promise.resolve(Math.ceil(this.n / this.batchSize));
  }
  open(rng: SeededRng | undefined): Promise<EpochCursor> {
    const { x, y } = this.d;
    const n = this.n;
    const bs = this.batchSize;
    const order = this.shuffle && rng !== undefined ? rng.permutation(n) : undefined;
    let start = 0;
    return Promise.resolve({
      next: (): Promise<Batch | null> => {
        if (start >= n) return Promise.resolve(null);
        const end = Math.min(n, start + bs);
        const from = start;
        start = end;
        const off = this.offset;
        const batch = tf.tidy(() => {
          if (order === undefined) {
            return { xs: tf.slice(x, off + from, end - from), ys: tf.slice(y, off + from, end - from) };
          }
          const rows = order.subarray(from, end);
          const idx = tf.tensor1d(off === 0 ? rows : Int32Array.from(rows, (i) => i + off), 'int32');
          return { xs: tf.gather(x, idx), ys: tf.gather(y, idx) };
        });
        return Promise.resolve(batch);
      },
      close: () => undefined,
    });
  }
}

function toBatch(v: unknown, label: string): Batch {
  if (Array.isArray(v)) {
    const [xs, ys]: unknown[] = v;
    if (xs instanceof tf.Tensor && ys instanceof tf.Tensor) return { xs, ys };
  } else if (typeof v === 'object' && v !== null && 'xs' in v && 'ys' in v && v.xs instanceof tf.Tensor && v.ys instanceof tf.Tensor) {
    return { xs: v.xs, ys: v.ys };
  }
  throw new LearnerOptionError(`${label} dataset elements must be { xs, ys } tensors or [x, y] pairs`);
}

class DatasetBatches implements BatchSource {
  readonly batchSize = undefined;
  private count: number | undefined;
  constructor(private readonly ds: BatchDataset, count: number | undefined, private readonly label: string) {
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
      throw new LearnerOptionError(`${label}.batchesPerEpoch must be an integer >= 1, got ${count}`);
    }
    this.count = count;
  }
  async batchesPerEpoch(): Promise<number> {
    if (this.count !== undefined) return this.count;
    const it = await this.ds.iterator();
    let n = 0;
    for (let r = await it.next(); r.done !== true; r = await it.next()) {
      const b = toBatch(r.value, this.label);
      b.xs.dispose();
      b.ys.dispose();
      n++;
    }
    if (n === 0) throw new LearnerOptionError(`${this.label} dataset is empty`);
    this.count = n;
    return n;
  }
  async open(): Promise<EpochCursor> {
    const it = await this.ds.iterator();
    return {
      next: async (): Promise<Batch | null> => {
        const r = await it.next();
        return r.done === true ? null : toBatch(r.value, this.label);
      },
      close: () => undefined,
    };
  }
}

/**
 * Keras's `validationSplit`: the last `split` fraction of the rows of tensor data (taken before any
 * shuffling, as Keras does) become the validation data, the rest the training data. Nothing is copied.
 *
 * @param d - the training data; must be tensors (`{ x, y }`)
 * @param split - the fraction, in (0, 1)
 * @returns the two batch sources
 * @throws LearnerOptionError for a dataset, a fraction out of range, or a split that leaves either side empty
 */
export function splitValidation(d: DataSource, split: number): { train: BatchSource; valid: BatchSource } {
  if (!(typeof split === 'number' && split > 0 && split < 1)) {
    throw new LearnerOptionError(`data.validationSplit must be a number in (0, 1), got ${String(split)}: it is the fraction of rows kept for validation`);
  }
  if (!isTensorData(d)) {
    throw new LearnerOptionError('data.validationSplit needs tensor data ({ x, y }) in data.train: for a dataset, give data.valid instead');
  }
  const rows = d.x.shape[0] ?? 0;
  const at = Math.floor(rows * (1 - split));
  if (at < 1 || at >= rows) {
    throw new LearnerOptionError(`data.validationSplit ${split} of ${rows} rows leaves ${at} for training and ${rows - at} for validation: both need at least one; use a split between ${(1 / rows).toPrecision(2)} and ${(1 - 1 / rows).toPrecision(2)}`);
  }
  return {
    train: new TensorBatches(d, d.shuffle !== false, 'data.train', { start: 0, count: at }),
    valid: new TensorBatches(d, false, 'data.train (validationSplit)', { start: at, count: rows - at }),
  };
}

/**
 * Wraps a data source for the training loop.
 *
 * @param d - tensors with a batch size, a dataset of batches, or `{ dataset, batchesPerEpoch }`
 * @param train - whether this is training data (tensor data is shuffled each epoch unless `shuffle: false`)
 * @param label - name used in error messages
 */
export function toBatchSource(d: DataSource, train: boolean, label: string): BatchSource {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) {
    throw new LearnerOptionError(`${label} must be { x, y, batchSize? }, a tf.data.Dataset of batches, or { dataset, batchesPerEpoch? }, got ${describeValue(d)}`);
  }
  if (isTensorData(d)) return new TensorBatches(d, train && d.shuffle !== false, label);
  if (isDatasetData(d)) return new DatasetBatches(d.dataset, d.batchesPerEpoch, label);
  if (typeof d.iterator === 'function') return new DatasetBatches(d, undefined, label);
  throw new LearnerOptionError(`${label} must be { x, y, batchSize? }, a tf.data.Dataset of batches, or { dataset, batchesPerEpoch? }`);
}
