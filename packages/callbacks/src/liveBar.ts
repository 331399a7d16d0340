import cliProgress from 'cli-progress';
import { CallbackOptionError } from './errors';

/** The part of a live terminal bar that {@link ProgressBar} drives. */
export interface LiveBar {
  /** Shows the bar at `value` of `total`, with the format's `{…}` fields. */
  start(total: number, value: number, payload: Record<string, unknown>): void;
  /** Moves the bar and updates the fields. */
  update(value: number, payload: Record<string, unknown>): void;
  /** Changes the total (when the epoch length is unknown). */
  setTotal(total: number): void;
  /** Stops and clears the bar. */
  stop(): void;
}

/** A stream with Node's writable methods (cli-progress draws with them). */
function isNodeWritable(s: { write(text: string): unknown }): s is NodeJS.WritableStream {
  return typeof Reflect.get(s, 'on') === 'function' && typeof Reflect.get(s, 'end') === 'function';
}

/**
 * A live bar on a terminal stream (cli-progress's `SingleBar`), with ETA and the smoothed loss.
 * @param stream - the terminal to draw on: a Node writable stream such as `process.stdout`
 * @returns the bar, not started
 * @throws CallbackOptionError when the stream is not a Node writable stream
 */
export function createLiveBar(stream: { write(text: string): unknown }): LiveBar {
  if (!isNodeWritable(stream)) {
    throw new CallbackOptionError('ProgressBar live: true needs a Node writable stream (such as process.stdout) as stream; give live: false for any other writer');
  }
  return new cliProgress.SingleBar(
    {
      stream,
      format: 'epoch {ep}/{eps} |{bar}| {value}/{total} [{duration_formatted}<{eta_formatted}] loss {loss}',
      clearOnComplete: true,
      hideCursor: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
}
