// Browser twin of saveChart.ts (see tools/build/tsup.ts): same exports, but files need Node.
import type * as node from './saveChart';
import { VizError } from './errors';

export type { ChartExtension } from './saveChart';

/** File extensions `saveChart` knows in Node, longest first. */
export const CHART_EXTENSIONS: typeof node.CHART_EXTENSIONS = ['.vl.json', '.html', '.svg', '.png'];

/**
 * Not available in a browser: `saveChart` writes files.
 * @param path - the file that was to be written
 * @returns never; rejects with a VizError that names the browser alternative
 * @example
 * ```ts
 * await vegaEmbed('#chart', scheduleChart(schedule)); // instead of saveChart in a browser
 * ```
 */
export const saveChart: typeof node.saveChart = async (_spec, path) => {
  throw new VizError(
    `saveChart writes files and needs Node (asked for ${JSON.stringify(path)}); in a browser embed the spec: vegaEmbed(element, spec), or get an SVG string with toSvg(spec)`,
  );
};
