import type { RecordedBatch } from '@onecycle/core-schedules';
// Structural types of the live charts. The hook arguments are the parts of callbacks' TrainState
// and CallbackContext that the live charts read, so a live-chart callback plugs into a
// CallbackBus, a Learner or a model.fit bridge without viz depending on @onecycle/callbacks.
import type { HyperLike } from './stepScheduleLike';

/** What a live chart reads from the training state a callback bus passes to its hooks. */
export interface LiveTrainState {
  /** 0-based epoch index. */
  readonly epoch: number;
  /** Global 0-based index of the current batch, across epochs. */
  readonly iteration: number;
  /** Total planned batches when known. */
  readonly numIterations: number | undefined;
  /** Training loss of the last batch. */
  readonly lastLoss: number | undefined;
  /** Debiased EMA (0.98) of the training loss, kept by the bus. */
  readonly smoothLoss: number | undefined;
  /** Validation loss of the last epoch. */
  readonly validLoss: number | undefined;
  /** Metrics of the last epoch. */
  readonly metrics: Readonly<Record<string, number>>;
  /** The hyper-parameters of the current batch. */
  readonly hyper: HyperLike;
}

/** What a live chart reads from the context a callback bus passes to its hooks. */
export interface LiveContext {
  /** The bus: its callbacks are searched for a `ParamScheduler`'s `schedule` (the plan). */
  readonly bus?: { list(): readonly object[] };
  /** Where the optimizer's hyper-parameters are read (the source the Recorder trusts). */
  readonly hyper?: { get(): HyperLike } | undefined;
}

/** A callback for a `CallbackBus` (and so for a Learner or `toTfjsCallback`) that feeds live charts. */
export interface LiveCallback {
  /** Unique name on a bus. */
  readonly name: string;
  /** Runs after schedulers and the Recorder, so it sees what they set. @default 60 */
  readonly order: number;
  /** Starts a new run: resets the charts and draws the planned schedule. */
  onTrainBegin(state: LiveTrainState, ctx: LiveContext): void | Promise<void>;
  /** Reads the hyper-parameters this batch uses. */
  onBatchBegin(state: LiveTrainState, ctx: LiveContext): void;
  /** Adds the batch's point. */
  onBatchEnd(state: LiveTrainState): void;
  /** Adds the epoch's validation loss and metrics. */
  onEpochEnd(state: LiveTrainState): void;
  /** Draws what is still waiting. */
  onTrainEnd(): void | Promise<void>;
}

/** One batch as drawn: the Recorder's `RecordedBatch` fields, `smoothLoss` named `smooth`. */
export type LiveBatchRow = Omit<RecordedBatch, 'smoothLoss'> & {
  /** Debiased EMA (0.98) of the loss. */
  smooth: number;
};

/** One per-epoch value as drawn: long format, one row per series (valid loss, each metric). */
export interface LiveEpochRow {
  /** 0-based epoch. */
  epoch: number;
  /** Batches done so far (where the valid loss sits on the iteration axis). */
  iteration: number;
  /** `'valid loss'` or the metric's name. */
  series: string;
  value: number;
}

/** One point of the planned schedule. */
export interface LivePlanRow {
  /** 0-based step (named as the batch rows' x field, so both share the x axis). */
  iteration: number;
  /** Planned learning rate. */
  lr: number;
  /** Planned momentum, when the schedule has one. */
  mom?: number;
}

/** What is known when a run starts. */
export interface LiveRunInfo {
  /** Total planned batches, when known (fixes the x axis so the plan shows ahead). */
  totalSteps: number | undefined;
  /** The planned schedule, subsampled; empty when unknown. */
  plan: LivePlanRow[];
  /** Whether the optimizer (or the plan) has a momentum, so the momentum axis is drawn. */
  hasMom: boolean;
}

/** Rows added since the last update, in order. */
export interface LiveRows {
  /** New batch rows. */
  batches: LiveBatchRow[];
  /** New per-epoch rows. */
  epochs: LiveEpochRow[];
}

/** Where a {@link LiveCallback} sends what happens in a run. */
export interface LiveSink {
  /** A run starts. */
  begin(info: LiveRunInfo): void | Promise<void>;
  /** A batch ended. */
  batch(row: LiveBatchRow): void;
  /** An epoch ended. */
  epoch(rows: LiveEpochRow[]): void;
  /** The run ended (also after a cancel). */
  end(): void | Promise<void>;
}

