import { DebiasedEma } from '@onecycle/core-schedules';
import type { Callback, CallbackContext, HookResult, TrainState, WeightSnapshot } from '@onecycle/callbacks';
import { snapshotWeights } from '@onecycle/callbacks';
import type { Hyper } from '@onecycle/core-schedules';
import type { HyperHandle } from '@onecycle/optim';
import { DivergenceTracker } from './divergenceTracker';
import { LrFinderError } from './errors';
import { finderLr } from './finderLr';
import { checkHyperSupport, finderHyper } from './checkHyperSupport';
import type { LrFinderOptions, ResolvedLrFinderOptions } from './lrFinderOptions';
import { resolveLrFinderOptions } from './lrFinderOptions';
import { suggestAll } from './suggestions/suggestAll';
import type { LrFindResult } from '@onecycle/core-schedules';

/**
 * Leslie Smith's LR range test (arXiv 1506.01186 §3.3) as a callback, run the way fastai's
 * `lr_find`/`lr_find2` run it: each batch raises the lr along {@link finderLr}, the momentum and
 * weight decay stay fixed, the loss is smoothed by a debiased EMA (`beta` 0.98) and the test stops after
 * `numIt` iterations, or early when the smoothed loss exceeds `divergeFactor` x its best or
 * becomes non-finite. Weights, optimizer state and hyper-parameters are snapshotted at
 * `onTrainBegin` and restored at `onTrainEnd` (call {@link LRFinder.cleanup} yourself when your
 * loop may skip `onTrainEnd`, e.g. after an error thrown inside `model.fit`). A fit with fewer
 * batches than `numIt` is refused at `onTrainBegin`: inside someone else's `model.fit`, give it
 * enough epochs, or use {@link lrFind}, which cycles through the data.
 *
 * @example
 * ```ts
 * const finder = new LRFinder({ numIt: 100 });
 * const bus = new CallbackBus([finder], { optimizer: model.optimizer });
 * // 10 batches per epoch (320 rows, batches of 32): 10 epochs give the 100 iterations
 * try { await model.fit(x, y, { epochs: 10, batchSize: 32, callbacks: toTfjsCallback(bus) }); }
 * finally { await finder.cleanup(); }
 * console.log(finder.result().suggestions.valley);
 * ```
 */
export class LRFinder implements Callback {
  readonly name = 'LRFinder';
  /** -10: after a ParamScheduler (-20), so the finder's lr wins, and before the Recorder (50). */
  readonly order = -10;
  readonly options: ResolvedLrFinderOptions;
  private lrs: number[] = [];
  private losses: number[] = [];
  private smooth: number[] = [];
  private valid: number[] = [];
  private stopReason: LrFindResult['stopReason'] = 'completed';
  private ema: DebiasedEma;
  private tracker: DivergenceTracker;
  private snapshot: WeightSnapshot | undefined;
  private hyper: HyperHandle | undefined;
  private savedHyper: Hyper | undefined;
  private i = 0;
  private done = false;
  private failed: { error: unknown } | undefined;

  /**
   * @param opts - see {@link LrFinderOptions}; validated here.
   * @throws LrFinderError for bad options.
   */
  constructor(opts: LrFinderOptions = {}) {
    this.options = resolveLrFinderOptions(opts);
    this.ema = new DebiasedEma(this.options.beta);
    this.tracker = new DivergenceTracker(this.options.divergeFactor, this.options.skipStart);
  }

  /** Snapshots weights and optimizer state and fixes mom/wd. */
  async onTrainBegin(state: TrainState, ctx: CallbackContext): Promise<void> {
    this.reset();
    const total = state.numIterations;
    const numIt = this.options.numIt;
    if (total !== undefined && total < numIt) {
      const per = state.batchesPerEpoch;
      const shape = per === undefined ? `${total} batches` : `${total} batches (${state.numEpochs} epochs x ${per})`;
      const epochs = per === undefined ? '' : `run it for at least ${Math.ceil(numIt / per)} epochs, `;
      throw new LrFinderError(
        `this fit has ${shape} but numIt is ${numIt}: the test would stop short of the high learning rates and its suggestions would be noise; ` +
          `${epochs}set numIt to at most ${total}, or use lrFind(model, data), which cycles through the data`,
      );
    }
    const optimizer = ctx.optimizer ?? ctx.model?.optimizer;
    const target = ctx.model ?? ctx.variables;
    if (target === undefined) throw new LrFinderError('the callback context has neither a model nor variables: the LR finder cannot snapshot the weights');
    if (optimizer === undefined && ctx.hyper === undefined) throw new LrFinderError('the callback context has no optimizer and no hyper handle: is the model compiled?');
    if (this.options.validLoss && ctx.validBatchLoss === undefined) {
      throw new LrFinderError('validLoss is true but the callback context has no validBatchLoss: give validation data');
    }
    const hyper = ctx.hyper ?? (optimizer === undefined ? undefined : finderHyper(optimizer));
    if (hyper === undefined) throw new LrFinderError('no hyper-parameter handle for the optimizer');
    checkHyperSupport(hyper, this.options);
    this.hyper = hyper;
    this.savedHyper = { ...hyper.get() };
    this.snapshot = await snapshotWeights(target, optimizer);
    const fixed: Partial<Hyper> = {};
    if (this.options.mom !== undefined) fixed.mom = this.options.mom;
    if (this.options.wd !== undefined) fixed.wd = this.options.wd;
    hyper.set(fixed);
  }

  /** Sets the lr of this iteration. */
  onBatchBegin(): HookResult {
    const hyper = this.hyper;
    if (hyper === undefined || this.done) return { stopTraining: true };
    const lr = finderLr(Math.min(this.i, this.options.numIt - 1), this.options);
    hyper.set({ lr });
    return { hyper: { ...hyper.get(), lr } };
  }

  /** Records the loss and decides whether to stop. */
  async onBatchEnd(state: TrainState, ctx: CallbackContext): Promise<Partial<TrainState> | void> {
    if (this.hyper === undefined || this.done) return { stopTraining: true };
    const loss = state.lastLoss;
    if (loss === undefined) throw new LrFinderError('onBatchEnd fired without state.lastLoss: the training loop must report the batch loss');
    this.lrs.push(finderLr(Math.min(this.i, this.options.numIt - 1), this.options));
    this.losses.push(loss);
    const smooth = this.ema.update(loss);
    this.smooth.push(smooth);
    if (this.options.validLoss && ctx.validBatchLoss !== undefined) {
      try {
        this.valid.push(await ctx.validBatchLoss());
      } catch (error) {
        // Stop cleanly instead of throwing inside model.fit (tfjs leaks the batch logs then);
        // result() rethrows it.
        this.failed = { error };
        this.done = true;
        return { stopTraining: true };
      }
    }
    const it = this.i;
    this.i += 1;
    if (this.options.stopDiv) {
      const verdict = this.tracker.check(it, smooth);
      if (verdict !== 'ok') {
        this.stopReason = verdict;
        this.done = true;
        return { stopTraining: true };
      }
    }
    if (this.i >= this.options.numIt) {
      this.done = true;
      return { stopTraining: true };
    }
  }

  /**
   * Restores weights, optimizer state and hyper-parameters. A test that ran out of data before
   * `numIt` iterations (a dataset of unknown length) gets `stopReason: 'dataEnded'` and a warning.
   */
  async onTrainEnd(state: TrainState, ctx: CallbackContext): Promise<void> {
    // The data ran out only when the fit went through all its epochs and nobody stopped it; an
    // earlier end (stopTraining, a cancel error) is reported as 'cancelled' by cleanup().
    const ranAllEpochs = state.epoch >= state.numEpochs - 1;
    const lengthKnown = state.numIterations !== undefined && state.numIterations > 0;
    const dataEnded = !lengthKnown && ranAllEpochs && state.stopTraining !== true;
    if (dataEnded && !this.done && this.failed === undefined && this.snapshot !== undefined && this.i < this.options.numIt) {
      this.stopReason = 'dataEnded';
      ctx.bus.warn(
        `LRFinder: the data ended after ${this.i} of ${this.options.numIt} iterations, so the test never reached lr ${this.options.endLr}: ` +
          'give the fit more batches, lower numIt, or use lrFind(model, data), which cycles through the data',
      );
    }
    await this.cleanup();
  }

  /**
   * Restores the snapshot (bit-exact weights and optimizer state) and the hyper-parameters, then
   * frees the snapshot. Safe to call more than once.
   */
  async cleanup(): Promise<void> {
    // The finder stops by itself only after numIt iterations or on divergence; ending before
    // that means something else stopped the training.
    if (this.hyper !== undefined && !this.done && this.stopReason === 'completed' && this.i < this.options.numIt) this.stopReason = 'cancelled';
    const snap = this.snapshot;
    this.snapshot = undefined;
    this.done = true;
    try {
      if (snap !== undefined) await snap.restore();
    } finally {
      snap?.dispose();
      if (this.hyper !== undefined && this.savedHyper !== undefined) this.hyper.set(this.savedHyper);
      this.savedHyper = undefined;
    }
  }

  /**
   * @returns the curve recorded so far with its suggestions (computed on the smoothed losses).
   * @throws LrFinderError (with `cause`) when the validation loss could not be computed.
   */
  result(): LrFindResult {
    if (this.failed !== undefined) {
      const why = this.failed.error instanceof Error ? this.failed.error.message : String(this.failed.error);
      throw new LrFinderError(`the range test stopped because validBatchLoss failed: ${why}`, { cause: this.failed.error });
    }
    const { skipStart, skipEnd, mode } = this.options;
    const r: LrFindResult = {
      lrs: [...this.lrs], losses: [...this.losses], smoothLosses: [...this.smooth],
      stopReason: this.stopReason, iterations: this.lrs.length, mode, skipStart, skipEnd,
      suggestions: suggestAll(this.lrs, this.smooth, { skipStart, skipEnd }),
    };
    if (this.options.validLoss) r.validLosses = [...this.valid];
    return r;
  }

  private reset(): void {
    this.snapshot?.dispose();
    this.snapshot = undefined;
    this.lrs = []; this.losses = []; this.smooth = []; this.valid = [];
    this.stopReason = 'completed';
    this.ema = new DebiasedEma(this.options.beta);
    this.tracker = new DivergenceTracker(this.options.divergeFactor, this.options.skipStart);
    this.i = 0;
    this.done = false;
    this.failed = undefined;
  }
}
