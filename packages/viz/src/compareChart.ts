import type { TopLevelSpec } from './topLevelSpec';
import { finiteRow } from './finiteRow';
import type { Row } from './finiteRow';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, VEGA_LITE_SCHEMA, chartConfig } from './chartConfig';
import type { CompareRun } from './stepScheduleLike';
import type { Unit } from './encoding';
import { VizError } from './errors';
import { describeValue } from '@onecycle/core-schedules';
import { checkChartOptions, checkDataArgument } from './checkChartOptions';

/** Options of {@link compareChart}. */
export interface CompareChartOptions {
  /** Name of the metric (y axis title), e.g. `'valid accuracy'`. */
  metric: string;
  /** Chart title. @default the metric name */
  title?: string;
  /** Width in pixels. @default 640 */
  width?: number;
  /** Height in pixels. @default 320 */
  height?: number;
}

/**
 * Draws one metric per epoch for several named runs (e.g. 1cycle vs constant LR), each run a
 * coloured mean line; where a point has `std`, a ±std band is drawn around the mean.
 * @param runs - `{ name, points: { epoch, value, std? }[] }[]`.
 * @param opts - see {@link CompareChartOptions}; `metric` is required.
 * @returns a Vega-Lite v6 spec with inline data.
 * @example
 * ```ts
 * const spec = compareChart([{ name: '1cycle', points }, { name: 'constant', points: other }], { metric: 'accuracy' });
 * ```
 */
export function compareChart(runs: CompareRun[], opts: CompareChartOptions): TopLevelSpec {
  if (!Array.isArray(runs)) throw new VizError(`compareChart needs an array of runs ({ name, points }), got ${describeValue(runs)}`);
  if (opts === undefined) throw new VizError('compareChart needs options with the metric drawn: { metric }');
  checkChartOptions(opts, 'compareChart', ['metric', 'title', 'width', 'height']);
  if (typeof opts.metric !== 'string' || opts.metric === '') throw new VizError(`compareChart metric must be a non-empty string (the y axis title), got ${describeValue(opts.metric)}`);
  runs.forEach((run, i) => checkDataArgument(run, 'compareChart', `runs[${i}] as { name, points }`, ['points']));
  if (runs.length === 0) throw new VizError('compareChart got no runs: pass at least one { name, points }');
  const names = new Set<string>();
  const rows: Row[] = [];
  for (const run of runs) {
    if (names.has(run.name)) throw new VizError(`compareChart got the run name '${run.name}' twice: names label the lines and must be unique`);
    names.add(run.name);
    for (const p of run.points) {
      const band = p.std !== undefined && Number.isFinite(p.std) ? { lo: p.value - p.std, hi: p.value + p.std } : {};
      rows.push(finiteRow({ run: run.name, epoch: p.epoch, value: p.value, std: p.std, ...band }));
    }
  }
  const hasStd = rows.some((r) => typeof r.lo === 'number');
  const x = { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1, format: 'd' }, scale: { nice: false } };
  const color = { field: 'run', type: 'nominal' as const, title: null, legend: { orient: 'top' as const }, sort: runs.map((r) => r.name) };
  const layers: Unit[] = [];
  if (hasStd) {
    layers.push({
      transform: [{ filter: 'isValid(datum.lo)' }],
      mark: { type: 'area', opacity: 0.18 },
      encoding: { x, y: { field: 'lo', type: 'quantitative', title: opts.metric, scale: { zero: false } }, y2: { field: 'hi' }, color, detail: { field: 'run', type: 'nominal' } },
    });
  }
  layers.push({
    mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 45 } },
    encoding: {
      x, y: { field: 'value', type: 'quantitative', title: opts.metric, scale: { zero: false } }, color,
      tooltip: [{ field: 'run', type: 'nominal' }, { field: 'epoch', type: 'quantitative' }, { field: 'value', type: 'quantitative', format: '.4~f', title: opts.metric },
        ...(hasStd ? [{ field: 'std', type: 'quantitative' as const, format: '.4~f', title: '± std' }] : [])],
    },
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: opts.title ?? opts.metric,
    config: chartConfig(),
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    data: { values: rows },
    layer: layers,
  };
}
