import { describeValue } from '@onecycle/core-schedules';
import { CallbackOptionError } from './errors';
import { createLiveBar } from './liveBar';
import { boolOption, checkOptionsObject } from './checkOptionsObject';
import type { LiveBar } from './liveBar';
import type { Callback, TrainState } from './callback';

/**
 * Where a {@link ProgressBar} writes: anything with `write(text)`, such as `process.stdout`. Typed
 * structurally (not as Node's `NodeJS.WritableStream`) so the package's types need no `@types/node`.
 */
export interface ProgressStream {
  write(text: string): unknown;
  /** True on a terminal (the live bar is drawn only there). */
  isTTY?: boolean;
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Where to write; a live bar needs a Node writable stream. @default process.stdout */
  stream?: ProgressStream;
  /** Live bar (true) or one plain line per epoch (false). @default stream is a TTY and CI is not set */
  live?: boolean;
  /** Print the epoch table. @default true */
  table?: boolean;
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const num = (v: number | undefined): string => (v === undefined ? '' : Number.isFinite(v) ? v.toFixed(6) : String(v));

/**
 * Shows training progress: on a TTY a live bar (cli-progress) with ETA and the smoothed loss; when
 * not a TTY or when `CI` is set, plain output; in both cases a fastai-like epoch table
 * (epoch, train_loss, valid_loss, each metric, time).
 */
export class ProgressBar implements Callback {
  readonly name: string = 'ProgressBar';
  /** Runs after the recorder. @default 60 */
  order = 60;
  private readonly stream: ProgressStream;
  private readonly barStream: ProgressStream | undefined;
  private readonly live: boolean;
  private readonly table: boolean;
  private bar: LiveBar | undefined;
  private columns: string[] = [];
  private epochStart = 0;

  /**
   * @param options - stream, live, table
   * @example
   * ```ts
   * const bus = new CallbackBus([new Recorder(), new ProgressBar()]);
   * ```
   */
  constructor(options: ProgressBarOptions = {}) {
    const opts = checkOptionsObject(options, 'ProgressBar', ['stream', 'live', 'table']);
    if (opts.stream !== undefined && (typeof opts.stream !== 'object' || opts.stream === null || typeof Reflect.get(opts.stream, 'write') !== 'function')) {
      throw new CallbackOptionError(`ProgressBar stream must be a writable stream (with write(text)), got ${describeValue(opts.stream)}`);
    }
    const hasProcess = typeof process !== 'undefined' && typeof process.stdout !== 'undefined';
    this.barStream = opts.stream ?? (hasProcess ? process.stdout : undefined);
    // without Node streams (a browser), rows go to console.log
    this.stream = this.barStream ?? { write: (text: string) => console.log(text.replace(/\n$/, '')) };
    const ci = hasProcess && process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
    this.live = this.barStream !== undefined && boolOption(opts.live, 'ProgressBar live', this.barStream.isTTY === true && !ci);
    this.table = boolOption(opts.table, 'ProgressBar table', true);
  }

  /** Whether the live bar is used. */
  get isLive(): boolean {
    return this.live;
  }

  /** Resets the table. */
  onTrainBegin(): void {
    this.columns = [];
  }

  /**
   * Starts the bar for this epoch.
   */
  onEpochBegin(state: TrainState): void {
    this.epochStart = Date.now();
    if (!this.live || this.barStream === undefined) return;
    this.bar?.stop();
    this.bar = createLiveBar(this.barStream);
    this.bar.start(state.batchesPerEpoch ?? 0, 0, { ep: state.epoch + 1, eps: state.numEpochs, loss: '-' });
  }

  /**
   * Advances the bar.
   */
  onBatchEnd(state: TrainState): void {
    if (this.bar === undefined) return;
    const loss = state.smoothLoss === undefined ? '-' : state.smoothLoss.toFixed(4);
    if (state.batchesPerEpoch === undefined) this.bar.setTotal(state.batch + 1);
    this.bar.update(state.batch + 1, { loss });
  }

  /**
   * Stops the bar and prints the epoch's row.
   */
  onEpochEnd(state: TrainState): void {
    this.bar?.stop();
    this.bar = undefined;
    if (!this.table) {
      if (!this.live) this.stream.write(`epoch ${state.epoch + 1}/${state.numEpochs} loss ${num(state.smoothLoss)}\n`);
      return;
    }
    const metricNames = Object.keys(state.metrics);
    if (this.columns.length === 0) {
      this.columns = ['epoch', 'train_loss', 'valid_loss', ...metricNames, 'time'];
      this.stream.write(this.columns.map((c) => c.padEnd(Math.max(c.length, 10))).join('  ').trimEnd() + '\n');
    }
    const values = [
      String(state.epoch),
      num(state.smoothLoss),
      num(state.validLoss),
      ...this.columns.slice(3, -1).map((m) => num(state.metrics[m])),
      clock((Date.now() - this.epochStart) / 1000),
    ];
    this.stream.write(values.map((v, i) => v.padEnd(Math.max((this.columns[i] ?? '').length, 10))).join('  ').trimEnd() + '\n');
  }

  /** Stops a bar left running (after a cancel or an error). */
  onTrainEnd(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
