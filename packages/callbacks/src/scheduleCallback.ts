import type * as tf from '@tensorflow/tfjs-core';
import type { StepSchedule } from '@onecycle/core-schedules';
import { CallbackBus } from './callbackBus';
import { checkScheduleMomentum } from './checkScheduleMomentum';
import { CallbackOptionError } from './errors';
import { checkFitScheduleSpec, fitSchedule } from './fitScheduleSpec';
import type { FitScheduleSpec } from './fitScheduleSpec';
import { hyperParams } from '@onecycle/optim';
import { Recorder } from './recorder';
import type { Callback, CallbackContext, TrainState } from './callback';
import { TfjsBusCallback } from './toTfjsCallback';

/** Options of {@link scheduleCallback}. */
export interface ScheduleCallbackOptions {
  /** The optimizer to schedule. @default the model's compiled optimizer */
  optimizer?: tf.Optimizer;
  /** More bus callbacks (e.g. `ReduceLROnPlateau`, `ProgressBar`) to run with the schedule. @default [] */
  callbacks?: Callback[];
}

/** Writes the schedule the {@link ScheduleCallback} compiled for this fit before every batch (as ParamScheduler). */
class FitParamScheduler implements Callback {
  readonly name = 'ParamScheduler';
  readonly order = -20;
  current: StepSchedule | undefined;

  onBatchBegin(state: TrainState, ctx: CallbackContext): void {
    const schedule = this.current;
    const handle = ctx.hyper;
    if (schedule === undefined || handle === undefined) throw new CallbackOptionError('scheduleCallback: a batch began before onTrainBegin compiled the schedule');
    const h = schedule.at(state.iteration);
    handle.set(h);
    state.hyper = h;
  }
}

/**
 * A tfjs callback for `model.fit` / `model.fitDataset` that drives the model's own optimizer along
 * a schedule and records it. Made by {@link scheduleCallback}.
 */
export class ScheduleCallback extends TfjsBusCallback {
  /** lr / momentum / loss per batch and losses / metrics per epoch of the last fit (`toJSON()` feeds `@onecycle/viz`). */
  readonly recorder: Recorder;
  /** The spec as given (its length may be left out). */
  readonly spec: FitScheduleSpec;
  private readonly scheduler: FitParamScheduler;
  private readonly optimizer: tf.Optimizer | undefined;

  /**
   * @param spec - a schedule spec; its length may be left out
   * @param opts - optimizer, extra bus callbacks
   */
  constructor(spec: FitScheduleSpec, opts: ScheduleCallbackOptions = {}) {
    checkFitScheduleSpec(spec);
    const scheduler = new FitParamScheduler();
    const recorder = new Recorder();
    super(new CallbackBus([scheduler, recorder, ...(opts.callbacks ?? [])]));
    this.scheduler = scheduler;
    this.recorder = recorder;
    this.spec = spec;
    this.optimizer = opts.optimizer;
  }

  /** The schedule of the current (or last) fit, with its length filled in; undefined before the first fit. */
  get schedule(): StepSchedule | undefined {
    return this.scheduler.current;
  }

  /**
   * Compiles the schedule for this fit's length and checks it against the optimizer, then fires
   * the bus's onTrainBegin. Refuses here, before any batch, a spec shorter than the fit, a fit
   * whose length cannot be known when the spec leaves it out, an uncompiled model, and a
   * momentum schedule for an optimizer without momentum.
   * @param logs - passed on
   */
  override async onTrainBegin(logs?: Parameters<TfjsBusCallback['onTrainBegin']>[0]): Promise<void> {
    const f = this.fitLength();
    const description = f.batchesPerEpoch === undefined
      ? `${f.epochs} epochs of a dataset of unknown size and no batchesPerEpoch`
      : `${f.epochs - f.initialEpoch} epochs x ${f.batchesPerEpoch} batches`;
    const schedule = fitSchedule(this.spec, { totalBatches: f.totalBatches, description });
    const optimizer = this.optimizer ?? this.model?.optimizer;
    if (optimizer == null) {
      throw new CallbackOptionError('scheduleCallback found no optimizer: compile the model (model.compile({ optimizer, loss })) or pass { optimizer }');
    }
    const hyper = hyperParams(optimizer);
    checkScheduleMomentum(schedule, hyper, optimizer.getClassName());
    this.bus.context.optimizer = optimizer;
    this.bus.context.hyper = hyper;
    this.scheduler.current = schedule;
    await super.onTrainBegin(logs);
  }
}

/**
 * A tfjs callback that runs a schedule (1cycle, SGDR, CLR, any `@onecycle/core-schedules` kind)
 * on the model's own compiled optimizer — `sgd`, `momentum`, `adam`, `rmsprop`, `adamax`,
 * `adagrad`, `adadelta`, `sgdw`, `adamw` — inside `model.fit` or `model.fitDataset`, and records
 * lr / momentum / loss per batch. Leave the spec's length out and it is the fit's own:
 * epochs x batches per epoch (from `samples` and `batchSize` after `validationSplit`, or
 * `batchesPerEpoch` / the dataset's size). It sits next to plain `{ onEpochEnd }` objects,
 * `tf.CustomCallback`s and `tf.callbacks.earlyStopping()` in any order.
 * @param spec - the schedule; `totalSteps` / `stepsPerCycle` / `tMax` may be left out
 * @param opts - optimizer (the compiled one), extra bus callbacks
 * @returns the callback; its `recorder` holds the run
 * @throws ScheduleError at once for a bad spec; CallbackOptionError / HyperParamError at `onTrainBegin`
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
 * const sched = scheduleCallback({ kind: 'oneCycle', lrMax: 0.01 });
 * await model.fit(x, y, { epochs: 3, batchSize: 64, callbacks: [sched, { onEpochEnd: (e, l) => console.log(e, l) }] });
 * lossChart(sched.recorder.toJSON());
 * ```
 */
export function scheduleCallback(spec: FitScheduleSpec, opts: ScheduleCallbackOptions = {}): ScheduleCallback {
  return new ScheduleCallback(spec, opts);
}
