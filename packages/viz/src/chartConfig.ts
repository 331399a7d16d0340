import type { Config } from 'vega-lite';

/** The Vega-Lite `config` the charts set (a vega-lite `Config`; typed loosely for the reason given at `TopLevelSpec`). */
export interface ChartConfig {
  font?: unknown;
  background?: unknown;
  padding?: unknown;
  title?: unknown;
  axis?: unknown;
  legend?: unknown;
  view?: unknown;
}

/** The Vega-Lite v6 JSON schema URL put in every spec's `$schema`. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Font family used for every text in the charts; DejaVu Sans ships with most Linux systems. */
export const CHART_FONT = 'DejaVu Sans';

/** Default chart width in pixels. */
export const DEFAULT_WIDTH = 640;
/** Default chart height in pixels. */
export const DEFAULT_HEIGHT = 320;

/** Colours shared by the charts (Tableau 10, as Vega's default category scheme). */
export const COLORS = {
  lr: '#1f77b4',
  raw: '#9ecae9',
  mom: '#ff7f0e',
  wd: '#2ca02c',
  valid: '#d62728',
  band: '#9467bd',
  rule: '#7f7f7f',
  diverged: '#d62728',
  suggestion: '#2ca02c',
  valley: '#2ca02c',
  slide: '#e377c2',
  minimum: '#8c564b',
  steep: '#9467bd',
} as const;

/**
 * The Vega-Lite `config` every builder sets: one font everywhere (so SVG and PNG text
 * render with a font that exists), a white background and readable title sizes.
 * @returns a fresh config object.
 */
export function chartConfig(): ChartConfig {
  const config: Config = {
    font: CHART_FONT,
    background: 'white',
    padding: 8,
    title: { fontSize: 15, anchor: 'start', offset: 10 },
    axis: { titleFontSize: 13, labelFontSize: 11, titlePadding: 8, labelOverlap: true },
    legend: { titleFontSize: 12, labelFontSize: 12, labelLimit: 260, symbolOpacity: 1 },
    view: { stroke: '#dddddd' },
  };
  return config;
}

/** d3-format used for learning rates and losses on axes and tooltips. */
export const NUMBER_FORMAT = '~g';
