import { VizError } from './errors';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Runs a redraw at most once per `intervalMs`, however often it is asked for: the first request
 * after a quiet spell runs on the next tick, later ones are merged into one trailing run (so the
 * last point always gets drawn). With a `budget` below 1 the gap after a run also grows with what
 * the run cost, so that runs take at most that fraction of the time: on a slow machine (or with
 * software rendering) the charts update less often instead of slowing training down.
 * Runs never overlap: an async redraw finishes before the next starts.
 * A redraw that fails keeps its error for {@link Throttle.flush} to throw, so a training loop is
 * not interrupted mid-epoch by a chart but still learns about it.
 */
export class Throttle {
  /** Shortest time between two runs, in milliseconds. */
  readonly intervalMs: number;
  /** Most fraction of the time spent in runs. */
  readonly budget: number;
  private readonly run: () => void | Promise<void>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextAt = -Infinity;
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  /**
   * @param run - the redraw
   * @param intervalMs - shortest time between two runs; a finite number >= 0
   * @param budget - most fraction of the time spent in runs, in (0, 1]; 1 leaves only `intervalMs`
   */
  constructor(run: () => void | Promise<void>, intervalMs: number, budget = 1) {
    if (!Number.isFinite(intervalMs) || intervalMs < 0) {
      throw new VizError(`throttleMs must be a finite number >= 0, got ${String(intervalMs)}: it is the shortest time in milliseconds between two redraws (100 gives at most 10 a second)`);
    }
    if (!(budget > 0 && budget <= 1)) {
      throw new VizError(`drawBudget must be in (0, 1], got ${String(budget)}: it is the most fraction of the time spent redrawing (0.01 is 1 %)`);
    }
    this.run = run;
    this.intervalMs = intervalMs;
    this.budget = budget;
  }

  /** Asks for a run; cheap when one is already scheduled (one comparison). */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.nextAt - now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, wait);
  }

  /**
   * Runs now when a run is waiting, and waits for every run to finish.
   * @returns a promise that rejects with the first error a run threw since the last flush
   */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.start();
    }
    await this.chain;
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) throw failure.error;
  }

  /** Drops a waiting run (nothing is drawn); a run in progress finishes. */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private start(): void {
    this.chain = this.chain.then(async () => {
      const t0 = now();
      this.nextAt = t0 + this.intervalMs;
      try {
        await this.run();
      } finally {
        // a run of d ms is followed by at least d (1 - budget) / budget ms without one
        const end = now();
        this.nextAt = Math.max(t0 + this.intervalMs, end + ((end - t0) * (1 - this.budget)) / this.budget);
      }
    }).catch((error: unknown) => {
      this.failure ??= { error };
    });
  }
}
