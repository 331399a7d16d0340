import type * as tf from '@tensorflow/tfjs-core';
import { CallbackOptionError } from './errors';
import { checkOptionsObject } from './checkOptionsObject';
import { fsIOHandler } from './fsIOHandler';
import { improves, nonNegative, readMonitor, resolveMode } from './monitor';
import type { Monitor, MonitorMode } from './monitor';
import type { Callback, CallbackContext, TrainState } from './callback';

/** Options of {@link SaveBestModel}. */
export interface SaveBestModelOptions {
  /** Folder to write model.json + weights.bin to (uses {@link fsIOHandler}). */
  dir?: string;
  /** Or any tfjs save handler / URL (e.g. 'indexeddb://best'). */
  handler?: tf.io.IOHandler | string;
  /** Value to watch. @default 'validLoss' */
  monitor?: Monitor;
  /** Whether lower or higher is better. @default 'auto' */
  mode?: MonitorMode;
  /** Smallest change that counts. @default 0 */
  minDelta?: number;
}

/** Saves the model whenever the monitored value improves (fastai's SaveModelCallback, Keras's ModelCheckpoint). */
export class SaveBestModel implements Callback {
  readonly name: string = 'SaveBestModel';
  /** Runs after the recorder. @default 75 */
  order = 75;
  /** Best value seen. */
  best = Number.NaN;
  /** Epoch of the last save. */
  savedEpoch: number | undefined;
  private readonly target: tf.io.IOHandler | string;
  private readonly monitor: Monitor;
  private readonly mode: 'min' | 'max';
  private readonly minDelta: number;

  /**
   * @param options - dir or handler, monitor, mode, minDelta
   * @example
   * ```ts
   * new SaveBestModel({ dir: 'out/best', monitor: 'validLoss' })
   * ```
   */
  constructor(options: SaveBestModelOptions) {
    if (options === undefined) throw new CallbackOptionError('SaveBestModel needs options: { dir } (a folder) or { handler } (a tfjs IOHandler or URL)');
    const opts = checkOptionsObject(options, 'SaveBestModel', ['dir', 'handler', 'monitor', 'mode', 'minDelta']);
    if (opts.handler !== undefined) this.target = opts.handler;
    else if (opts.dir !== undefined) this.target = fsIOHandler(opts.dir);
    else throw new CallbackOptionError('SaveBestModel needs dir (a folder) or handler (a tfjs IOHandler or URL)');
    this.monitor = opts.monitor ?? 'validLoss';
    this.mode = resolveMode(this.monitor, opts.mode ?? 'auto');
    this.minDelta = nonNegative(opts.minDelta ?? 0, 'SaveBestModel minDelta');
  }

  /** Resets the best value. */
  onTrainBegin(): void {
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.savedEpoch = undefined;
  }

  /**
   * Saves when improved.
   * @param ctx - needs ctx.model
   */
  async onEpochEnd(state: TrainState, ctx: CallbackContext): Promise<void> {
    const v = readMonitor(state, this.monitor, this.name);
    if (!improves(v, this.best, this.mode, this.minDelta)) return;
    if (ctx.model === undefined) throw new CallbackOptionError('SaveBestModel needs a LayersModel in ctx.model');
    await ctx.model.save(this.target);
    this.best = v;
    this.savedEpoch = state.epoch;
  }
}
