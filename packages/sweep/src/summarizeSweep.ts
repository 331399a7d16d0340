import type { SweepCell } from './expandSweep';
import type { RunRecord } from './runRecord';
import { mean, sampleStd } from './sampleStd';
import type { SweepMetric } from './sweepMetric';

/** A cell's paired difference from the baseline: seed by seed, this cell minus the baseline. */
export interface PairedDifference {
  /** Seeds where both have a value. */
  n: number;
  /** Mean difference, or null when n is 0. */
  mean: number | null;
  /** Sample std of the differences. */
  std: number | null;
  /** Seeds where this cell is higher. */
  above: number;
  /** Seeds where it is lower. */
  below: number;
  /** Seeds where both are equal. */
  equal: number;
}

export interface CellSummary {
  name: string;
  /** Its runs (seeds). */
  runs: number;
  /** Runs with a metric value. */
  n: number;
  /** Mean of the values, or null. */
  mean: number | null;
  /** Sample std of the values. */
  std: number | null;
  /** The value per seed (null: failed, missing or never reached). */
  values: Array<{ seed: number; value: number | null }>;
  /** The paired difference from the baseline (absent for the baseline itself). */
  diff?: PairedDifference;
  /** The per-epoch mean ± std of the metric's series field, for the chart. */
  curve: Array<{ epoch: number; mean: number; std: number; n: number }>;
}

/** What summary.md, the chart and the report show. */
export interface SweepSummary {
  /** The metric compared. */
  metric: SweepMetric;
  /** The baseline cell. */
  baseline: string;
  /** One entry per cell, in sweep order. */
  cells: CellSummary[];
}

function paired(cell: CellSummary, base: CellSummary): PairedDifference {
  const baseBySeed = new Map(base.values.map((v) => [v.seed, v.value]));
  const diffs: number[] = [];
  for (const { seed, value } of cell.values) {
    const b = baseBySeed.get(seed);
    if (value !== null && b !== null && b !== undefined) diffs.push(value - b);
  }
  return {
    n: diffs.length, mean: mean(diffs), std: sampleStd(diffs),
    above: diffs.filter((d) => d > 0).length, below: diffs.filter((d) => d < 0).length, equal: diffs.filter((d) => d === 0).length,
  };
}

function curve(records: readonly RunRecord[], field: string): CellSummary['curve'] {
  const epochs = Math.max(0, ...records.map((r) => r.series.length));
  const out: CellSummary['curve'] = [];
  for (let i = 0; i < epochs; i++) {
    const xs = records.flatMap((r) => {
      const v = r.series[i]?.[field];
      return typeof v === 'number' && Number.isFinite(v) ? [v] : [];
    });
    const m = mean(xs);
    const s = sampleStd(xs);
    if (m !== null && s !== null) out.push({ epoch: i + 1, mean: m, std: s, n: xs.length });
  }
  return out;
}

/**
 * Summarises a sweep the way Smith's tables read: per cell the metric's mean ± std over seeds and
 * n, and the paired difference from the baseline seed by seed (mean ± std, seeds above / below) —
 * pairing by seed removes the seed-to-seed spread both cells share.
 * @param records - every run
 * @param baseline - the baseline cell's name
 */
export function summarizeSweep(cells: readonly SweepCell[], records: readonly RunRecord[], metric: SweepMetric, baseline: string): SweepSummary {
  const summaries = cells.map((cell): CellSummary => {
    const mine = records.filter((r) => r.cell === cell.name);
    const xs = mine.flatMap((r) => (r.value === null ? [] : [r.value]));
    return {
      name: cell.name, runs: mine.length, n: xs.length, mean: mean(xs), std: sampleStd(xs),
      values: mine.map((r) => ({ seed: r.seed, value: r.value })),
      curve: curve(mine.filter((r) => r.status === 'done'), metric.name),
    };
  });
  const base = summaries.find((c) => c.name === baseline);
  if (base !== undefined) for (const c of summaries) if (c !== base) c.diff = paired(c, base);
  return { metric, baseline, cells: summaries };
}
