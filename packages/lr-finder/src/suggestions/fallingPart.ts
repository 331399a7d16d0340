import { argMin, isFlat } from './prepareCurve';
import type { PreparedCurve } from './prepareCurve';

/** A suggestion, or why there is none. */
export type Verdict<T> = { value: T; reason?: undefined } | { value: null; reason: string };

/** Default of `minDrop`: the smoothed loss must fall by 1% of its first kept value. */
export const MIN_DROP = 0.01;

/**
 * Half-width `h` of the window the falling suggestions measure slopes over: about a tenth of
 * the kept points (9 for fastai's 100 iterations, whose window spans about 1.4 decades of lr), at least 1. A slope taken across `2h + 1`
 * points cannot be won by one noisy pair, as a neighbour-to-neighbour slope can.
 * @param n - points kept
 * @returns h
 */
export function windowHalf(n: number): number {
  return Math.max(1, Math.round(n / 10));
}

/**
 * Slopes of loss against log10(lr) across windows of `2h + 1` points: entry `i` is
 * `(l[i+2h] - l[i]) / (log10 lr[i+2h] - log10 lr[i])`, the slope at the window's centre `i + h`.
 * @param c - the kept curve
 * @param h - half-width
 * @returns one slope per centre `h … n-1-h`
 */
export function centredSlopes(c: PreparedCurve, h: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 2 * h < c.losses.length; i++) {
    const dx = Math.log10(c.lrs[i + 2 * h] ?? 1) - Math.log10(c.lrs[i] ?? 1);
    const dy = (c.losses[i + 2 * h] ?? 0) - (c.losses[i] ?? 0);
    out.push(dx === 0 ? 0 : dy / dx);
  }
  return out;
}

/** What {@link fallingPart} found: the window slopes up to the lowest loss and the steepest. */
export interface FallingPart {
  /** Half-width of the windows. */
  h: number;
  /** Slopes at centres `h …` up to the lowest point (centre index = slope index + h). */
  slopes: number[];
  /** Index of the steepest (most negative) slope in `slopes`. */
  steepest: number;
}

/**
 * The part of a kept curve where it really falls, or why it has none: too few points, flat, a
 * fall smaller than `minDrop` of the first kept loss, the lowest point within the first window,
 * or no window over which the loss falls.
 * @param c - the kept curve
 * @param minDrop - smallest fall that counts, as a fraction of the first kept loss
 * @returns the slopes, or the reason
 */
export function fallingPart(c: PreparedCurve, minDrop: number): { part: FallingPart; reason?: undefined } | { part: null; reason: string } {
  const n = c.losses.length;
  const h = windowHalf(n);
  if (n < 2 * h + 1) return { part: null, reason: `only ${n} points are left after skipStart/skipEnd: run more iterations (numIt)` };
  if (isFlat(c.losses)) return { part: null, reason: 'the smoothed loss does not change' };
  const m = argMin(c.losses);
  const first = c.losses[0] ?? 0;
  const drop = first - (c.losses[m] ?? first);
  if (!(drop > minDrop * Math.abs(first))) {
    const pct = first === 0 ? 0 : (100 * drop) / Math.abs(first);
    return { part: null, reason: `the smoothed loss falls by only ${pct.toPrecision(2)}% (less than ${100 * minDrop}%): start the test at a lower startLr, or train with a loss that can fall` };
  }
  if (m < h) return { part: null, reason: `the smoothed loss is lowest within the first ${h + 1} kept points: start the test at a lower startLr` };
  const slopes = centredSlopes(c, h).slice(0, Math.min(m, n - 1 - h) - h + 1);
  const steepest = argMin(slopes);
  if (!((slopes[steepest] ?? 0) < 0)) return { part: null, reason: `the smoothed loss never falls across ${2 * h + 1} points` };
  return { part: { h, slopes, steepest } };
}
