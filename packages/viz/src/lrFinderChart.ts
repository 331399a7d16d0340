import type { TopLevelSpec } from './topLevelSpec';
import { finiteRow, trim } from './finiteRow';
import type { Row } from './finiteRow';
import { SUGGESTION_NAMES } from './suggestionLayers';
import { COLORS, DEFAULT_HEIGHT, DEFAULT_WIDTH, NUMBER_FORMAT, VEGA_LITE_SCHEMA, chartConfig } from './chartConfig';
import type { LrFindResultLike } from './stepScheduleLike';
import { lossDomain } from './lossDomain';
import { suggestionLayers } from './suggestionLayers';
import type { PositionDef, Unit } from './encoding';
import { VizError } from './errors';
import { describeValue } from '@onecycle/core-schedules';
import { checkChartOptions, checkDataArgument } from './checkChartOptions';

/** Options of {@link lrFinderChart}. */
export interface LrFinderChartOptions {
  /** Points dropped at the start. @default result.skipStart (fastai: 10) */
  skipStart?: number;
  /** Points dropped at the end. @default result.skipEnd (fastai: 5) */
  skipEnd?: number;
  /** Log-scaled LR axis, as fastai draws it. @default true */
  logX?: boolean;
  /** Which suggestions to label. @default every non-null one */
  suggestions?: Array<'valley' | 'slide' | 'minimum' | 'steep'>;
  /** Chart title. @default 'LR range test' */
  title?: string;
  /** Width in pixels. @default 640 */
  width?: number;
  /** Height in pixels. @default 320 */
  height?: number;
}

const SERIES = { raw: 'loss (raw)', smooth: 'loss (smoothed)', valid: 'valid loss', band: 'repeat spread' } as const;


function checkSkip(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new VizError(`${name} must be a non-negative integer, got ${describeValue(v)}`);
  return v;
}

/**
 * The bold curve, the one the suggestions were computed on: with repeats the median over the
 * runs, on the longest run's lr grid (its own rows); else the smoothed loss of the single run.
 */
function boldCurve(result: LrFindResultLike): { lrs: number[]; losses: number[]; label: string; ownGrid: boolean } {
  if (result.repeats) {
    return { lrs: result.repeats.lrs, losses: result.repeats.median, label: `loss (median of ${result.repeats.n} runs)`, ownGrid: true };
  }
  return { lrs: result.lrs, losses: result.smoothLosses, label: SERIES.smooth, ownGrid: false };
}

/**
 * Draws an LR range test (Smith 2017, "Cyclical Learning Rates"; fastai's `plot_lr_find`):
 * loss against learning rate on a log axis, raw loss faint and smoothed loss bold, each
 * suggestion a labelled point, the divergence point a red rule, the first `skipStart` and
 * last `skipEnd` points left out. With `repeats` the bold line is the median over the runs (the
 * curve the suggestions were computed on) inside a band of their spread; with `validLosses` the validation loss is a second line.
 * @param result - an lr-finder `LrFindResult` (or the same shape).
 * @param opts - see {@link LrFinderChartOptions}.
 * @returns a Vega-Lite v6 spec with inline data.
 * @example
 * ```ts
 * const result = await findLr({ model, x, y });
 * await saveChart(lrFinderChart(result), 'lr-find.png');
 * ```
 */
export function lrFinderChart(result: LrFindResultLike, opts: LrFinderChartOptions = {}): TopLevelSpec {
  checkDataArgument(result, 'lrFinderChart', 'an LR finder result ({ lrs, losses, smoothLosses, … })', ['lrs', 'losses', 'smoothLosses']);
  checkChartOptions(opts, 'lrFinderChart', ['skipStart', 'skipEnd', 'logX', 'suggestions', 'title', 'width', 'height']);
  const skipStart = checkSkip('skipStart', opts.skipStart ?? result.skipStart);
  const skipEnd = checkSkip('skipEnd', opts.skipEnd ?? result.skipEnd);
  const logX = opts.logX ?? true;
  const height = opts.height ?? DEFAULT_HEIGHT;
  const n = result.lrs.length;
  if (result.losses.length !== n || result.smoothLosses.length !== n) {
    throw new VizError(`result.losses (${result.losses.length}) and result.smoothLosses (${result.smoothLosses.length}) must have one entry per lr (${n})`);
  }
  const bold = boldCurve(result);
  const keepLr = (lr: number): boolean => Number.isFinite(lr) && (!logX || lr > 0);
  const all = result.lrs.map((lr, i) => finiteRow({ lr, raw: result.losses[i], smooth: bold.ownGrid ? undefined : result.smoothLosses[i], valid: result.validLosses?.[i] }));
  const rows = trim(all, skipStart, skipEnd).filter((r) => typeof r.lr === 'number' && keepLr(r.lr));
  const hasLoss = (r: Row): boolean => typeof r.raw === 'number' || typeof r.smooth === 'number';
  if (rows.filter(hasLoss).length < 2) {
    const finite = all.filter((r) => typeof r.lr === 'number' && keepLr(r.lr) && hasLoss(r)).length;
    const why = finite < 2
      ? `only ${finite} of its ${n} point(s) have a finite lr${logX ? ' > 0' : ''} and loss (the losses are NaN or infinite): there is no curve to draw`
      : `skipStart=${skipStart} and skipEnd=${skipEnd} leave ${rows.filter(hasLoss).length} of ${n}: lower them`;
    throw new VizError(`lrFinderChart needs at least 2 points: ${why}`);
  }
  // The bold curve's own rows when it is not the single run's smoothed loss (a median over repeats).
  const boldRows = bold.ownGrid
    ? trim(bold.lrs.map((lr, i) => finiteRow({ lr, smooth: bold.losses[i] })), skipStart, skipEnd).filter((r) => typeof r.lr === 'number' && keepLr(r.lr))
    : rows;
  const x: PositionDef = {
    field: 'lr', type: 'quantitative', title: logX ? 'learning rate (log scale)' : 'learning rate',
    scale: logX ? { type: 'log' } : { zero: false }, axis: { format: NUMBER_FORMAT, tickCount: 8 },
  };
  const legendScale = { domain: [SERIES.raw, bold.label, ...(result.validLosses ? [SERIES.valid] : []), ...(result.repeats ? [SERIES.band] : [])],
    range: [COLORS.raw, COLORS.lr, ...(result.validLosses ? [COLORS.valid] : []), ...(result.repeats ? [COLORS.band] : [])] };
  const legend = { title: null, orient: 'top', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 3 } as const;
  const color = (datum: string) => ({ datum, type: 'nominal' as const, scale: legendScale, legend });
  const lrTip = { field: 'lr', type: 'quantitative' as const, title: 'lr', format: '.3~e' };
  const smoothTip = { field: 'smooth', type: 'quantitative' as const, title: 'smoothed', format: '.4~f' };
  const rawTip = [lrTip, { field: 'raw', type: 'quantitative' as const, title: 'loss', format: '.4~f' }, ...(bold.ownGrid ? [] : [smoothTip])];
  const domain = lossDomain(bold.ownGrid ? [...rows, ...boldRows] : rows, result, skipStart, skipEnd);
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: 'loss', scale: { zero: false, domain } });
  const layers: Unit[] = [];

  if (result.repeats) {
    const rp = result.repeats;
    const band = trim(rp.lrs.map((lr, i) => finiteRow({ lr, low: rp.low[i], high: rp.high[i], median: rp.median[i] })), skipStart, skipEnd)
      .filter((r) => typeof r.lr === 'number' && keepLr(r.lr) && typeof r.low === 'number' && typeof r.high === 'number');
    layers.push({ data: { values: band }, mark: { type: 'area', opacity: 0.25, clip: true }, encoding: { x, y: y('low'), y2: { field: 'high' }, color: color(SERIES.band) } });
  }
  const range = result.suggestions.range;
  if (range !== null && keepLr(range.min) && keepLr(range.max)) {
    layers.push({ data: { values: [{ lr: range.min, lr2: range.max }] }, mark: { type: 'rect', color: COLORS.suggestion, opacity: 0.08, clip: true }, encoding: { x, x2: { field: 'lr2' } } });
  }
  layers.push({ mark: { type: 'line', strokeWidth: 1, clip: true }, encoding: { x, y: y('raw'), color: color(SERIES.raw), tooltip: rawTip } });
  const boldLine: Unit = { mark: { type: 'line', strokeWidth: 2.5, clip: true }, encoding: { x, y: y('smooth'), color: color(bold.label), tooltip: [lrTip, smoothTip] } };
  layers.push(bold.ownGrid ? { data: { values: boldRows }, ...boldLine } : boldLine);
  if (result.validLosses) {
    layers.push({ transform: [{ filter: 'isValid(datum.valid)' }], mark: { type: 'line', strokeWidth: 2, strokeDash: [6, 3], clip: true }, encoding: { x, y: y('valid'), color: color(SERIES.valid) } });
  }

  layers.push(...suggestionLayers(result, boldRows, x, opts.suggestions ?? [...SUGGESTION_NAMES]));
  if (result.stopReason !== 'completed') {
    const last = [...all].reverse().find((r) => typeof r.lr === 'number' && keepLr(r.lr));
    if (last !== undefined && typeof last.lr === 'number') {
      const what = result.stopReason === 'diverged' ? 'diverged' : result.stopReason === 'cancelled' ? 'cancelled' : result.stopReason === 'dataEnded' ? 'data ended' : 'non-finite loss';
      const mark = [{ lr: last.lr, label: `${what} at ${last.lr.toExponential(1)}` }];
      layers.push({ data: { values: mark }, mark: { type: 'rule', color: COLORS.diverged, strokeWidth: 1.5, strokeDash: [2, 3] }, encoding: { x } });
      layers.push({ data: { values: mark }, mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -4, y: height - 4, color: COLORS.diverged, fontSize: 11 }, encoding: { x, text: { field: 'label', type: 'nominal' } } });
    }
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: opts.title ?? 'LR range test',
    config: chartConfig(),
    width: opts.width ?? DEFAULT_WIDTH,
    height,
    data: { values: rows },
    layer: layers,
  };
}
