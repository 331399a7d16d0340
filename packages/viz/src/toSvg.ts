import type { TopLevelSpec } from './topLevelSpec';
import { compileSpec } from './compileSpec';
import { useDejaVuMetrics } from './measureText';

/**
 * Renders a Vega-Lite spec to an SVG string with vega's headless view, in Node or a browser. In
 * Node text is measured with DejaVu Sans metrics (see `measureText`), the font every chart uses;
 * in a browser vega measures it with a canvas.
 * @param spec - a Vega-Lite v6 spec, e.g. from {@link scheduleChart}.
 * @returns the SVG document text.
 * @example
 * ```ts
 * const svg = await toSvg(scheduleChart(schedule));
 * ```
 */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const { vega } = await compileSpec(spec);
  const vegaModule = await import('vega');
  useDejaVuMetrics(vegaModule);
  const { View, parse } = vegaModule;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
