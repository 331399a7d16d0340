import { LrFinderError } from './errors';
import { suggestAll } from './suggestions/suggestAll';
import type { LrFindResult, RepeatsSummary, SuggestionName, SuggestionSpread } from '@onecycle/core-schedules';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

function spread(values: Array<number | null>): SuggestionSpread {
  const v = values.filter((x): x is number => x !== null);
  if (v.length === 0) return { median: null, min: null, max: null };
  return { median: median(v), min: Math.min(...v), max: Math.max(...v) };
}

/**
 * Combines repeated range tests run on the same lr grid: per lr, the median smoothed loss while
 * every run is still going (NaN from the first lr a run did not reach with a finite loss: a
 * median over fewer runs would jump), the lowest and highest over the runs that reached it, and
 * for each suggestion its median, min and max over the runs.
 *
 * The returned result carries the first run's curve, with `suggestions` computed on the median
 * curve and `repeats` holding the statistics.
 *
 * @param runs - results of the single runs (at least one), all from the same options.
 * @example
 * ```ts
 * const all = combineRepeats([r1, r2, r3]);
 * all.repeats?.suggestionSpread.valley; // { median, min, max }
 * ```
 */
export function combineRepeats(runs: readonly LrFindResult[]): LrFindResult {
  const first = runs[0];
  if (first === undefined) throw new LrFinderError('combineRepeats needs at least one run (an array of LR finder results)');
  let longest = first;
  for (const r of runs) if (r.lrs.length > longest.lrs.length) longest = r;
  const lrs = [...longest.lrs];
  const med: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  for (let k = 0; k < lrs.length; k++) {
    const vals = runs.map((r) => r.smoothLosses[k]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    // The median stops where a run stopped: over fewer runs it would jump (and fake a steep drop).
    med.push(vals.length < runs.length ? NaN : median(vals));
    low.push(vals.length === 0 ? NaN : Math.min(...vals));
    high.push(vals.length === 0 ? NaN : Math.max(...vals));
  }
  const of = (name: SuggestionName): SuggestionSpread => spread(runs.map((r) => r.suggestions[name]));
  const suggestionSpread: Record<SuggestionName, SuggestionSpread> = {
    valley: of('valley'), slide: of('slide'), minimum: of('minimum'), steep: of('steep'),
  };
  const repeats: RepeatsSummary = { n: runs.length, lrs, median: med, low, high, suggestionSpread };
  return {
    ...first,
    suggestions: suggestAll(lrs, med, { skipStart: first.skipStart, skipEnd: first.skipEnd }),
    repeats,
  };
}
