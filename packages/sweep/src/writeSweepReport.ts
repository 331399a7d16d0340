import path from 'node:path';
import { writeFileAtomic } from '@onecycle/atomic-write';
import { compareChart, saveChart, toHtml } from '@onecycle/viz';
import type { TopLevelSpec } from '@onecycle/viz';
import type { SweepSummary } from './summarizeSweep';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (x: number | null, signed = false): string => (x === null ? '—' : `${signed && x > 0 ? '+' : ''}${x.toPrecision(4)}`);

/**
 * The sweep chart: the metric's series field per epoch for every cell, mean ± std over its seeds
 * (a band), with viz's compare chart — how the cells got to their final values, not only where.
 * @returns the Vega-Lite spec, or undefined when no run has the field in its series
 */
export function sweepCompareChart(summary: SweepSummary): TopLevelSpec | undefined {
  const runs = summary.cells.filter((c) => c.curve.length > 0).map((c) => ({ name: c.name, points: c.curve.map((p) => ({ epoch: p.epoch, value: p.mean, std: p.std })) }));
  if (runs.length === 0) return undefined;
  return compareChart(runs, { metric: summary.metric.name, title: `${summary.metric.name} per epoch, mean ± std over seeds` });
}

function tableHtml(summary: SweepSummary): string {
  const rows = summary.cells.map((c) => {
    const d = c.diff === undefined ? '— (baseline)' : c.diff.n === 0 ? '—' : `${fmt(c.diff.mean, true)} ± ${fmt(c.diff.std)} (${c.diff.above}/${c.diff.below})`;
    return `<tr><td>${escape(c.name)}</td><td>${fmt(c.mean)} ± ${fmt(c.std)}</td><td>${c.n} of ${c.runs}</td><td>${escape(d)}</td></tr>`;
  });
  return `<table style="border-collapse:collapse;margin:1em 0" border="1" cellpadding="4"><thead><tr><th>cell</th><th>${escape(summary.metric.name)} (${summary.metric.at}): mean ± std</th><th>n</th><th>− "${escape(summary.baseline)}", paired: mean ± std (seeds above / below)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * Writes the sweep's pictures into `outDir`: `sweep.svg` and `sweep.png` (see
 * {@link sweepCompareChart}) and `report.html`, one offline page with the chart (interactive) and
 * the summary table.
 * @param outDir - the sweep's output folder
 * @param title - the page title
 * @returns the files written
 */
export async function writeSweepReport(summary: SweepSummary, outDir: string, title: string): Promise<string[]> {
  const spec = sweepCompareChart(summary);
  const files: string[] = [];
  if (spec !== undefined) {
    for (const ext of ['svg', 'png']) {
      const file = path.join(outDir, `sweep.${ext}`);
      await saveChart(spec, file);
      files.push(file);
    }
  }
  const html = await toHtml(spec === undefined ? [] : [{ title: `${summary.metric.name} per epoch`, spec }], { title, extraHtml: tableHtml(summary) });
  const report = path.join(outDir, 'report.html');
  await writeFileAtomic(report, html);
  files.push(report);
  return files;
}
