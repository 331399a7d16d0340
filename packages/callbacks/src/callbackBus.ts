import { DebiasedEma } from '@onecycle/core-schedules';
import {
  CallbackError,
  CallbackOptionError,
  CancelBatchError,
  CancelEpochError,
  CancelFitError,
  isCancelError,
} from './errors';
import { describeValue, rejectUnknownKeys } from '@onecycle/core-schedules';
import { checkCallback, unknownEvent } from './checkCallback';
import { CALLBACK_EVENTS, createTrainState } from './callback';
import type { Callback, CallbackContext, CallbackEvent, HookResult, TrainState } from './callback';

const RESOLVED: Promise<void> = Promise.resolve();
const CONTEXT_KEYS = ['model', 'variables', 'optimizer', 'hyper', 'validBatchLoss'] as const;
/** fastai's smoothing factor for the loss EMA. */
const BETA = 0.98;

type HookTable = Record<CallbackEvent, Callback[]>;

function emptyTable(): HookTable {
  return {
    onTrainBegin: [],
    onEpochBegin: [],
    onBatchBegin: [],
    onLossBegin: [],
    onBackwardBegin: [],
    onBackwardEnd: [],
    onStepEnd: [],
    onBatchEnd: [],
    onEpochEnd: [],
    onTrainEnd: [],
  };
}

/**
 * Runs callbacks sorted by `order` over one shared {@link TrainState} (fastai v1's CallbackHandler).
 * Keeps `state.smoothLoss`, the debiased EMA (0.98) of every `lastLoss` given in a patch.
 *
 * @example
 * ```ts
 * const bus = new CallbackBus([new Recorder()], { optimizer });
 * await bus.runFit(async () => {
 *   await bus.runEpoch(async () => {
 *     await bus.runBatch(async () => { ... await bus.fire('onBackwardBegin', { lastLoss }); ... });
 *   });
 * });
 * ```
 */
export class CallbackBus {
  /** The shared state. */
  readonly state: TrainState;
  /** The shared context. */
  readonly context: CallbackContext;
  /**
   * Where callbacks' warnings go (things that do not stop training but leave a result the user
   * would not expect). Replace it to collect or silence them.
   * @default console.warn
   */
  onWarning: (message: string) => void = (message) => console.warn(message);
  private readonly callbacks: Callback[] = [];
  private table: HookTable = emptyTable();
  private readonly ema = new DebiasedEma(BETA);

  /**
   * @param callbacks - callbacks to add
   * @param context - model, variables, optimizer, hyper handle, validBatchLoss
   */
  constructor(callbacks: Callback[] = [], context: Partial<Omit<CallbackContext, 'bus'>> = {}) {
    if (!Array.isArray(callbacks)) throw new CallbackOptionError(`CallbackBus callbacks must be an array of callbacks, got ${describeValue(callbacks)}`);
    if (typeof context !== 'object' || context === null) throw new CallbackOptionError(`CallbackBus context must be an object ({ model, variables, optimizer, hyper, validBatchLoss }), got ${describeValue(context)}`);
    rejectUnknownKeys(context, CONTEXT_KEYS, { path: 'CallbackBus context: ', what: 'a context field', listLabel: 'fields' }, (m) => new CallbackOptionError(m));
    this.state = createTrainState();
    this.context = {
      bus: this,
      model: context.model,
      variables: context.variables,
      optimizer: context.optimizer,
      hyper: context.hyper,
      validBatchLoss: context.validBatchLoss,
    };
    for (const cb of callbacks) this.add(cb);
  }

  /**
   * Adds a callback; names must be unique.
   */
  add(cb: Callback): void {
    checkCallback(cb);
    if (this.callbacks.some((c) => c.name === cb.name)) {
      throw new CallbackOptionError(`callback name "${cb.name}" is already on this bus: names must be unique`);
    }
    const order: unknown = cb.order ?? 0;
    if (typeof order !== 'number' || !Number.isFinite(order)) {
      throw new CallbackOptionError(`callback "${cb.name}" has order ${describeValue(order)}: it must be a finite number`);
    }
    this.callbacks.push(cb);
    this.rebuild();
  }

  /**
   * Removes the callback with this name (no-op when absent).
   * @param name - the callback's name
   */
  remove(name: string): void {
    const i = this.callbacks.findIndex((c) => c.name === name);
    if (i >= 0) {
      this.callbacks.splice(i, 1);
      this.rebuild();
    }
  }

  /**
   * Finds a callback by class (typed: `bus.get(Recorder)` is a `Recorder | undefined`) or by name.
   * @param key - the callback's class, or its name
   * @returns the first callback of that class, or the one with that name, if any
   */
  get<T extends Callback>(key: abstract new (...args: never[]) => T): T | undefined;
  get(key: string): Callback | undefined;
  get(key: string | (abstract new (...args: never[]) => Callback)): Callback | undefined {
    if (typeof key === 'string') return this.callbacks.find((c) => c.name === key);
    return this.callbacks.find((c) => c instanceof key);
  }

  /**
   * Sends a warning through the bus's one warning channel, {@link CallbackBus.onWarning}.
   * @param message - what went wrong and what to do
   */
  warn(message: string): void {
    this.onWarning(message);
  }

  /** @returns the callbacks in the order they run */
  list(): readonly Callback[] {
    return this.sorted();
  }

  /**
   * Applies `patch` to the state, then runs each callback's hook for `event` in order, merging
   * any partial state a hook returns. Cancel errors pass through; other errors become CallbackError.
   * @param patch - state changes to apply first (a `lastLoss` updates `smoothLoss`)
   * @returns a promise that settles after the last hook
   */
  fire(event: CallbackEvent, patch?: Partial<TrainState>): Promise<void> {
    if (!Object.hasOwn(this.table, event)) return Promise.reject(unknownEvent(event));
    if (event === 'onTrainBegin') this.resetRun();
    else if (event === 'onBatchBegin') this.state.skipStep = false;
    if (patch !== undefined) this.applyPatch(patch);
    const list = this.table[event];
    for (let i = 0; i < list.length; i++) {
      const cb = list[i];
      const hook = cb?.[event];
      if (cb === undefined || hook === undefined) continue;
      let r: HookResult;
      try {
        r = hook.call(cb, this.state, this.context);
      } catch (e) {
        return Promise.reject(this.wrap(e, cb, event));
      }
      if (r !== undefined && r !== null) {
        if (r instanceof Promise) return this.finishAsync(event, list, cb, i, r);
        Object.assign(this.state, r);
      }
    }
    return RESOLVED;
  }

  /**
   * Runs a whole training run: fires onTrainBegin, `body`, then onTrainEnd even on a cancel or an
   * error (the error is rethrown after onTrainEnd).
   * @param body - the epochs
   * @param patch - state for onTrainBegin (numEpochs, numIterations, ...)
   */
  async runFit(body: () => Promise<void>, patch?: Partial<TrainState>): Promise<void> {
    let failure: unknown;
    let failed = false;
    try {
      await this.fire('onTrainBegin', patch);
      await body();
    } catch (e) {
      if (!isCancelError(e)) {
        failed = true;
        failure = e;
      }
    }
    try {
      await this.fire('onTrainEnd');
    } catch (e) {
      if (!failed) throw e;
    }
    if (failed) throw failure;
  }

  /**
   * Runs one epoch: onEpochBegin, `body`, onEpochEnd (also after CancelEpochError/CancelFitError;
   * CancelFitError is rethrown after onEpochEnd).
   * @param body - the batches and validation
   * @param patch - state for onEpochBegin (epoch, ...)
   */
  async runEpoch(body: () => Promise<void>, patch?: Partial<TrainState>): Promise<void> {
    let fit: CancelFitError | undefined;
    try {
      await this.fire('onEpochBegin', patch);
      await body();
    } catch (e) {
      if (e instanceof CancelFitError) fit = e;
      else if (!(e instanceof CancelEpochError)) throw e;
    }
    await this.fire('onEpochEnd');
    if (fit !== undefined || this.state.stopTraining) throw fit ?? new CancelFitError('stopTraining was set');
  }

  /**
   * Runs one batch: onBatchBegin, `body`, onBatchEnd (also after any cancel error; CancelEpochError
   * and CancelFitError are rethrown after onBatchEnd).
   * @param body - forward, loss, backward, step (firing the inner events)
   * @param patch - state for onBatchBegin (iteration, batch, ...)
   */
  async runBatch(body: () => Promise<void>, patch?: Partial<TrainState>): Promise<void> {
    let outer: CancelEpochError | CancelFitError | undefined;
    try {
      await this.fire('onBatchBegin', patch);
      await body();
    } catch (e) {
      if (e instanceof CancelEpochError || e instanceof CancelFitError) outer = e;
      else if (!(e instanceof CancelBatchError)) throw e;
    }
    await this.fire('onBatchEnd');
    if (outer !== undefined) throw outer;
    if (this.state.stopTraining) throw new CancelEpochError('stopTraining was set');
  }

  private async finishAsync(
    event: CallbackEvent,
    list: Callback[],
    first: Callback,
    at: number,
    pending: Promise<void | Partial<TrainState>>,
  ): Promise<void> {
    let r: void | Partial<TrainState>;
    try {
      r = await pending;
    } catch (e) {
      throw this.wrap(e, first, event);
    }
    if (r !== undefined && r !== null) Object.assign(this.state, r);
    for (let i = at + 1; i < list.length; i++) {
      const cb = list[i];
      const hook = cb?.[event];
      if (cb === undefined || hook === undefined) continue;
      try {
        r = await hook.call(cb, this.state, this.context);
      } catch (e) {
        throw this.wrap(e, cb, event);
      }
      if (r !== undefined && r !== null) Object.assign(this.state, r);
    }
  }

  /**
   * Continues `smoothLoss` from losses reported before this run, as if they had come in this run:
   * a resumed fit passes the losses recorded before the resume point, so its smoothed loss goes on
   * exactly as an uninterrupted fit's would. Call it after `onTrainBegin`, which starts the average over.
   * @param losses - the earlier raw losses, oldest first
   */
  continueSmoothLoss(losses: readonly number[]): void {
    for (const loss of losses) this.addLoss(loss);
  }

  private applyPatch(patch: Partial<TrainState>): void {
    Object.assign(this.state, patch);
    if (patch.lastLoss !== undefined) this.addLoss(patch.lastLoss);
  }

  private addLoss(loss: number): void {
    this.state.smoothLoss = this.ema.update(loss);
  }

  private resetRun(): void {
    this.ema.reset();
    const s = this.state;
    s.smoothLoss = undefined;
    s.lastLoss = undefined;
    s.stopTraining = false;
    s.skipStep = false;
    s.skipValidate = false;
  }

  private wrap(e: unknown, cb: Callback, event: CallbackEvent): unknown {
    if (isCancelError(e) || e instanceof CallbackError) return e;
    return new CallbackError(cb.name, event, e);
  }

  private sorted(): Callback[] {
    return this.callbacks
      .map((cb, i) => ({ cb, i }))
      .sort((a, b) => (a.cb.order ?? 0) - (b.cb.order ?? 0) || a.i - b.i)
      .map((x) => x.cb);
  }

  private rebuild(): void {
    const sorted = this.sorted();
    const t = emptyTable();
    for (const e of CALLBACK_EVENTS) t[e] = sorted.filter((cb) => typeof cb[e] === 'function');
    this.table = t;
  }
}
