import { describeValue } from '@onecycle/core-schedules';
import { CallbackOptionError } from './errors';
import { writeFileAtomic } from '@onecycle/atomic-write';
import { checkOptionsObject, stringOption } from './checkOptionsObject';
import type { Callback, TrainState } from './callback';

/** Options of {@link CsvLogger}. */
export interface CsvLoggerOptions {
  /** Field separator. @default ',' */
  separator?: string;
}

/**
 * Writes one CSV row per epoch (epoch, train_loss, valid_loss, each metric, time) to `path`,
 * rewriting the whole file atomically each epoch (fastai's CSVLogger).
 */
export class CsvLogger implements Callback {
  readonly name: string = 'CsvLogger';
  /** Runs after the recorder. @default 80 */
  order = 80;
  private readonly path: string;
  private readonly sep: string;
  private rows: string[][] = [];
  private header: string[] = [];
  private epochStart = 0;

  /**
   * @param path - the CSV file
   * @param options - separator
   * @example
   * ```ts
   * new CsvLogger('out/history.csv')
   * ```
   */
  constructor(path: string, options: CsvLoggerOptions = {}) {
    if (typeof path !== 'string' || path.length === 0) throw new CallbackOptionError(`CsvLogger path must be a non-empty string, got ${describeValue(path)}`);
    const opts = checkOptionsObject(options, 'CsvLogger', ['separator']);
    this.path = path;
    this.sep = stringOption(opts.separator ?? ',', 'CsvLogger separator');
  }

  /** Starts a new file. */
  onTrainBegin(): void {
    this.rows = [];
    this.header = [];
  }

  /** Notes the time. */
  onEpochBegin(): void {
    this.epochStart = Date.now();
  }

  /**
   * Adds a row and rewrites the file.
   */
  async onEpochEnd(state: TrainState): Promise<void> {
    const metricNames = Object.keys(state.metrics);
    if (this.header.length === 0) this.header = ['epoch', 'train_loss', 'valid_loss', ...metricNames, 'time'];
    const metricCols = this.header.slice(3, -1);
    const fmt = (v: number | undefined): string => (v === undefined ? '' : String(v));
    this.rows.push([
      String(state.epoch),
      fmt(state.smoothLoss),
      fmt(state.validLoss),
      ...metricCols.map((m) => fmt(state.metrics[m])),
      ((Date.now() - this.epochStart) / 1000).toFixed(3),
    ]);
    const esc = (s: string): string => (s.includes(this.sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s);
    const text = [this.header, ...this.rows].map((r) => r.map(esc).join(this.sep)).join('\n') + '\n';
    await writeFileAtomic(this.path, text);
  }
}
