import type { RecordedBatch, RecordedEpoch, RecorderJSON } from '@onecycle/core-schedules';
import type { CallbackContext, Callback, TrainState } from './callback';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Records, per batch, lr / mom / wd / loss / smoothed loss and, per epoch, train loss, valid loss,
 * metrics and time (fastai's Recorder). Runs late (order 50) so it sees what schedulers set.
 */
export class Recorder implements Callback {
  readonly name: string = 'Recorder';
  /** Runs after schedulers and finders. @default 50 */
  order = 50;
  private batches: RecordedBatch[] = [];
  private epochs: RecordedEpoch[] = [];
  private epochStart = 0;
  private done = 0;
  private hyper: { lr: number; mom?: number; wd?: number } = { lr: 0 };
  private warned = false;

  /** Starts a new record. */
  onTrainBegin(): void {
    this.batches = [];
    this.epochs = [];
    this.done = 0;
    this.warned = false;
  }

  /** Notes the epoch start time. */
  onEpochBegin(): void {
    this.epochStart = now();
  }

  /**
   * Reads the hyper-parameters the optimizer will use for this batch.
   * @param ctx - the context (its hyper handle, when set, is the source of truth)
   */
  onBatchBegin(state: TrainState, ctx: CallbackContext): void {
    this.hyper = ctx.hyper !== undefined ? ctx.hyper.get() : { ...state.hyper };
  }

  /**
   * Records the batch. A batch that ends without a loss is not recorded, and the first one of a
   * run is reported through the bus's warning channel: a loop that never fires `onBackwardBegin`
   * with `{ lastLoss }` would otherwise leave an empty record without a word.
   * @param ctx - the context (its bus carries the warning)
   */
  onBatchEnd(state: TrainState, ctx: CallbackContext): void {
    this.done++;
    if (state.lastLoss === undefined) {
      if (!this.warned) {
        this.warned = true;
        ctx.bus.warn(
          `Recorder: batch ${state.iteration} ended without a loss, so it is not recorded (nor is any later batch without one): ` +
            "report each batch's loss with bus.fire('onBackwardBegin', { lastLoss }) before onBatchEnd",
        );
      }
      return;
    }
    const b: RecordedBatch = {
      iteration: state.iteration,
      epoch: state.epoch,
      lr: this.hyper.lr,
      loss: state.lastLoss,
      smoothLoss: state.smoothLoss ?? state.lastLoss,
    };
    if (this.hyper.mom !== undefined) b.mom = this.hyper.mom;
    if (this.hyper.wd !== undefined) b.wd = this.hyper.wd;
    this.batches.push(b);
  }

  /**
   * Records the epoch.
   */
  onEpochEnd(state: TrainState): void {
    const e: RecordedEpoch = {
      epoch: state.epoch,
      iteration: this.done,
      trainLoss: state.smoothLoss ?? null,
      metrics: { ...state.metrics },
      seconds: (now() - this.epochStart) / 1000,
    };
    if (state.validLoss !== undefined) e.validLoss = state.validLoss;
    this.epochs.push(e);
  }

  /** @returns a copy of everything recorded */
  toJSON(): RecorderJSON {
    return {
      version: 1,
      batches: this.batches.map((b) => ({ ...b })),
      epochs: this.epochs.map((e) => ({ ...e, metrics: { ...e.metrics } })),
    };
  }
}
