import { createSchedule, describeValue, ScheduleError } from '@onecycle/core-schedules';
import { checkOptionsObject } from './checkOptionsObject';
import type { ScheduleSpec, StepSchedule } from '@onecycle/core-schedules';
import type { HyperHandle } from '@onecycle/optim';
import { checkScheduleMomentum } from './checkScheduleMomentum';
import { CallbackOptionError } from './errors';
import type { Callback, CallbackContext, TrainState } from './callback';

/** Options of {@link ParamScheduler}. */
export interface ParamSchedulerOptions {
  /** Where to write; defaults to the bus context's `hyper` (set by toTfjsCallback or the learner). */
  hyper?: HyperHandle;
}

function isSchedule(s: StepSchedule | ScheduleSpec): s is StepSchedule {
  return 'at' in s && typeof s.at === 'function';
}

/**
 * Sets lr / mom / wd from a schedule before every batch (fastai's ParamScheduler): at
 * onBatchBegin it writes `schedule.at(state.iteration)` to the optimizer and to `state.hyper`.
 */
export class ParamScheduler implements Callback {
  readonly name: string = 'ParamScheduler';
  /** Runs before everything that reads the hyper-parameters. @default -20 */
  order = -20;
  /** The schedule followed. */
  readonly schedule: StepSchedule;
  private readonly hyper: HyperHandle | undefined;

  /**
   * @param schedule - a StepSchedule or a spec for createSchedule
   * @param options - hyper: the handle to write to
   * @example
   * ```ts
   * const sched = new ParamScheduler({ kind: 'fastaiClrBeta', lr: 0.1, stepsPerCycle: 100, maxMom: 0.95, minMom: 0.85 });
   * const bus = new CallbackBus([sched, new Recorder()]);
   * await model.fit(xs, ys, { epochs: 4, batchSize: 25, callbacks: [toTfjsCallback(bus)] });
   * ```
   */
  constructor(schedule: StepSchedule | ScheduleSpec, options: ParamSchedulerOptions = {}) {
    if (typeof schedule !== 'object' || schedule === null) throw new CallbackOptionError(`ParamScheduler needs a schedule spec or a compiled schedule, got ${describeValue(schedule)}`);
    const opts = checkOptionsObject(options, 'ParamScheduler', ['hyper']);
    try {
      this.schedule = isSchedule(schedule) ? schedule : createSchedule(schedule);
    } catch (e) {
      if (e instanceof ScheduleError) throw new CallbackOptionError(`ParamScheduler schedule: ${e.message}`, { cause: e });
      throw e;
    }
    this.hyper = opts.hyper;
  }

  /**
   * Refuses, before the first batch, a momentum schedule for an optimizer without momentum
   * (`tf.train.sgd`, `adagrad`, `adadelta`), naming the spec field that turns it off.
   * @param ctx - the context (its hyper handle is used unless one was given)
   */
  onTrainBegin(_state: TrainState, ctx: CallbackContext): void {
    const handle = this.hyper ?? ctx.hyper;
    if (handle !== undefined) checkScheduleMomentum(this.schedule, handle, ctx.optimizer?.getClassName() ?? 'the optimizer');
  }

  /**
   * Writes the hyper-parameters of batch `state.iteration`.
   * @param ctx - the context (its hyper handle is used unless one was given)
   */
  onBatchBegin(state: TrainState, ctx: CallbackContext): void {
    const handle = this.hyper ?? ctx.hyper;
    if (handle === undefined) {
      throw new CallbackOptionError(
        'ParamScheduler has no hyper handle: pass { hyper: hyperParams(optimizer) } or set ctx.hyper (toTfjsCallback does for a compiled model)',
      );
    }
    const h = this.schedule.at(state.iteration);
    handle.set(h);
    state.hyper = h;
  }
}
