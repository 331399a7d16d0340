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

function positive(name: string, v: number, what: string): void {
  if (!Number.isFinite(v) || v <= 0) throw new LrFinderError(`${name} must be a finite number > 0, got ${v}: ${what}`);
}

function count(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new LrFinderError(`${name} must be an integer >= ${min}, got ${v}`);
}

/**
 * Fills in defaults and validates options before any training.
 *
 * @param opts - user options.
 * @returns the resolved options.
 * @throws LrFinderError naming the bad option (startLr >= endLr, numIt < 10, divergeFactor <= 1, ...).
 */
export function resolveLrFinderOptions(opts: LrFinderOptions = {}): ResolvedLrFinderOptions {
  const r: ResolvedLrFinderOptions = {
    startLr: opts.startLr ?? 1e-7,
    endLr: opts.endLr ?? 10,
    numIt: opts.numIt ?? 100,
    mode: opts.mode ?? 'exp',
    stopDiv: opts.stopDiv ?? true,
    divergeFactor: opts.divergeFactor ?? 4,
    mom: opts.mom,
    wd: opts.wd,
    validLoss: opts.validLoss ?? false,
    skipStart: opts.skipStart ?? 10,
    skipEnd: opts.skipEnd ?? 5,
    beta: opts.beta ?? 0.98,
  };
  positive('startLr', r.startLr, 'the first learning rate of the test');
  positive('endLr', r.endLr, 'the last learning rate of the test');
  if (r.startLr >= r.endLr) {
    throw new LrFinderError(`startLr must be < endLr, got startLr ${r.startLr} and endLr ${r.endLr}`);
  }
  count('numIt', r.numIt, 10);
  if (r.mode !== 'exp' && r.mode !== 'linear') {
    throw new LrFinderError(`mode must be 'exp' or 'linear', got ${String(r.mode)}`);
  }
  if (!Number.isFinite(r.divergeFactor) || r.divergeFactor <= 1) {
    throw new LrFinderError(`divergeFactor must be a finite number > 1, got ${r.divergeFactor}`);
  }
  if (r.mom !== undefined && !(Number.isFinite(r.mom) && r.mom >= 0 && r.mom < 1)) {
    throw new LrFinderError(`mom must be in [0, 1), got ${r.mom}`);
  }
  if (r.wd !== undefined && !(Number.isFinite(r.wd) && r.wd >= 0)) {
    throw new LrFinderError(`wd must be a finite number >= 0, got ${r.wd}`);
  }
  if (!(Number.isFinite(r.beta) && r.beta >= 0 && r.beta < 1)) {
    throw new LrFinderError(`beta must be a number in [0, 1), got ${r.beta}: the factor of the loss's moving average`);
  }
  count('skipStart', r.skipStart, 0);
  count('skipEnd', r.skipEnd, 0);
  return r;
}
