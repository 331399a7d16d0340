import { describeValue, rejectUnknownKeys } from '@onecycle/core-schedules';
import { LrFinderError } from '../errors';

/** Options shared by every suggestion function. */
export interface SuggestionOptions {
  /** Points left out at the start of the curve (fastai's `skip_start`). @default 10 */
  skipStart?: number;
  /** Points left out at the end of the curve (fastai's `skip_end`). @default 5 */
  skipEnd?: number;
  /**
   * `steep` and `range` need the smoothed loss to fall by at least this fraction of its first
   * kept value; below it the curve is noise and they give no point. @default 0.01
   */
  minDrop?: number;
}

/** A curve after validation, truncation at the first non-finite loss and skipping. */
export interface PreparedCurve {
  /** The learning rates kept. */
  lrs: number[];
  /** The losses kept (all finite). */
  losses: number[];
}

function checkSkip(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new LrFinderError(`${name} must be an integer >= 0, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks a suggestion function's options object: an object (or nothing) with known names only.
 *
 * @param fn - the function, for the message
 * @param extra - its option names beyond `skipStart` and `skipEnd`
 * @returns the skip counts, for {@link prepareCurve}
 * @throws LrFinderError naming an unknown option and the closest valid one
 */
export function checkSuggestionOptions(opts: object | undefined, fn: string, extra: readonly string[] = []): SuggestionOptions {
  if (opts === undefined) return {};
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw new LrFinderError(`${fn} options must be an object, got ${describeValue(opts)}`);
  rejectUnknownKeys(opts, ['skipStart', 'skipEnd', 'minDrop', ...extra], { what: `an option of ${fn}`, listLabel: 'options' }, (m) => new LrFinderError(m));
  const skipStart: unknown = Reflect.get(opts, 'skipStart');
  const skipEnd: unknown = Reflect.get(opts, 'skipEnd');
  const minDrop: unknown = Reflect.get(opts, 'minDrop');
  if (minDrop !== undefined && (typeof minDrop !== 'number' || !(minDrop >= 0 && minDrop < 1))) {
    throw new LrFinderError(`minDrop must be a number in [0, 1), got ${describeValue(minDrop)}: it is the smallest fall of the smoothed loss that counts, as a fraction of its first kept value`);
  }
  return {
    ...(skipStart === undefined ? {} : { skipStart: checkSkip('skipStart', skipStart) }),
    ...(skipEnd === undefined ? {} : { skipEnd: checkSkip('skipEnd', skipEnd) }),
    ...(minDrop === undefined ? {} : { minDrop }),
  };
}

/**
 * Validates `(lrs, losses)` and returns the part the suggestions look at: the curve is cut at its
 * first non-finite loss (a NaN/Infinity tail after divergence), then the first `skipStart` and the
 * last `skipEnd` points are dropped, as fastai's `lr_find` does before it suggests.
 *
 * @param lrs - learning rates, positive and finite, one per iteration.
 * @param losses - the (smoothed) loss at each learning rate.
 * @param opts - skip counts.
 * @returns the points left; possibly fewer than any suggestion needs (callers then return null).
 * @throws LrFinderError when the arrays differ in length or an lr is not a positive finite number.
 */
export function prepareCurve(lrs: readonly number[], losses: readonly number[], opts: SuggestionOptions = {}): PreparedCurve {
  const skips = checkSuggestionOptions(opts, 'prepareCurve');
  const skipStart = skips.skipStart ?? 10;
  const skipEnd = skips.skipEnd ?? 5;
  if (!Array.isArray(lrs) || !Array.isArray(losses)) {
    throw new LrFinderError(`lrs and losses must be arrays of numbers, got ${describeValue(lrs)} and ${describeValue(losses)}`);
  }
  if (lrs.length !== losses.length) {
    throw new LrFinderError(`lrs and losses must have the same length, got ${lrs.length} and ${losses.length}`);
  }
  lrs.forEach((lr, i) => {
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
      throw new LrFinderError(`lrs[${i}] must be a positive finite number, got ${describeValue(lr)}`);
    }
  });
  let end = losses.findIndex((l) => !Number.isFinite(l));
  if (end < 0) end = losses.length;
  const stop = Math.max(skipStart, end - skipEnd);
  return { lrs: lrs.slice(skipStart, stop), losses: losses.slice(skipStart, stop) };
}

/**
 * True when a curve holds no information: all losses equal up to a relative tolerance of 1e-9.
 *
 * @param losses - finite losses.
 * @returns whether the curve is flat.
 */
export function isFlat(losses: readonly number[]): boolean {
  if (losses.length === 0) return true;
  const hi = Math.max(...losses);
  const lo = Math.min(...losses);
  return hi - lo <= 1e-9 * Math.max(1, Math.abs(hi), Math.abs(lo));
}

/**
 * Index of the first minimum.
 * @param values - numbers.
 * @returns the index (0 for an empty array).
 */
export function argMin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if ((values[i] ?? Infinity) < (values[best] ?? Infinity)) best = i;
  }
  return best;
}

/**
 * Slopes of loss against log10(lr) between neighbouring points: `(l[i+1]-l[i]) / (log10 lr[i+1] - log10 lr[i])`.
 * Points with equal lr get slope 0.
 *
 * @param lrs - learning rates.
 * @returns `lrs.length - 1` slopes.
 */
export function logSlopes(lrs: readonly number[], losses: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < lrs.length; i++) {
    const dx = Math.log10(lrs[i + 1] ?? 1) - Math.log10(lrs[i] ?? 1);
    const dy = (losses[i + 1] ?? 0) - (losses[i] ?? 0);
    out.push(dx === 0 ? 0 : dy / dx);
  }
  return out;
}
