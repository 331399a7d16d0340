import { describeValue } from '@onecycle/core-schedules';
import { CallbackOptionError } from './errors';
import { checkOptionsObject, intOption } from './checkOptionsObject';
import { nonNegative, readMonitor, resolveMode } from './monitor';
import type { Monitor, MonitorMode } from './monitor';
import type { Callback, CallbackContext, TrainState } from './callback';

/** Options of {@link ReduceLROnPlateau} (PyTorch's names and defaults). */
export interface ReduceLROnPlateauOptions {
  /** Value to watch at each epoch's end. @default 'validLoss' */
  monitor?: Monitor;
  /** Whether lower or higher is better. @default 'auto' ('min' for losses) */
  mode?: MonitorMode;
  /** The LR is multiplied by this on a plateau, 0 < factor < 1. @default 0.1 */
  factor?: number;
  /** Epochs without improvement that are tolerated; the LR drops on the next one. @default 10 */
  patience?: number;
  /** Smallest improvement that counts (relative or absolute, see `thresholdMode`). @default 1e-4 */
  threshold?: number;
  /** `'rel'`: better than `best * (1 -/+ threshold)`; `'abs'`: better than `best -/+ threshold`. @default 'rel' */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a drop before counting bad epochs again. @default 0 */
  cooldown?: number;
  /** A drop never takes the LR below this. @default 0 */
  minLr?: number;
  /** A drop smaller than this is skipped. @default 1e-8 */
  eps?: number;
}

/**
 * PyTorch's `ReduceLROnPlateau` (fastai v1 `ReduceLROnPlateauCallback`, Keras's
 * `ReduceLROnPlateau`) as a callback: at the end of each epoch it reads the monitored value and,
 * after more than `patience` epochs without an improvement, multiplies the learning rate by
 * `factor` (not below `minLr`). It runs at order -15, right after a `ParamScheduler` (-20), and
 * scales whatever LR the batch has: a constant LR drops exactly as PyTorch's does, a scheduled
 * one keeps its shape at the lower scale.
 *
 * @example
 * ```ts
 * const plateau = new ReduceLROnPlateau({ factor: 0.5, patience: 2 });
 * await learn.fit(0.1, 20, { callbacks: [plateau] });
 * plateau.scale; // 0.25 after two drops
 * ```
 */
export class ReduceLROnPlateau implements Callback {
  readonly name: string = 'ReduceLROnPlateau';
  /** After a ParamScheduler (-20), before the LR finder (-10) and the Recorder (50). @default -15 */
  order = -15;
  /** The factor applied to the LR so far (1 before the first drop). */
  scale = 1;
  /** The best monitored value seen. */
  best = Number.NaN;
  /** Epochs (0-based) at whose end the LR was lowered. */
  readonly reductions: number[] = [];
  private readonly monitor: Monitor;
  private readonly mode: 'min' | 'max';
  private readonly factor: number;
  private readonly patience: number;
  private readonly threshold: number;
  private readonly thresholdMode: 'rel' | 'abs';
  private readonly cooldown: number;
  private readonly minLr: number;
  private readonly eps: number;
  private bad = 0;
  private cooldownLeft = 0;
  private base: number | undefined;
  private lastSet: number | undefined;

  /**
   * @param options - see {@link ReduceLROnPlateauOptions}
   * @throws CallbackOptionError naming a bad option
   */
  constructor(options: ReduceLROnPlateauOptions = {}) {
    const opts = checkOptionsObject(options, 'ReduceLROnPlateau', ['monitor', 'mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps']);
    this.monitor = opts.monitor ?? 'validLoss';
    this.mode = resolveMode(this.monitor, opts.mode ?? 'auto');
    this.factor = opts.factor ?? 0.1;
    if (!(typeof this.factor === 'number' && Number.isFinite(this.factor) && this.factor > 0 && this.factor < 1)) {
      throw new CallbackOptionError(`ReduceLROnPlateau factor must be in (0, 1), got ${describeValue(this.factor)}: the LR is multiplied by it on a plateau`);
    }
    this.patience = intOption(opts.patience ?? 10, 'ReduceLROnPlateau patience', 0);
    this.cooldown = intOption(opts.cooldown ?? 0, 'ReduceLROnPlateau cooldown', 0);
    this.threshold = nonNegative(opts.threshold ?? 1e-4, 'ReduceLROnPlateau threshold');
    this.thresholdMode = opts.thresholdMode ?? 'rel';
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') {
      throw new CallbackOptionError(`ReduceLROnPlateau thresholdMode must be 'rel' or 'abs', got ${describeValue(this.thresholdMode)}`);
    }
    this.minLr = nonNegative(opts.minLr ?? 0, 'ReduceLROnPlateau minLr');
    this.eps = nonNegative(opts.eps ?? 1e-8, 'ReduceLROnPlateau eps');
  }

  /** Starts over: scale 1, no best yet. */
  onTrainBegin(): void {
    this.scale = 1;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.bad = 0;
    this.cooldownLeft = 0;
    this.base = undefined;
    this.lastSet = undefined;
    this.reductions.length = 0;
  }

  /** Applies the scale to this batch's LR. */
  onBatchBegin(state: TrainState, ctx: CallbackContext): void {
    const handle = ctx.hyper;
    if (handle === undefined) {
      throw new CallbackOptionError('ReduceLROnPlateau has no hyper handle: give the bus { hyper: hyperParams(optimizer) } (toTfjsCallback does for a compiled model)');
    }
    const lr = handle.get().lr;
    // A scheduler that set a new LR this batch gives the base; otherwise the LR is still ours.
    if (this.base === undefined || lr !== this.lastSet) this.base = lr;
    const next = this.effective(this.base, this.scale);
    if (next !== lr) handle.set({ lr: next });
    this.lastSet = next;
    state.hyper = { ...state.hyper, lr: next };
  }

  /** Counts bad epochs and lowers the LR (at once, as PyTorch's `step()` does) after more than `patience` of them. */
  onEpochEnd(state: TrainState, ctx: CallbackContext): void {
    const v = readMonitor(state, this.monitor, this.name);
    if (this.isBetter(v)) {
      this.best = v;
      this.bad = 0;
    } else {
      this.bad++;
    }
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.bad = 0;
    }
    if (this.bad > this.patience) {
      const base = this.base ?? state.hyper.lr;
      const old = this.effective(base, this.scale);
      const next = this.effective(base, this.scale * this.factor);
      if (old - next > this.eps) {
        this.scale *= this.factor;
        this.reductions.push(state.epoch);
        ctx.hyper?.set({ lr: next });
        this.lastSet = next;
      }
      this.cooldownLeft = this.cooldown;
      this.bad = 0;
    }
  }

  private isBetter(v: number): boolean {
    if (!Number.isFinite(v)) return false;
    const b = this.best;
    if (this.mode === 'min') return this.thresholdMode === 'rel' ? v < b * (1 - this.threshold) : v < b - this.threshold;
    return this.thresholdMode === 'rel' ? v > b * (1 + this.threshold) : v > b + this.threshold;
  }

  /** `base * scale`, not below `minLr` once lowered (and never above `base`). */
  private effective(base: number, scale: number): number {
    return scale === 1 ? base : Math.max(base * scale, Math.min(this.minLr, base));
  }
}
