import type { TopLevelSpec } from './topLevelSpec';
import { VALID_LOSS_SERIES } from './liveFeed';
import type { LiveRunInfo } from './liveCallback';
import { LR_TITLE, MOM_TITLE } from './scheduleChart';
import { COLORS, DEFAULT_WIDTH, NUMBER_FORMAT, VEGA_LITE_SCHEMA, chartConfig } from './chartConfig';
import type { Layer, PositionDef, Unit } from './encoding';

/** Names of the Vega datasets the live charts stream into (`view.data(name)` reads them back). */
export const LIVE_DATA = {
  /** One row per batch: `LiveBatchRow`. */
  batches: 'batches',
  /** One row per epoch and series: `LiveEpochRow`. */
  epochs: 'epochs',
  /** The planned schedule: `LivePlanRow`, inline in the spec. */
  plan: 'plan',
} as const;

/** The three live charts. */
export type LiveChartName = 'schedule' | 'loss' | 'metrics';

/** Every live chart, in page order. */
export const LIVE_CHARTS: readonly LiveChartName[] = ['schedule', 'loss', 'metrics'];

/** Which datasets each live chart streams. */
export const LIVE_CHART_DATA: Readonly<Record<LiveChartName, ReadonlyArray<'batches' | 'epochs'>>> = {
  schedule: ['batches'],
  loss: ['batches', 'epochs'],
  metrics: ['epochs'],
};

/** Size of the live charts. */
export interface LiveSpecOptions {
  /** Width of each chart in pixels. @default 640 */
  width?: number;
  /** Height of each chart in pixels. @default 240 */
  height?: number;
}

const SERIES = { raw: 'train loss (raw)', smooth: 'train loss (smoothed)', valid: 'valid loss (per epoch)' } as const;
/** How faint the planned schedule is drawn (solid: a dashed line costs far more to draw on canvas). */
const PLAN_OPACITY = 0.3;
/** Pixels kept for the y axes' ticks and labels ("0.0004", "0.925"). */
const Y_LABEL_ROOM = 46;

/**
 * The Vega-Lite specs of the live charts for one run, with empty named datasets that batches
 * stream into (so a chart is embedded once per run and then only receives changesets):
 * LR and momentum on two y axes with the planned schedule faint behind them (x axis spanning the
 * whole run when its length is known), training loss raw and smoothed with the validation loss
 * per epoch, and validation loss and metrics per epoch.
 * @param info - what the run knows at its start
 * @param opts - see {@link LiveSpecOptions}
 * @returns one spec per chart
 */
export function liveSpecs(info: LiveRunInfo, opts: LiveSpecOptions = {}): Record<LiveChartName, TopLevelSpec> {
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? 240;
  // The layout is computed once, at the empty start, and kept (vega's autosize resize would redo
  // it, and resize the canvas, on every redraw, several times the cost of drawing): the y axes get
  // a fixed room for their labels so the values that stream in later fit.
  const config = { ...chartConfig(), axisY: { minExtent: Y_LABEL_ROOM } };
  const base = { $schema: VEGA_LITE_SCHEMA, config, width, height };
  const domain = info.totalSteps === undefined ? {} : { domain: [0, Math.max(1, info.totalSteps)] };
  const x: PositionDef = { field: 'iteration', type: 'quantitative', title: 'iterations', scale: { nice: false, ...domain }, axis: { tickCount: Math.max(2, Math.round(width / 100)) } };
  const legend = { title: null, orient: 'top', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 3 } as const;
  const batches = { name: LIVE_DATA.batches };
  const epochs = { name: LIVE_DATA.epochs };
  const hasPlan = info.plan.length > 0;

  const hyperColor = { domain: info.hasMom ? [LR_TITLE, MOM_TITLE] : [LR_TITLE], range: info.hasMom ? [COLORS.lr, COLORS.mom] : [COLORS.lr] };
  const hyperLayer = (field: 'lr' | 'mom', title: string, orient: 'left' | 'right'): Layer => {
    const y = { field, type: 'quantitative' as const, title, scale: { zero: field === 'lr' }, axis: { format: field === 'lr' ? NUMBER_FORMAT : '.3~f', titleColor: field === 'lr' ? COLORS.lr : COLORS.mom, orient } };
    const color = { datum: title, type: 'nominal' as const, scale: hyperColor, legend };
    const live: Unit = { data: batches, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color } };
    const plan: Unit = { data: { name: LIVE_DATA.plan }, mark: { type: 'line', strokeWidth: 2, opacity: PLAN_OPACITY }, encoding: { x, y, color } };
    return { layer: hasPlan ? [plan, live] : [live] };
  };
  const schedule: TopLevelSpec = {
    ...base,
    title: info.hasMom ? 'Learning rate and momentum' : 'Learning rate',
    ...(hasPlan ? { datasets: { [LIVE_DATA.plan]: info.plan } } : {}),
    layer: [hyperLayer('lr', LR_TITLE, 'left'), ...(info.hasMom ? [hyperLayer('mom', MOM_TITLE, 'right')] : [])],
    resolve: { scale: { y: 'independent' } },
  };

  const lossScale = { domain: [SERIES.raw, SERIES.smooth, SERIES.valid], range: [COLORS.raw, COLORS.lr, COLORS.valid] };
  const lossColor = (datum: string) => ({ datum, type: 'nominal' as const, scale: lossScale, legend });
  const lossY = (field: string) => ({ field, type: 'quantitative' as const, title: 'loss', scale: { zero: false } });
  const loss: TopLevelSpec = {
    ...base,
    title: 'Training loss',
    layer: [
      { data: batches, mark: { type: 'line', strokeWidth: 1 }, encoding: { x, y: lossY('loss'), color: lossColor(SERIES.raw) } },
      { data: batches, mark: { type: 'line', strokeWidth: 2.5 }, encoding: { x, y: lossY('smooth'), color: lossColor(SERIES.smooth) } },
      {
        data: epochs,
        transform: [{ filter: { field: 'series', equal: VALID_LOSS_SERIES } }],
        mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 50 } },
        encoding: { x, y: lossY('value'), color: lossColor(SERIES.valid) },
      },
    ],
  };

  const metrics: TopLevelSpec = {
    ...base,
    // redrawn once an epoch, so its layout may follow its legend and axes (empty at the start)
    autosize: { type: 'pad', resize: true },
    title: 'Validation per epoch',
    data: epochs,
    mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 50 } },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' }, scale: { nice: false } },
      y: { field: 'value', type: 'quantitative', title: 'value', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'top' } },
    },
  };
  return { schedule, loss, metrics };
}
