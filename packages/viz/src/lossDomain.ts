import type { Row } from './finiteRow';
import { trim } from './finiteRow';
import type { LrFindResultLike } from './stepScheduleLike';

/**
 * The loss-axis range of a finder chart: from the lowest drawn value to the highest smoothed
 * (or repeat-band) value, padded 5% (not below 0 when every loss is >= 0). Raw and validation spikes past it are clipped, so one
 * noisy batch near divergence cannot flatten the curve the user reads.
 * @param rows - the trimmed chart rows (`raw`, `smooth`, `valid`).
 * @param result - the finder result (for the repeat band).
 * @param skipStart - points trimmed at the start.
 * @param skipEnd - points trimmed at the end.
 * @returns `[min, max]`.
 */
export function lossDomain(rows: Row[], result: LrFindResultLike, skipStart: number, skipEnd: number): [number, number] {
  const lows: number[] = [];
  const highs: number[] = [];
  for (const r of rows) {
    for (const k of ['raw', 'smooth', 'valid']) {
      const v = r[k];
      if (typeof v === 'number') lows.push(v);
    }
    if (typeof r.smooth === 'number') highs.push(r.smooth);
  }
  if (result.repeats) {
    for (const v of trim(result.repeats.low, skipStart, skipEnd)) if (Number.isFinite(v)) lows.push(v);
    for (const v of trim(result.repeats.high, skipStart, skipEnd)) if (Number.isFinite(v)) highs.push(v);
  }
  const lo = Math.min(...lows);
  const hi = Math.max(...highs, lo);
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  // Losses are usually >= 0: then the padding stops at 0 instead of showing negative losses.
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
}
