import { closestName } from './closestName';

/**
 * Base class of every error `@onecycle/sweep` throws on purpose, so a caller can tell a bad sweep
 * from a crash with one `instanceof`.
 * @example
 * ```ts
 * try { await runSweep(opts); } catch (err) { if (err instanceof SweepError) console.error(err.message); }
 * ```
 */
export class SweepError extends Error {
  override readonly name: string = 'SweepError';
}

/**
 * A sweep config (sweep.json) is invalid. The message starts with the field path (`grid`,
 * `metric.at`, `variants.clr`), then the value and what is allowed; an unknown field names the
 * closest valid one.
 * @example
 * ```ts
 * throw new SweepConfigError('seeds', [-1], 'a list of whole numbers >= 0');
 * ```
 */
export class SweepConfigError extends SweepError {
  override readonly name: string = 'SweepConfigError';
  /** The field path that is wrong (`''` for the whole config). */
  readonly path: string;

  /**
   * @param path - the field path
   * @param value - the value found
   * @param allowed - what is allowed there
   * @param options - the underlying error, if any
   */
  constructor(path: string, value: unknown, allowed: string, options?: { cause?: unknown }) {
    super(`${path === '' ? 'the sweep config' : path} must be ${allowed}, got ${showValue(value)}`, options);
    this.path = path;
  }
}

/**
 * A sweep config has a field the format does not know; the message names the closest valid one,
 * as a typo is the usual cause.
 * @example
 * ```ts
 * throw new UnknownFieldError('', 'seed', ['seeds', 'grid']);
 * ```
 */
export class UnknownFieldError extends SweepConfigError {
  override readonly name: string = 'UnknownFieldError';

  /**
   * @param parent - the path of the object holding the field (`''` at the top)
   * @param field - the unknown field
   * @param known - the fields allowed there
   */
  constructor(parent: string, field: string, known: readonly string[]) {
    const at = parent === '' ? field : `${parent}.${field}`;
    const near = closestName(field, known);
    super(at, undefined, 'left out');
    this.message = `${at} is not a known field${near === undefined ? '' : ` (did you mean '${near}'?)`}; fields: ${known.join(', ')}`;
  }
}

/**
 * The output folder cannot take this sweep: it holds another sweep, or a sweep without `--resume`.
 * @example
 * ```ts
 * throw new SweepOutputError('out/a holds a sweep already: resume it or choose another folder');
 * ```
 */
export class SweepOutputError extends SweepError {
  override readonly name: string = 'SweepOutputError';
}

/**
 * A runner module cannot be used: it does not load, or has no `run` function.
 * @example
 * ```ts
 * throw new RunnerModuleError('./runner.mjs exports no function `run`');
 * ```
 */
export class RunnerModuleError extends SweepError {
  override readonly name: string = 'RunnerModuleError';
}

/**
 * One run failed: its runner threw, or its worker process died. The sweep goes on; the run is
 * listed as failed in results.json and run again by a resume.
 * @example
 * ```ts
 * throw new RunFailedError('c01-wd=0.001/seed-2', 'worker exited with signal SIGKILL');
 * ```
 */
export class RunFailedError extends SweepError {
  override readonly name: string = 'RunFailedError';
  /** The run that failed. */
  readonly runId: string;

  /**
   * @param reason - what went wrong
   */
  constructor(runId: string, reason: string) {
    super(`run ${runId} failed: ${reason}`);
    this.runId = runId;
  }
}

/** A value as it appears in a message. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * A run config of the sweep (the base with a cell's values and a seed) fails the runner's own
 * validation; found before any run starts. The message names the cell and the runner's field path.
 * @example
 * ```ts
 * throw new RunConfigError('c02-wd=-1/seed-0', 'optimizer.weightDecay must be a number >= 0, got -1');
 * ```
 */
export class RunConfigError extends SweepError {
  override readonly name: string = 'RunConfigError';
  /** The first run whose config is invalid. */
  readonly runId: string;

  /**
   * @param reason - the runner's message
   * @param options - the runner's error
   */
  constructor(runId: string, reason: string, options?: { cause?: unknown }) {
    super(`the config of run ${runId} is invalid: ${reason}`, options);
    this.runId = runId;
  }
}
