import cliProgress from 'cli-progress';

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

/**
 * A live bar on a terminal stream (cli-progress's `SingleBar`), with ETA and the smoothed loss.
 * @param stream - the terminal to draw on
 * @returns the bar, not started
 */
export function createLiveBar(stream: NodeJS.WritableStream): LiveBar {
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
