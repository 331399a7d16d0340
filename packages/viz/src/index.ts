/** The npm name of this package. */
export const packageName = '@onecycle/viz';

export { VizError } from './errors';
export type {
  CompareRun, HyperLike, LrFindResultLike, RecordedBatch, RecordedEpoch, RecorderJSON, SamplePoint,
  ScheduleSpecLike, StepScheduleLike, SuggestionSpread, SuggestionsLike, SweepResultLike,
} from './stepScheduleLike';
export { subsample } from './subsample';
export { schedulePoints } from './schedulePoints';
export type { ScheduleInput, SchedulePoints, SchedulePointsOptions } from './schedulePoints';
export { LR_TITLE, MOM_TITLE, WD_TITLE, scheduleChart } from './scheduleChart';
export type { ScheduleChartOptions } from './scheduleChart';
export { CHART_FONT, VEGA_LITE_SCHEMA, chartConfig } from './chartConfig';
export { measureText } from './measureText';
export type { TextItemLike } from './measureText';
export type { TopLevelSpec } from './topLevelSpec';
export type { ChartConfig } from './chartConfig';
export { compileSpec } from './compileSpec';
export type { CompiledSpec } from './compileSpec';
export { toSvg } from './toSvg';
export { toPng } from './toPng';
export type { ToPngOptions } from './toPng';
export { toHtml } from './toHtml';
export type { HtmlChart, ToHtmlOptions } from './toHtml';
export { saveChart, CHART_EXTENSIONS } from './saveChart';
export type { ChartExtension } from './saveChart';
export { vendorScriptPaths } from './vendorScripts';
export { lrFinderChart } from './lrFinderChart';
export type { LrFinderChartOptions } from './lrFinderChart';
export { sweepChart } from './sweepChart';
export type { SweepChartOptions } from './sweepChart';
export { lossChart } from './lossChart';
export type { LossChartOptions } from './lossChart';
export { metricsChart } from './metricsChart';
export type { MetricsChartOptions } from './metricsChart';
export { compareChart } from './compareChart';
export type { CompareChartOptions } from './compareChart';
export { Throttle } from './throttle';
export type {
  LiveBatchRow, LiveCallback, LiveContext, LiveEpochRow, LivePlanRow, LiveRows, LiveRunInfo, LiveSink, LiveTrainState,
} from './liveCallback';
export { LiveFeed, VALID_LOSS_SERIES } from './liveFeed';
export type { LiveFeedOptions } from './liveFeed';
export { LIVE_CHARTS, LIVE_CHART_DATA, LIVE_DATA, liveSpecs } from './liveSpecs';
export type { LiveChartName, LiveSpecOptions } from './liveSpecs';
export { liveCharts } from './liveCharts';
export type { LiveChartTargets, LiveChartsCallback, LiveChartsOptions } from './liveCharts';
export { startDashboard } from './dashboard';
export type { Dashboard, DashboardOptions } from './dashboard';
