import { VizError } from './errors';

/** Smallest `maxPoints` accepted by {@link subsample}. */
export const MIN_POINTS = 8;

/**
 * Reduces a long series to at most `maxPoints` rows without losing peaks or troughs: the rows
 * are cut into equal buckets and each bucket keeps, for every value key, the row holding its
 * minimum and the row holding its maximum (min/max decimation, as in M4 / LTTB-style plotting
 * of time series). The first and last rows are always kept, order is preserved.
 * @param rows - rows sorted by their x value.
 * @param keys - value keys whose extremes must survive (e.g. `['lr', 'mom']`).
 * @param maxPoints - the most rows to return; integer >= 8. @default 2000
 * @returns `rows` itself when short enough, else a subset in the same order.
 * @example
 * ```ts
 * const few = subsample(points, ['lr', 'mom'], 500);
 * ```
 */
export function subsample<T extends object>(rows: readonly T[], keys: ReadonlyArray<keyof T & string>, maxPoints = 2000): T[] {
  if (!Number.isInteger(maxPoints) || maxPoints < MIN_POINTS) {
    throw new VizError(`maxPoints must be an integer >= ${MIN_POINTS}, got ${String(maxPoints)}: it is the most points drawn per series`);
  }
  const n = rows.length;
  if (n <= maxPoints) return rows.slice();
  const perBucket = 2 * Math.max(1, keys.length);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / perBucket));
  const keep = new Set<number>([0, n - 1]);
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    for (const key of keys) {
      let lo = -1;
      let hi = -1;
      let loV = Infinity;
      let hiV = -Infinity;
      for (let i = start; i < end; i++) {
        const v = valueOf(rows[i], key);
        if (v === undefined) continue;
        if (v < loV) { loV = v; lo = i; }
        if (v > hiV) { hiV = v; hi = i; }
      }
      if (lo >= 0) keep.add(lo);
      if (hi >= 0) keep.add(hi);
    }
  }
  const out: T[] = [];
  for (const i of [...keep].sort((a, b) => a - b)) {
    const row = rows[i];
    if (row !== undefined) out.push(row);
  }
  return out;
}

function valueOf<T extends object>(row: T | undefined, key: keyof T & string): number | undefined {
  if (row === undefined) return undefined;
  const v: unknown = row[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
