import type { TopLevelSpec } from './topLevelSpec';
import { CHART_FONT } from './chartConfig';
import { toSvg } from './toSvg';
import { VizError } from './errors';
import { describeValue } from '@onecycle/core-schedules';
import { checkChartOptions } from './checkChartOptions';

/** Options of {@link toPng}. */
export interface ToPngOptions {
  /** Pixel density: 2 gives a sharp picture on high-DPI screens. @default 2 */
  scale?: number;
}

/**
 * Renders a Vega-Lite spec to PNG bytes in Node: vega draws SVG, resvg rasterises it with the
 * system fonts (text uses {@link CHART_FONT}, DejaVu Sans). Node only: in a browser build it
 * rejects with a VizError (use vega-embed's `view.toImageURL('png')`).
 * @param spec - a Vega-Lite v6 spec.
 * @param opts - see {@link ToPngOptions}.
 * @returns the PNG file bytes.
 * @example
 * ```ts
 * fs.writeFileSync('lr.png', await toPng(scheduleChart(schedule), { scale: 2 }));
 * ```
 */
export async function toPng(spec: TopLevelSpec, opts: ToPngOptions = {}): Promise<Uint8Array> {
  checkChartOptions(opts, 'toPng', ['scale']);
  const scale: unknown = opts.scale ?? 2;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new VizError(`opts.scale must be a number in (0, 10], got ${describeValue(scale)}: it multiplies the chart's pixel size`);
  }
  const svg = await toSvg(spec);
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    background: 'white',
  });
  return new Uint8Array(resvg.render().asPng());
}
