import type { TopLevelSpec } from './topLevelSpec';
import { finiteRow } from './finiteRow';
import { COLORS, DEFAULT_HEIGHT, DEFAULT_WIDTH, VEGA_LITE_SCHEMA, chartConfig } from './chartConfig';
import type { RecorderJSON } from './stepScheduleLike';
import type { Unit } from './encoding';
import { subsample } from './subsample';
import { VizError } from './errors';
import { checkChartOptions, checkDataArgument } from './checkChartOptions';

/** Options of {@link lossChart}. */
export interface LossChartOptions {
  /** Most batch points drawn per line (min/max decimated). @default 2000 */
  maxPoints?: number;
  /** Chart title. @default 'Training loss' */
  title?: string;
  /** Width in pixels. @default 640 */
  width?: number;
  /** Height in pixels. @default 320 */
  height?: number;
}

const SERIES = { raw: 'train loss (raw)', smooth: 'train loss (smoothed)', valid: 'valid loss (per epoch)' } as const;

/**
 * Draws training loss per iteration (raw faint, smoothed bold) and validation loss per epoch
 * on the same iteration axis, like fastai's `recorder.plot_loss`.
 * @param rec - a callbacks `Recorder`'s JSON (or the same shape).
 * @param opts - see {@link LossChartOptions}.
 * @returns a Vega-Lite v6 spec with inline data.
 * @example
 * ```ts
 * await saveChart(lossChart(learner.recorder.toJSON()), 'loss.png');
 * ```
 */
export function lossChart(rec: RecorderJSON, opts: LossChartOptions = {}): TopLevelSpec {
  checkDataArgument(rec, 'lossChart', 'a Recorder JSON ({ batches, epochs })', ['batches', 'epochs']);
  checkChartOptions(opts, 'lossChart', ['maxPoints', 'title', 'width', 'height']);
  if (rec.batches.length === 0) throw new VizError('lossChart got a Recorder JSON with no batches: train first, then plot');
  if (!rec.batches.some((b) => Number.isFinite(b.loss))) {
    throw new VizError(`lossChart found no finite training loss in ${rec.batches.length} batch(es): every loss is NaN or infinite (the fit diverged at once, or the data holds NaN), so there is no curve to draw`);
  }
  const rows = subsampleBatches(rec, opts.maxPoints ?? 2000);
  const valid = rec.epochs.filter((e) => e.validLoss !== undefined && Number.isFinite(e.validLoss))
    .map((e) => finiteRow({ iteration: e.iteration, valid: e.validLoss, epoch: e.epoch }));
  const hasValid = valid.length > 0;
  const x = { field: 'iteration', type: 'quantitative' as const, title: 'iterations', scale: { nice: false } };
  const scale = { domain: [SERIES.raw, SERIES.smooth, ...(hasValid ? [SERIES.valid] : [])], range: [COLORS.raw, COLORS.lr, ...(hasValid ? [COLORS.valid] : [])] };
  const color = (datum: string) => ({ datum, type: 'nominal' as const, scale, legend: { title: null, orient: 'top' as const, direction: 'horizontal' as const, symbolType: 'stroke', symbolStrokeWidth: 3 } });
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: 'loss', scale: { zero: false } });
  const layers: Unit[] = [
    { mark: { type: 'line', strokeWidth: 1 }, encoding: { x, y: y('loss'), color: color(SERIES.raw) } },
    { mark: { type: 'line', strokeWidth: 2.5 }, encoding: { x, y: y('smooth'), color: color(SERIES.smooth),
      tooltip: [{ field: 'iteration', type: 'quantitative' }, { field: 'loss', type: 'quantitative', format: '.4~f' }, { field: 'smooth', type: 'quantitative', format: '.4~f', title: 'smoothed' }] } },
  ];
  if (hasValid) {
    const enc = { x, y: y('valid'), color: color(SERIES.valid), tooltip: [{ field: 'epoch', type: 'quantitative' as const }, { field: 'valid', type: 'quantitative' as const, format: '.4~f', title: 'valid loss' }] };
    layers.push({ data: { values: valid }, mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 50 } }, encoding: enc });
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: opts.title ?? 'Training loss',
    config: chartConfig(),
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    data: { values: rows },
    layer: layers,
  };
}

function subsampleBatches(rec: RecorderJSON, maxPoints: number) {
  const rows = rec.batches.map((b) => finiteRow({ iteration: b.iteration, loss: b.loss, smooth: b.smoothLoss }));
  return subsample(rows, ['loss', 'smooth'], maxPoints);
}
