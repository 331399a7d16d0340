import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Hyper } from '@onecycle/core-schedules';
import type { HyperHandle } from '@onecycle/optim';
import type { CallbackBus } from './callbackBus';

/** The state shared by every callback of a bus during one training run (fastai v1's `CallbackHandler.state_dict`). */
export interface TrainState {
  /** 0-based epoch index. */
  epoch: number;
  /** Number of planned epochs. */
  numEpochs: number;
  /** Global 0-based index of the current batch, across epochs. */
  iteration: number;
  /** Total planned batches when known. */
  numIterations: number | undefined;
  /** Index of the batch within the epoch. */
  batch: number;
  /** Batches per epoch when known. */
  batchesPerEpoch: number | undefined;
  /** Samples per batch when known. */
  batchSize: number | undefined;
  /** Training loss of the last batch. */
  lastLoss: number | undefined;
  /** EMA (0.98) of the training loss with bias correction, kept by the bus (fastai). */
  smoothLoss: number | undefined;
  /** Validation loss of the last epoch. */
  validLoss: number | undefined;
  /** Metrics of the last epoch (validation metrics prefixed `val_` when they come from tfjs). */
  metrics: Record<string, number>;
  /** The hyper-parameters used for the current batch. */
  hyper: Hyper;
  /** Set to end training after the current batch. */
  stopTraining: boolean;
  /** Set to skip the optimizer step of the current batch (hand-written loops). */
  skipStep: boolean;
  /** Set to skip validation at the end of the epoch (hand-written loops). */
  skipValidate: boolean;
}

/** The ten events, fastai v1's names camelCased, in the order they fire. */
export type CallbackEvent =
  | 'onTrainBegin'
  | 'onEpochBegin'
  | 'onBatchBegin'
  | 'onLossBegin'
  | 'onBackwardBegin'
  | 'onBackwardEnd'
  | 'onStepEnd'
  | 'onBatchEnd'
  | 'onEpochEnd'
  | 'onTrainEnd';

/** All events in firing order. */
export const CALLBACK_EVENTS: readonly CallbackEvent[] = [
  'onTrainBegin',
  'onEpochBegin',
  'onBatchBegin',
  'onLossBegin',
  'onBackwardBegin',
  'onBackwardEnd',
  'onStepEnd',
  'onBatchEnd',
  'onEpochEnd',
  'onTrainEnd',
];

/** What a hook may return: nothing, or a partial state merged into the shared state (as in fastai v1). */
export type HookResult = void | Partial<TrainState> | Promise<void | Partial<TrainState>>;

/** A hook: gets the shared state and context. */
export type Hook = (state: TrainState, ctx: CallbackContext) => HookResult;

/** What callbacks can reach besides the state. */
export interface CallbackContext {
  /** The bus firing the events. */
  readonly bus: CallbackBus;
  /** The model being trained (set by `toTfjsCallback` or by a learner). */
  model: LayersModel | undefined;
  /** Trainable variables when there is no LayersModel. */
  variables: tf.Variable[] | undefined;
  /** The optimizer being used. */
  optimizer: tf.Optimizer | undefined;
  /** Where ParamScheduler / LRFinder write lr/mom/wd. */
  hyper: HyperHandle | undefined;
  /** Loss on the next validation batch (fastai's lr_find2). */
  validBatchLoss: (() => Promise<number>) | undefined;
}

/** A fastai-style callback: a name, an order (lower runs first, default 0) and optional hooks. */
export interface Callback {
  /** Unique name on a bus. */
  name: string;
  /** Lower runs first. @default 0 */
  order?: number;
  /** Before training. */
  onTrainBegin?(state: TrainState, ctx: CallbackContext): HookResult;
  /** Before each epoch. */
  onEpochBegin?(state: TrainState, ctx: CallbackContext): HookResult;
  /** Before each batch (schedulers set hyper-parameters here). */
  onBatchBegin?(state: TrainState, ctx: CallbackContext): HookResult;
  /** After the forward pass, before the loss. */
  onLossBegin?(state: TrainState, ctx: CallbackContext): HookResult;
  /** After the loss (`state.lastLoss` is set), before backward. */
  onBackwardBegin?(state: TrainState, ctx: CallbackContext): HookResult;
  /** After gradients, before the step. */
  onBackwardEnd?(state: TrainState, ctx: CallbackContext): HookResult;
  /** After the optimizer step. */
  onStepEnd?(state: TrainState, ctx: CallbackContext): HookResult;
  /** After each batch. */
  onBatchEnd?(state: TrainState, ctx: CallbackContext): HookResult;
  /** After each epoch (`validLoss` and `metrics` are set). */
  onEpochEnd?(state: TrainState, ctx: CallbackContext): HookResult;
  /** After training (also after a cancel). */
  onTrainEnd?(state: TrainState, ctx: CallbackContext): HookResult;
}

/**
 * A fresh training state.
 * @returns all counters at 0, losses undefined, lr 0
 */
export function createTrainState(): TrainState {
  return {
    epoch: 0,
    numEpochs: 0,
    iteration: 0,
    numIterations: undefined,
    batch: 0,
    batchesPerEpoch: undefined,
    batchSize: undefined,
    lastLoss: undefined,
    smoothLoss: undefined,
    validLoss: undefined,
    metrics: {},
    hyper: { lr: 0 },
    stopTraining: false,
    skipStep: false,
    skipValidate: false,
  };
}
