/** A data row: numbers (finite only) and labels. */
export type Row = Record<string, number | string>;

/**
 * Builds a row keeping only the finite numbers (Vega-Lite data must be JSON: no NaN or
 * Infinity; a missing field breaks the line there instead).
 * @param fields - candidate values; non-finite and undefined numbers are left out.
 */
export function finiteRow(fields: Record<string, number | string | undefined>): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) row[k] = v;
  }
  return row;
}

/**
 * Drops the first `skipStart` and last `skipEnd` items, as fastai's `plot_lr_find` does
 * (`lrs[skip_start:-skip_end]`, nothing dropped at the end when `skip_end` is 0).
 * @param xs - the series.
 * @param skipStart - items dropped at the start.
 * @param skipEnd - items dropped at the end.
 * @returns the trimmed copy.
 */
export function trim<T>(xs: readonly T[], skipStart: number, skipEnd: number): T[] {
  return xs.slice(skipStart, Math.max(skipStart, xs.length - skipEnd));
}
