import { CallbackOptionError } from './errors';
import { boolOption, checkOptionsObject, intOption } from './checkOptionsObject';
import { improves, nonNegative, readMonitor, resolveMode } from './monitor';
import type { Monitor, MonitorMode } from './monitor';
import { snapshotWeights } from './snapshotWeights';
import type { WeightSnapshot } from './snapshotWeights';
import type { Callback, CallbackContext, TrainState } from './callback';

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /** Value to watch. @default 'validLoss' */
  monitor?: Monitor;
  /** Whether lower or higher is better. @default 'auto' */
  mode?: MonitorMode;
  /** Epochs without improvement before stopping. @default 1 */
  patience?: number;
  /** Smallest change that counts as an improvement. @default 0 */
  minDelta?: number;
  /** Put back the weights of the best epoch when training ends. @default false */
  restoreBest?: boolean;
}

/** Stops training when the monitored value stops improving (fastai's EarlyStoppingCallback, Keras's EarlyStopping). */
export class EarlyStopping implements Callback {
  readonly name: string = 'EarlyStopping';
  /** Runs after the recorder. @default 70 */
  order = 70;
  /** The epoch with the best value, after training. */
  bestEpoch: number | undefined;
  /** The best value seen. */
  best = Number.NaN;
  /** The epoch at which training was stopped, if it was. */
  stoppedEpoch: number | undefined;
  private readonly monitor: Monitor;
  private readonly mode: 'min' | 'max';
  private readonly patience: number;
  private readonly minDelta: number;
  private readonly restoreBest: boolean;
  private wait = 0;
  private snap: WeightSnapshot | undefined;
  private lastEpoch = -1;

  /**
   * @param options - monitor, mode, patience, minDelta, restoreBest
   * @example
   * ```ts
   * new EarlyStopping({ monitor: 'validLoss', patience: 3, restoreBest: true })
   * ```
   */
  constructor(options: EarlyStoppingOptions = {}) {
    const opts = checkOptionsObject(options, 'EarlyStopping', ['monitor', 'mode', 'patience', 'minDelta', 'restoreBest']);
    this.monitor = opts.monitor ?? 'validLoss';
    this.mode = resolveMode(this.monitor, opts.mode ?? 'auto');
    this.patience = intOption(opts.patience ?? 1, 'EarlyStopping patience', 1);
    this.minDelta = nonNegative(opts.minDelta ?? 0, 'EarlyStopping minDelta');
    this.restoreBest = boolOption(opts.restoreBest, 'EarlyStopping restoreBest', false);
  }

  /** Resets the counters. */
  onTrainBegin(): void {
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.wait = 0;
    this.bestEpoch = undefined;
    this.stoppedEpoch = undefined;
    this.snap?.dispose();
    this.snap = undefined;
  }

  /**
   * Checks the monitored value.
   * @param ctx - the context (model or variables, for restoreBest)
   * @returns stopTraining when patience ran out
   */
  async onEpochEnd(state: TrainState, ctx: CallbackContext): Promise<Partial<TrainState> | undefined> {
    const v = readMonitor(state, this.monitor, this.name);
    this.lastEpoch = state.epoch;
    if (improves(v, this.best, this.mode, this.minDelta)) {
      this.best = v;
      this.bestEpoch = state.epoch;
      this.wait = 0;
      if (this.restoreBest) {
        const target = ctx.model ?? ctx.variables;
        if (target === undefined) throw new CallbackOptionError('EarlyStopping restoreBest needs ctx.model or ctx.variables');
        const next = await snapshotWeights(target);
        this.snap?.dispose();
        this.snap = next;
      }
      return undefined;
    }
    this.wait++;
    if (this.wait >= this.patience) {
      this.stoppedEpoch = state.epoch;
      return { stopTraining: true };
    }
    return undefined;
  }

  /** Restores the best weights when asked to and frees the copy. */
  async onTrainEnd(): Promise<void> {
    if (this.snap !== undefined && this.bestEpoch !== this.lastEpoch) await this.snap.restore();
    this.snap?.dispose();
    this.snap = undefined;
  }
}
