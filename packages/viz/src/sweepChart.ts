import type { TopLevelSpec } from './topLevelSpec';
import { finiteRow, trim } from './finiteRow';
import type { Row } from './finiteRow';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, NUMBER_FORMAT, VEGA_LITE_SCHEMA, chartConfig } from './chartConfig';
import type { SweepResultLike } from './stepScheduleLike';
import { VizError } from './errors';
import { checkChartOptions, checkDataArgument } from './checkChartOptions';

/** Options of {@link sweepChart}. */
export interface SweepChartOptions {
  /** Chart title. @default 'LR range test per momentum' (or 'per weight decay') */
  title?: string;
  /** Width in pixels. @default 640 */
  width?: number;
  /** Height in pixels. @default 320 */
  height?: number;
}

/**
 * Draws several LR range tests, one smoothed loss curve per swept momentum or weight-decay
 * value, coloured by that value (the momentum/wd sweeps of Smith 2018, "A disciplined approach
 * to neural network hyper-parameters", section 4). Each run is trimmed by its own
 * `skipStart`/`skipEnd`; the valley suggestion of each run is a point.
 * @param result - an lr-finder `SweepResult` (or the same shape).
 * @param opts - see {@link SweepChartOptions}.
 * @returns a Vega-Lite v6 spec with inline data.
 * @example
 * ```ts
 * const s = await sweep({ model, x, y }, { param: 'mom', values: [0.85, 0.9, 0.95, 0.99] });
 * await saveChart(sweepChart(s), 'mom-sweep.png');
 * ```
 */
export function sweepChart(result: SweepResultLike, opts: SweepChartOptions = {}): TopLevelSpec {
  checkDataArgument(result, 'sweepChart', 'a SweepResult ({ param, runs })', ['runs']);
  checkChartOptions(opts, 'sweepChart', ['title', 'width', 'height']);
  if (result.runs.length === 0) throw new VizError('sweepChart got a SweepResult with no runs: there is nothing to draw');
  const paramTitle = result.param === 'mom' ? 'momentum' : 'weight decay';
  const rows: Row[] = [];
  const valleys: Row[] = [];
  for (const { value, result: r } of result.runs) {
    const points = trim(r.lrs.map((lr, i) => ({ lr, smooth: r.smoothLosses[i] })), r.skipStart, r.skipEnd);
    for (const p of points) {
      if (p.lr > 0) rows.push(finiteRow({ lr: p.lr, smooth: p.smooth, value }));
    }
    const v = r.suggestions.valley;
    if (v !== null && v > 0) {
      let best: { lr: number; smooth: number | undefined } | undefined;
      for (const p of points) if (p.lr > 0 && (best === undefined || Math.abs(Math.log(p.lr / v)) < Math.abs(Math.log(best.lr / v)))) best = p;
      if (best?.smooth !== undefined && Number.isFinite(best.smooth)) valleys.push({ lr: v, smooth: best.smooth, value });
    }
  }
  const x = { field: 'lr', type: 'quantitative' as const, title: 'learning rate (log scale)', scale: { type: 'log' as const }, axis: { format: NUMBER_FORMAT, tickCount: 8 } };
  const y = { field: 'smooth', type: 'quantitative' as const, title: 'smoothed loss', scale: { zero: false } };
  const color = { field: 'value', type: 'ordinal' as const, title: paramTitle, scale: { scheme: 'viridis', reverse: true } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: opts.title ?? `LR range test per ${paramTitle}`,
    config: chartConfig(),
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    data: { values: rows },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color, detail: { field: 'value', type: 'ordinal' },
        tooltip: [{ field: 'value', type: 'ordinal', title: paramTitle }, { field: 'lr', type: 'quantitative', format: '.3~e' }, { field: 'smooth', type: 'quantitative', format: '.4~f', title: 'loss' }] } },
      ...(valleys.length > 0 ? [{ data: { values: valleys }, mark: { type: 'point' as const, filled: true, size: 70, stroke: 'white', strokeWidth: 1 }, encoding: { x, y, color } }] : []),
    ],
  };
}
