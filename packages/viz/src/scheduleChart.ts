import type { TopLevelSpec } from './topLevelSpec';
import { schedulePoints } from './schedulePoints';
import type { ScheduleInput, SchedulePointsOptions } from './schedulePoints';
import { subsample } from './subsample';
import { COLORS, DEFAULT_HEIGHT, DEFAULT_WIDTH, NUMBER_FORMAT, VEGA_LITE_SCHEMA, chartConfig } from './chartConfig';
import type { RecorderJSON, SamplePoint, ScheduleSpecLike, StepScheduleLike } from './stepScheduleLike';
import type { Layer, PositionDef, TooltipDef, Unit, YDef } from './encoding';
import { describeValue } from '@onecycle/core-schedules';
import { checkChartOptions } from './checkChartOptions';
import { VizError } from './errors';

/** Options of {@link scheduleChart}. */
export interface ScheduleChartOptions extends SchedulePointsOptions {
  /**
   * `'layered'`: one chart, LR axis left and momentum axis right; `'stacked'`: aligned panels,
   * LR then momentum, plus a weight-decay panel when the points carry `wd`. @default 'layered'
   */
  layout?: 'layered' | 'stacked';
  /** Most points drawn per line; longer series are min/max-decimated so peaks survive. @default 2000 */
  maxPoints?: number;
  /** Chart title. @default none */
  title?: string;
  /** Width in pixels. @default 640 */
  width?: number;
  /** Height in pixels (of each panel when stacked). @default 320 layered, 180 stacked */
  height?: number;
}

/** Title of the learning-rate axis and legend entry. */
export const LR_TITLE = 'learning rate';
/** Title of the momentum axis and legend entry. */
export const MOM_TITLE = 'momentum';
/** Title of the weight-decay axis (stacked layout only). */
export const WD_TITLE = 'weight decay';

/**
 * Draws a learning-rate schedule, with cyclical momentum as a second line on its own y axis
 * (LR left, momentum right), like fastai's `plot_lr` / `plot_sched` (Smith 2018, "A
 * disciplined approach to neural network hyper-parameters"). Phase boundaries reported by
 * `boundaries()` are faint vertical rules. Without momentum it is a single LR line.
 * @param input - a StepSchedule, a spec (with `opts.createSchedule`), `{ step, lr, mom? }[]` or a Recorder's JSON.
 * @param opts - see {@link ScheduleChartOptions}.
 * @returns a Vega-Lite v6 spec with inline data.
 * @example
 * ```ts
 * import { createSchedule } from '@onecycle/core-schedules';
 * const spec = scheduleChart(createSchedule({ kind: 'oneCycle', lrMax: 1e-3, totalSteps: 1000 }));
 * await saveChart(spec, 'schedule.png');
 * ```
 */
export function scheduleChart<I extends StepScheduleLike | readonly SamplePoint[] | RecorderJSON>(input: I, opts?: ScheduleChartOptions): TopLevelSpec;
/**
 * Draws a plain schedule spec, evaluated with `opts.createSchedule` (core-schedules'
 * `createSchedule`); without it a `VizError` says so.
 * @param input - a core-schedules `ScheduleSpec`.
 * @param opts - see {@link ScheduleChartOptions}; pass `createSchedule`.
 * @returns a Vega-Lite v6 spec with inline data.
 */
export function scheduleChart<S extends ScheduleSpecLike>(input: S, opts?: ScheduleChartOptions): TopLevelSpec;
export function scheduleChart(input: ScheduleInput, opts: ScheduleChartOptions = {}): TopLevelSpec {
  checkChartOptions(opts, 'scheduleChart', ['steps', 'createSchedule', 'layout', 'maxPoints', 'title', 'width', 'height']);
  if (opts.layout !== undefined && opts.layout !== 'layered' && opts.layout !== 'stacked') {
    throw new VizError(`scheduleChart layout must be 'layered' or 'stacked', got ${describeValue(opts.layout)}`);
  }
  const { points, boundaries } = schedulePoints(input, opts);
  const hasMom = points.some((p) => p.mom !== undefined && Number.isFinite(p.mom));
  const stacked = opts.layout === 'stacked';
  const hasWd = stacked && points.some((p) => p.wd !== undefined && Number.isFinite(p.wd));
  const keys: Array<'lr' | 'mom' | 'wd'> = ['lr', ...(hasMom ? ['mom' as const] : []), ...(hasWd ? ['wd' as const] : [])];
  const rows = subsample(points, keys, opts.maxPoints ?? 2000).map((p) => {
    const row: { step: number; lr: number; mom?: number; wd?: number } = { step: p.step, lr: p.lr };
    if (hasMom && p.mom !== undefined) row.mom = p.mom;
    if (hasWd && p.wd !== undefined) row.wd = p.wd;
    return row;
  });
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? (stacked ? 180 : DEFAULT_HEIGHT);
  // About one x label per 100 px: vega's overlap removal does not run in the Node renderer.
  const x: PositionDef = { field: 'step', type: 'quantitative', title: 'iterations', scale: { nice: false }, axis: { tickCount: Math.max(2, Math.round(width / 100)) } };
  const tooltip: TooltipDef = [
    { field: 'step', type: 'quantitative', title: 'iteration' },
    { field: 'lr', type: 'quantitative', title: LR_TITLE, format: NUMBER_FORMAT },
    ...(hasMom ? [{ field: 'mom', type: 'quantitative' as const, title: MOM_TITLE, format: '.4~f' }] : []),
    ...(hasWd ? [{ field: 'wd', type: 'quantitative' as const, title: WD_TITLE, format: NUMBER_FORMAT }] : []),
  ];
  const rules: Unit[] = boundaries.length === 0 ? [] : [{
    data: { values: boundaries.map((step) => ({ step })) },
    mark: { type: 'rule', color: COLORS.rule, opacity: 0.45, strokeDash: [4, 4] },
    encoding: { x },
  }];
  // A series that does not change gets a padded domain: Vega would glue it to an edge.
  const lrDomain = flatDomain(rows.map((r) => r.lr), 'zeroBased');
  const momDomain = hasMom ? flatDomain(rows.flatMap((r) => (r.mom === undefined ? [] : [r.mom])), 'momentum') : undefined;
  const lrY: YDef = {
    field: 'lr', type: 'quantitative', title: LR_TITLE, ...(lrDomain === undefined ? {} : { scale: { domain: lrDomain } }),
    axis: { format: NUMBER_FORMAT, titleColor: COLORS.lr },
  };
  const momY = (orient: 'left' | 'right'): YDef => ({
    field: 'mom', type: 'quantitative', title: MOM_TITLE, scale: { zero: false, ...(momDomain === undefined ? {} : { domain: momDomain }) },
    axis: { format: '.3~f', titleColor: COLORS.mom, orient },
  });
  const base = {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    config: chartConfig(),
    data: { values: rows },
  };

  if (stacked) {
    const panel = (y: YDef, color: string, showX: boolean): Layer => ({
      width,
      height,
      layer: [...rules, { mark: { type: 'line', color, strokeWidth: 2 }, encoding: { x: showX ? x : { ...x, title: null }, y, tooltip } }],
    });
    const wdDomain = flatDomain(rows.flatMap((r) => (r.wd === undefined ? [] : [r.wd])), 'zeroBased');
    const wdY: YDef = {
      field: 'wd', type: 'quantitative', title: WD_TITLE, ...(wdDomain === undefined ? {} : { scale: { domain: wdDomain } }),
      axis: { format: NUMBER_FORMAT, titleColor: COLORS.wd },
    };
    const panels: Array<[YDef, string]> = [[lrY, COLORS.lr]];
    if (hasMom) panels.push([momY('left'), COLORS.mom]);
    if (hasWd) panels.push([wdY, COLORS.wd]);
    return {
      ...base,
      vconcat: panels.map(([y, color], i) => panel(y, color, i === panels.length - 1)),
      resolve: { scale: { x: 'shared' } },
    };
  }

  if (!hasMom) {
    return { ...base, width, height, layer: [...rules, { mark: { type: 'line', strokeWidth: 2, color: COLORS.lr }, encoding: { x, y: lrY, tooltip } }] };
  }
  const colorScale = { domain: [LR_TITLE, MOM_TITLE], range: [COLORS.lr, COLORS.mom] };
  const legend = { title: null, orient: 'top', direction: 'horizontal' } as const;
  const lrLine: Unit = {
    mark: { type: 'line', strokeWidth: 2 },
    encoding: { x, y: lrY, tooltip, color: { datum: LR_TITLE, type: 'nominal', scale: colorScale, legend } },
  };
  const momLine: Unit = {
    mark: { type: 'line', strokeWidth: 2 },
    encoding: { x, y: momY('right'), tooltip, color: { datum: MOM_TITLE, type: 'nominal', scale: colorScale, legend } },
  };
  return { ...base, width, height, layer: [...rules, lrLine, momLine], resolve: { scale: { y: 'independent' } } };
}

/** Headroom above a constant LR or weight decay `v`: its axis runs from 0 to `1.25 v`. */
const FLAT_HEADROOM = 1.25;
/** Half-width of the window around a constant momentum `v`: its axis runs over `v ± 0.05`. */
const FLAT_MOM_PAD = 0.05;

/**
 * The y domain of a series that does not change (max - min within 1e-9 of its size), or
 * undefined for one that does (Vega's own domain is kept). Vega would draw a constant LR on
 * the top edge of a zero-based axis and give a constant momentum a single tick.
 * @param values - the series as drawn
 * @param kind - `'zeroBased'` (LR, weight decay): `[0, 1.25 v]` (`[1.25 v, 0]` below zero,
 *   `[0, 1]` for 0); `'momentum'`: `[v - 0.05, v + 0.05]`, the low end clipped at 0 for v >= 0
 * @returns the padded domain, or undefined
 */
function flatDomain(values: readonly number[], kind: 'zeroBased' | 'momentum'): [number, number] | undefined {
  if (values.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi - lo > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) return undefined;
  // toPrecision(12) drops float noise from the padded ends (0.9 + 0.05 is 0.9500000000000001).
  const round = (x: number): number => Number(x.toPrecision(12));
  if (kind === 'momentum') return [round(lo >= 0 ? Math.max(0, lo - FLAT_MOM_PAD) : lo - FLAT_MOM_PAD), round(hi + FLAT_MOM_PAD)];
  if (lo > 0) return [0, FLAT_HEADROOM * hi];
  if (hi < 0) return [FLAT_HEADROOM * lo, 0];
  return [0, 1];
}
