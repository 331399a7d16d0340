import { describeValue, rejectUnknownKeys } from '@onecycle/core-schedules';
import { LrFinderError } from './errors';

/** Options of an LR range test. */
export interface LrFinderOptions {
  /** First lr. @default 1e-7 */
  startLr?: number;
  /** Last lr (reached exactly at iteration `numIt - 1`). @default 10 */
  endLr?: number;
  /** Iterations (batches, not epochs); the data wraps around as often as needed. @default 100 */
  numIt?: number;
  /** Geometric (`'exp'`) or arithmetic (`'linear'`) lr spacing. @default 'exp' */
  mode?: 'exp' | 'linear';
  /** Stop when the smoothed loss diverges or becomes non-finite. @default true */
  stopDiv?: boolean;
  /** Divergence: smoothed loss > `divergeFactor` x best smoothed loss. @default 4 */
  divergeFactor?: number;
  /** Momentum (or Adam beta1) held fixed during the test; unchanged when omitted. */
  mom?: number;
  /** Weight decay held fixed during the test (needs an optimizer that takes wd, e.g. sgdw/adamw). */
  wd?: number;
  /** Also record the loss on the next validation batch after each step (fastai `lr_find2`). @default false */
  validLoss?: boolean;
  /** Points the suggestions leave out at the start; also the warm-up before `best` is tracked. @default 10 */
  skipStart?: number;
  /** Points the suggestions leave out at the end. @default 5 */
  skipEnd?: number;
  /**
   * Factor of the debiased EMA that smooths the loss (fastai: 0.98; torch-lr-finder's
   * `smooth_f=0.05` is 0.95). The smoothed curve lags the raw one by about `beta / (1 - beta)`
   * iterations: lower it, or raise `numIt`, for a test with few iterations. @default 0.98
   */
  beta?: number;
}

/** {@link LrFinderOptions} with every default filled in. */
export interface ResolvedLrFinderOptions {
  /** First lr. */
  startLr: number;
  /** Last lr. */
  endLr: number;
  /** Iterations. */
  numIt: number;
  /** LR spacing. */
  mode: 'exp' | 'linear';
  /** Whether divergence / non-finite loss stops the test. */
  stopDiv: boolean;
  /** Divergence factor. */
  divergeFactor: number;
  /** Fixed momentum, or undefined to leave it. */
  mom: number | undefined;
  /** Fixed weight decay, or undefined to leave it. */
  wd: number | undefined;
  /** Whether validation losses are recorded. */
  validLoss: boolean;
  /** Points skipped at the start (and warm-up of the best loss). */
  skipStart: number;
  /** Points skipped at the end. */
  skipEnd: number;
  /** EMA factor. */
  beta: number;
}

/** The option names of {@link LrFinderOptions}, for the unknown-option check. */
export const LR_FINDER_OPTION_NAMES = ['startLr', 'endLr', 'numIt', 'mode', 'stopDiv', 'divergeFactor', 'mom', 'wd', 'validLoss', 'skipStart', 'skipEnd', 'beta'] as const;

/** The default only when the option is absent: `null` is a wrong value, not "use the default". */
function orDefault<T>(v: T | undefined, def: T): T {
  return v === undefined ? def : v;
}

function number(name: string, v: unknown): number {
  if (typeof v !== 'number') throw new LrFinderError(`${name} must be a number, got ${describeValue(v)}`);
  return v;
}

function positive(name: string, v: unknown, what: string): number {
  const n = number(name, v);
  if (!Number.isFinite(n) || n <= 0) throw new LrFinderError(`${name} must be a finite number > 0, got ${n}: ${what}`);
  return n;
}

function count(name: string, v: unknown, min: number): number {
  const n = number(name, v);
  if (!Number.isSafeInteger(n) || n < min) throw new LrFinderError(`${name} must be an integer >= ${min}, got ${n}`);
  return n;
}

function bool(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new LrFinderError(`${name} must be true or false, got ${describeValue(v)}`);
  return v;
}

/**
 * Fills in defaults and validates options before any training.
 *
 * @throws LrFinderError naming the bad option (startLr >= endLr, numIt < 10, divergeFactor <= 1, a
 *   string where a number belongs, an unknown option name, ...).
 */
export function resolveLrFinderOptions(opts: LrFinderOptions = {}): ResolvedLrFinderOptions {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw new LrFinderError(`LR finder options must be an object, got ${describeValue(opts)}`);
  rejectUnknownKeys(opts, LR_FINDER_OPTION_NAMES, { what: 'an LR finder option', listLabel: 'options' }, (m) => new LrFinderError(m));
  const startLr = positive('startLr', orDefault(opts.startLr, 1e-7), 'the first learning rate of the test');
  const endLr = positive('endLr', orDefault(opts.endLr, 10), 'the last learning rate of the test');
  if (startLr >= endLr) {
    throw new LrFinderError(`startLr must be < endLr, got startLr ${startLr} and endLr ${endLr}`);
  }
  const numIt = count('numIt', orDefault(opts.numIt, 100), 10);
  const mode: unknown = orDefault(opts.mode, 'exp');
  if (mode !== 'exp' && mode !== 'linear') {
    throw new LrFinderError(`mode must be 'exp' or 'linear', got ${describeValue(mode)}`);
  }
  const divergeFactor = number('divergeFactor', orDefault(opts.divergeFactor, 4));
  if (!Number.isFinite(divergeFactor) || divergeFactor <= 1) {
    throw new LrFinderError(`divergeFactor must be a finite number > 1, got ${divergeFactor}`);
  }
  const mom = opts.mom === undefined ? undefined : number('mom', opts.mom);
  if (mom !== undefined && !(Number.isFinite(mom) && mom >= 0 && mom < 1)) {
    throw new LrFinderError(`mom must be in [0, 1), got ${mom}`);
  }
  const wd = opts.wd === undefined ? undefined : number('wd', opts.wd);
  if (wd !== undefined && !(Number.isFinite(wd) && wd >= 0)) {
    throw new LrFinderError(`wd must be a finite number >= 0, got ${wd}`);
  }
  const beta = number('beta', orDefault(opts.beta, 0.98));
  if (!(Number.isFinite(beta) && beta >= 0 && beta < 1)) {
    throw new LrFinderError(`beta must be a number in [0, 1), got ${beta}: the factor of the loss's moving average`);
  }
  return {
    startLr,
    endLr,
    numIt,
    mode,
    stopDiv: bool('stopDiv', orDefault(opts.stopDiv, true)),
    divergeFactor,
    mom,
    wd,
    validLoss: bool('validLoss', orDefault(opts.validLoss, false)),
    skipStart: count('skipStart', orDefault(opts.skipStart, 10), 0),
    skipEnd: count('skipEnd', orDefault(opts.skipEnd, 5), 0),
    beta,
  };
}
