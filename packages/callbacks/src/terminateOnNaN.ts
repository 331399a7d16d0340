import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '@onecycle/core-schedules';
import { CallbackOptionError } from './errors';
import { boolOption, checkOptionsObject } from './checkOptionsObject';
import { snapshotWeights } from './snapshotWeights';
import type { WeightSnapshot } from './snapshotWeights';
import type { Callback, CallbackContext, TrainState } from './callback';

/** Options of {@link TerminateOnNaN}. */
export interface TerminateOnNaNOptions {
  /** Put back the last finite weights (copies the weights before every batch). @default true */
  restore?: boolean;
  /** Where the message goes. @default console.warn */
  log?: (message: string) => void;
}

function allFinite(target: tf.Variable[] | { getWeights(): tf.Tensor[] }): boolean {
  const ts = Array.isArray(target) ? target : target.getWeights();
  return ts.every((t) => tf.tidy(() => tf.all(tf.isFinite(t)).dataSync()[0] === 1));
}

/**
 * Stops training at the first non-finite loss (fastai's TerminateOnNaNCallback), puts back the
 * last finite weights and says at which iteration and learning rate it happened.
 */
export class TerminateOnNaN implements Callback {
  readonly name: string = 'TerminateOnNaN';
  /** Runs early. @default -30 */
  order = -30;
  /** The message, once training was stopped. */
  message: string | undefined;
  private readonly restore: boolean;
  private readonly log: (message: string) => void;
  private current: WeightSnapshot | undefined;
  private previous: WeightSnapshot | undefined;

  /**
   * @param options - restore (true), log (console.warn)
   * @example
   * ```ts
   * const bus = new CallbackBus([new TerminateOnNaN(), new Recorder()]);
   * ```
   */
  constructor(options: TerminateOnNaNOptions = {}) {
    const opts = checkOptionsObject(options, 'TerminateOnNaN', ['restore', 'log']);
    this.restore = boolOption(opts.restore, 'TerminateOnNaN restore', true);
    if (opts.log !== undefined && typeof opts.log !== 'function') throw new CallbackOptionError(`TerminateOnNaN log must be a function (message) => void, got ${describeValue(opts.log)}`);
    this.log = opts.log ?? ((m) => console.warn(m));
  }

  /** Clears the message. */
  onTrainBegin(): void {
    this.message = undefined;
  }

  /**
   * Copies the weights this batch starts from.
   * @param _state - unused
   * @param ctx - model or variables
   */
  async onBatchBegin(_state: TrainState, ctx: CallbackContext): Promise<void> {
    const target = ctx.model ?? ctx.variables;
    if (!this.restore || target === undefined) return;
    const snap = await snapshotWeights(target);
    this.previous?.dispose();
    this.previous = this.current;
    this.current = snap;
  }

  /**
   * Stops on a non-finite loss.
   * @param ctx - model or variables
   * @returns stopTraining when the loss is not finite
   */
  async onBatchEnd(state: TrainState, ctx: CallbackContext): Promise<Partial<TrainState> | undefined> {
    const loss = state.lastLoss;
    if (loss === undefined || Number.isFinite(loss)) return undefined;
    const target = ctx.model ?? ctx.variables;
    let restored = 'weights left as they are';
    if (this.restore && target !== undefined && this.current !== undefined) {
      await this.current.restore();
      if (allFinite(target)) restored = `weights restored to those before iteration ${state.iteration}`;
      else if (this.previous !== undefined) {
        await this.previous.restore();
        restored = `weights restored to those before iteration ${state.iteration - 1}`;
      }
    }
    this.message =
      `TerminateOnNaN: loss is ${loss} at iteration ${state.iteration} (epoch ${state.epoch}, batch ${state.batch}, ` +
      `lr ${ctx.hyper?.get().lr ?? state.hyper.lr}): training stopped, ${restored}`;
    this.log(this.message);
    return { stopTraining: true };
  }

  /** Frees the copies. */
  onTrainEnd(): void {
    this.current?.dispose();
    this.previous?.dispose();
    this.current = undefined;
    this.previous = undefined;
  }
}
