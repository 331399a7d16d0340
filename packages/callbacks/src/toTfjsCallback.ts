import * as tf from '@tensorflow/tfjs-core';
import { Callback as TfjsCallback } from '@tensorflow/tfjs-layers';
import { hyperParams } from '@onecycle/optim';
import type { HyperHandle } from '@onecycle/optim';
import type { CallbackBus } from './callbackBus';
import { CancelBatchError, CancelEpochError, CancelFitError } from './errors';
import { allowMixedCallbacks } from './normalizeCallbacks';
import type { TrainState } from './callback';

type Logs = Parameters<TfjsCallback['onBatchEnd']>[1];
type Container = Parameters<TfjsCallback['setModel']>[0];

/** Reads a log entry as a number; tensors are read, never kept (tfjs disposes them). */
async function logNumber(logs: Logs, key: string): Promise<number | undefined> {
  const v: unknown = logs?.[key];
  if (typeof v === 'number') return v;
  if (v instanceof tf.Tensor) return (await v.data())[0];
  return undefined;
}

function paramNumber(params: TfjsCallback['params'] | undefined, key: string): number | undefined {
  const v = params?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The length of a `model.fit` / `fitDataset` run, as {@link TfjsBusCallback.fitLength} reads it. */
export interface FitLength {
  /** `epochs` of the fit. */
  epochs: number;
  /** `initialEpoch` of the fit (0 when not given). */
  initialEpoch: number;
  /** Rows per batch (`fit` only). */
  batchSize: number | undefined;
  /** Training rows (`fit` only; after `validationSplit`). */
  samples: number | undefined;
  /** Batches per epoch, when tfjs knows it. */
  batchesPerEpoch: number | undefined;
  /** Batches of the whole run (`batchesPerEpoch * (epochs - initialEpoch)`), when known. */
  totalBatches: number | undefined;
}

/** What a bridge put in a bus's context itself (so a later model.fit may replace it). */
const DERIVED = new WeakMap<CallbackBus, { optimizer?: tf.Optimizer; hyper?: HyperHandle }>();

/**
 * The bridge between tfjs's `model.fit`/`fitDataset` callbacks and a {@link CallbackBus}.
 * Exposed for `instanceof` checks; make one with {@link toTfjsCallback}.
 */
export class TfjsBusCallback extends TfjsCallback {
  /** The bus this bridge fires. */
  readonly bus: CallbackBus;
  private iteration = 0;
  private batchCancelled = false;
  private stopRequested = false;

  /** @param bus - the bus to fire */
  constructor(bus: CallbackBus) {
    super();
    this.bus = bus;
    allowMixedCallbacks();
  }

  /** Called by tfjs with the model being trained; also sets the bus context's model. */
  override setModel(model: Container): void {
    super.setModel(model);
    const current = this.bus.context.model;
    // tf.Sequential trains through an inner LayersModel: keep the Sequential the user gave
    if (current === undefined || (current !== this.model && Reflect.get(current, 'model') !== this.model)) {
      this.bus.context.model = this.model;
    }
  }

  /** @param _logs - ignored */
  override async onTrainBegin(_logs?: Logs): Promise<void> {
    const ctx = this.bus.context;
    const derived = DERIVED.get(this.bus) ?? {};
    DERIVED.set(this.bus, derived);
    const opt = ctx.model?.optimizer;
    // follow the compiled optimizer unless the user put their own optimizer / handle in the context
    if (opt !== undefined && (ctx.optimizer === undefined || ctx.optimizer === derived.optimizer)) {
      ctx.optimizer = opt;
      derived.optimizer = opt;
    }
    if (ctx.optimizer !== undefined && (ctx.hyper === undefined || ctx.hyper === derived.hyper)) {
      try {
        ctx.hyper = hyperParams(ctx.optimizer);
        derived.hyper = ctx.hyper;
      } catch {
        // leave it: a ParamScheduler will say the optimizer is unsupported
      }
    }
    this.iteration = 0;
    this.stopRequested = false;
    const f = this.fitLength();
    await this.guard({
      numEpochs: f.epochs,
      epoch: f.initialEpoch,
      iteration: 0,
      batch: 0,
      batchesPerEpoch: f.batchesPerEpoch,
      batchSize: f.batchSize,
      numIterations: f.totalBatches,
      validLoss: undefined,
      metrics: {},
    }, 'onTrainBegin');
  }

  /**
   * The length of the fit tfjs announced in `setParams`: batches per epoch from `steps`
   * (`fitDataset`'s `batchesPerEpoch` or a finite dataset size) or from `samples` / `batchSize`
   * (`samples` already leaves out a `validationSplit`), times the epochs left.
   * @returns the numbers; `batchesPerEpoch` / `totalBatches` are undefined when tfjs cannot know them
   */
  fitLength(): FitLength {
    const epochs = paramNumber(this.params, 'epochs') ?? 1;
    const initialEpoch = paramNumber(this.params, 'initialEpoch') ?? 0;
    const batchSize = paramNumber(this.params, 'batchSize');
    const samples = paramNumber(this.params, 'samples');
    const steps = paramNumber(this.params, 'steps');
    const batchesPerEpoch = steps ?? (samples !== undefined && batchSize !== undefined ? Math.ceil(samples / batchSize) : undefined);
    const totalBatches = batchesPerEpoch === undefined ? undefined : batchesPerEpoch * (epochs - initialEpoch);
    return { epochs, initialEpoch, batchSize, samples, batchesPerEpoch, totalBatches };
  }

  /** @param epoch - the epoch index tfjs starts */
  override async onEpochBegin(epoch: number): Promise<void> {
    await this.guard({ epoch, batch: 0 }, 'onEpochBegin');
  }

  /**
   * @param batch - batch index within the epoch
   * @param logs - holds `size`
   */
  override async onBatchBegin(batch: number, logs?: Logs): Promise<void> {
    this.batchCancelled = false;
    const size = await logNumber(logs, 'size');
    const patch: Partial<TrainState> = { batch, iteration: this.iteration };
    if (size !== undefined) patch.batchSize = size;
    const hyper = this.bus.context.hyper;
    if (hyper !== undefined) patch.hyper = hyper.get();
    await this.guard(patch, 'onBatchBegin');
  }

  /**
   * Fires onLossBegin, onBackwardBegin (with lastLoss), onBackwardEnd, onStepEnd — after the fact,
   * since model.fit does its step inside — then onBatchEnd.
   * @param _batch - batch index within the epoch
   * @param logs - holds `loss` (number or tensor; read, never kept)
   */
  override async onBatchEnd(_batch: number, logs?: Logs): Promise<void> {
    try {
      await this.batchEnd(logs);
    } catch (e) {
      // tfjs disposes the batch logs only after onBatchEnd returns normally
      for (const v of Object.values(logs ?? {})) if (v instanceof tf.Tensor) v.dispose();
      throw e;
    }
  }

  private async batchEnd(logs: Logs): Promise<void> {
    const loss = await logNumber(logs, 'loss');
    if (!this.batchCancelled) {
      await this.guard(undefined, 'onLossBegin');
      if (!this.batchCancelled) await this.guard(loss === undefined ? undefined : { lastLoss: loss }, 'onBackwardBegin');
      if (!this.batchCancelled) await this.guard(undefined, 'onBackwardEnd');
      if (!this.batchCancelled) await this.guard(undefined, 'onStepEnd');
    }
    await this.guard(undefined, 'onBatchEnd');
    this.iteration++;
  }

  /**
   * @param epoch - the epoch that ended
   * @param logs - `val_loss` becomes validLoss; every other entry but `loss` goes to metrics
   */
  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const metrics: Record<string, number> = {};
    let validLoss: number | undefined;
    for (const key of Object.keys(logs ?? {})) {
      const v = await logNumber(logs, key);
      if (v === undefined || key === 'loss') continue;
      if (key === 'val_loss') validLoss = v;
      else metrics[key] = v;
    }
    await this.guard({ epoch, validLoss, metrics }, 'onEpochEnd');
  }

  override async onTrainEnd(): Promise<void> {
    await this.bus.fire('onTrainEnd').catch((e: unknown) => {
      if (!(e instanceof CancelFitError || e instanceof CancelEpochError || e instanceof CancelBatchError)) throw e;
    });
  }

  private async guard(patch: Partial<TrainState> | undefined, event: Parameters<CallbackBus['fire']>[0]): Promise<void> {
    try {
      await this.bus.fire(event, patch);
    } catch (e) {
      if (e instanceof CancelBatchError) this.batchCancelled = true;
      else if (e instanceof CancelEpochError || e instanceof CancelFitError) this.stop();
      else {
        // model.fit will not call onTrainEnd after an error; fire it so snapshots are restored
        await this.bus.fire('onTrainEnd').catch(() => undefined);
        throw e;
      }
    }
    if (this.bus.state.stopTraining || this.stopRequested) this.stop();
  }

  private stop(): void {
    this.stopRequested = true;
    this.bus.state.stopTraining = true;
    if (this.model !== undefined) this.model.stopTraining = true;
  }
}

/**
 * A tfjs callback for `model.fit` / `model.fitDataset` that fires the bus's events: a global
 * iteration count across epochs, `logs` tensors read as numbers and never kept, CancelFitError or
 * `stopTraining` -> `model.stopTraining = true`. model.fit cannot skip a step or end an epoch
 * early, so CancelBatchError only skips the remaining hooks of that batch and CancelEpochError
 * stops training like CancelFitError.
 * @param bus - the bus to fire
 * @returns a callback to pass in `callbacks`
 * @example
 * ```ts
 * const bus = new CallbackBus([new ParamScheduler({ kind: 'oneCycle', lrMax: 0.01, totalSteps: 100 }), new Recorder()]);
 * await model.fit(xs, ys, { epochs: 5, batchSize: 32, callbacks: [toTfjsCallback(bus)] });
 * ```
 */
export function toTfjsCallback(bus: CallbackBus): TfjsBusCallback {
  return new TfjsBusCallback(bus);
}
