import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '@onecycle/atomic-write';
import type { TopLevelSpec } from './topLevelSpec';
import { toHtml } from './toHtml';
import { toPng } from './toPng';
import { toSvg } from './toSvg';
import { VizError } from './errors';

/** File extensions {@link saveChart} knows, longest first. */
export const CHART_EXTENSIONS = ['.vl.json', '.html', '.svg', '.png'] as const;

/** A file extension {@link saveChart} writes. */
export type ChartExtension = (typeof CHART_EXTENSIONS)[number];

/**
 * Saves a chart, choosing the format by the file extension: `.svg`, `.png` (2x), `.html`
 * (self-contained, offline) or `.vl.json` (the Vega-Lite spec itself). The write is atomic
 * (`@onecycle/atomic-write`): a reader never sees half a chart.
 * Node only: in a browser build it rejects with a VizError (embed the spec with vega-embed instead).
 * @param spec - a Vega-Lite v6 spec.
 * @param path - the file to write; its folder must exist.
 * @returns once the file is in place.
 * @example
 * ```ts
 * await saveChart(scheduleChart(schedule), 'out/schedule.png');
 * ```
 */
export async function saveChart(spec: TopLevelSpec, path: string): Promise<void> {
  const lower = path.toLowerCase();
  const ext = CHART_EXTENSIONS.find((e) => lower.endsWith(e));
  if (ext === undefined) {
    throw new VizError(`saveChart cannot write ${path}: the extension must be one of ${CHART_EXTENSIONS.join(', ')}`);
  }
  const dir = dirname(resolve(path));
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new VizError(`saveChart cannot write ${path}: the folder ${dir} does not exist (create it first)`);
  }
  const data = await render(spec, ext);
  try {
    await writeFileAtomic(resolve(path), data, { mkdir: false });
  } catch (err) {
    throw new VizError(`saveChart could not write ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

async function render(spec: TopLevelSpec, ext: ChartExtension): Promise<string | Uint8Array> {
  switch (ext) {
    case '.svg':
      return toSvg(spec);
    case '.png':
      return toPng(spec);
    case '.html':
      return toHtml(spec);
    case '.vl.json':
      return `${JSON.stringify(spec, null, 2)}\n`;
  }
}
