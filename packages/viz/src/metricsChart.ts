import type { TopLevelSpec } from './topLevelSpec';
import { finiteRow } from './finiteRow';
import type { Row } from './finiteRow';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, VEGA_LITE_SCHEMA, chartConfig } from './chartConfig';
import type { RecorderJSON } from './stepScheduleLike';
import { VizError } from './errors';
import { describeValue } from '@onecycle/core-schedules';
import { checkChartOptions, checkDataArgument } from './checkChartOptions';

/** Options of {@link metricsChart}. */
export interface MetricsChartOptions {
  /** Metric names to draw. @default every metric the recorder has */
  metrics?: string[];
  /** Chart title. @default 'Metrics per epoch' */
  title?: string;
  /** Width in pixels. @default 640 */
  width?: number;
  /** Height in pixels. @default 320 */
  height?: number;
}

/**
 * Draws each recorded metric per epoch (one coloured line per metric, with points), like
 * fastai's `recorder.plot_metrics`.
 * @param rec - a callbacks `Recorder`'s JSON (or the same shape).
 * @param opts - see {@link MetricsChartOptions}.
 * @returns a Vega-Lite v6 spec with inline data.
 * @example
 * ```ts
 * await saveChart(metricsChart(learner.recorder.toJSON()), 'metrics.png');
 * ```
 */
export function metricsChart(rec: RecorderJSON, opts: MetricsChartOptions = {}): TopLevelSpec {
  checkDataArgument(rec, 'metricsChart', 'a Recorder JSON ({ batches, epochs })', ['epochs']);
  checkChartOptions(opts, 'metricsChart', ['metrics', 'title', 'width', 'height']);
  if (opts.metrics !== undefined && (!Array.isArray(opts.metrics) || !opts.metrics.every((m) => typeof m === 'string'))) {
    throw new VizError(`metricsChart metrics must be an array of metric names, got ${describeValue(opts.metrics)}`);
  }
  const names = opts.metrics ?? [...new Set(rec.epochs.flatMap((e) => Object.keys(e.metrics)))].sort();
  const rows: Row[] = [];
  for (const e of rec.epochs) {
    for (const metric of names) {
      const value = e.metrics[metric];
      if (value !== undefined && Number.isFinite(value)) rows.push(finiteRow({ epoch: e.epoch, metric, value }));
    }
  }
  if (rows.length === 0) {
    throw new VizError(`metricsChart found no finite values for metrics [${names.join(', ')}] in ${rec.epochs.length} epoch(s): pass metrics to the learner, or pick names that were recorded`);
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: opts.title ?? 'Metrics per epoch',
    config: chartConfig(),
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 50 } },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' }, scale: { nice: false } },
      y: { field: 'value', type: 'quantitative', title: 'value', scale: { zero: false } },
      color: { field: 'metric', type: 'nominal', title: 'metric', legend: { orient: 'top' } },
      tooltip: [{ field: 'metric', type: 'nominal' }, { field: 'epoch', type: 'quantitative' }, { field: 'value', type: 'quantitative', format: '.4~f' }],
    },
  };
}
