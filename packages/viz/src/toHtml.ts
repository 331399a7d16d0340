import type { TopLevelSpec } from './topLevelSpec';
import { CHART_FONT } from './chartConfig';
import { vendorScripts } from './vendorScripts';
import { describeValue } from '@onecycle/core-schedules';
import { checkChartOptions } from './checkChartOptions';
import { VizError } from './errors';

/** One chart of a multi-chart page. */
export interface HtmlChart {
  /** Heading shown above the chart. */
  title?: string;
  /** The Vega-Lite spec. */
  spec: TopLevelSpec;
}

/** Options of {@link toHtml}. */
export interface ToHtmlOptions {
  /** Page `<title>` and top heading. @default 'Chart' */
  title?: string;
  /** Trusted HTML inserted after the charts (e.g. a table or notes). @default none */
  extraHtml?: string;
}

/** JSON that can sit inside a `<script>` element. */
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isChartList(x: TopLevelSpec | HtmlChart[]): x is HtmlChart[] {
  return Array.isArray(x);
}

/**
 * Writes one self-contained, offline HTML page showing one or more charts, interactive with
 * tooltips (canvas renderer, so hovering a line shows the nearest point): the vega, vega-lite
 * and vega-embed builds are inlined from node_modules (no CDN). Node only: in a browser build it
 * throws a VizError (embed the spec with vega-embed instead).
 * @param specOrSpecs - a spec, or `{ title?, spec }[]` for several charts on one page.
 * @param opts - see {@link ToHtmlOptions}.
 * @returns the HTML document text (about 0.9 MB, mostly the inlined libraries).
 * @example
 * ```ts
 * fs.writeFileSync('report.html', await toHtml([{ title: 'LR', spec: scheduleChart(s) }]));
 * ```
 */
export async function toHtml(specOrSpecs: TopLevelSpec | HtmlChart[], opts: ToHtmlOptions = {}): Promise<string> {
  if (typeof specOrSpecs !== 'object' || specOrSpecs === null) throw new VizError(`toHtml needs a Vega-Lite spec or a list of { title?, spec }, got ${describeValue(specOrSpecs)}`);
  checkChartOptions(opts, 'toHtml', ['title', 'extraHtml']);
  const charts: HtmlChart[] = isChartList(specOrSpecs) ? specOrSpecs : [{ spec: specOrSpecs }];
  const title = opts.title ?? 'Chart';
  const scripts = vendorScripts().map((s) => `<script>${s}</script>`).join('\n');
  const blocks = charts
    .map((c, i) => `<section>${c.title !== undefined ? `<h2>${escapeHtml(c.title)}</h2>` : ''}<div id="chart-${i}" class="chart"></div></section>`)
    .join('\n');
  const specs = safeJson(charts.map((c) => c.spec));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body { font-family: '${CHART_FONT}', Verdana, sans-serif; margin: 24px; color: #222; } h1 { font-size: 20px; } h2 { font-size: 16px; } section { margin-bottom: 28px; } .error { color: #b00020; }</style>
${scripts}
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${blocks}
${opts.extraHtml ?? ''}
<script>
const specs = ${specs};
Promise.all(specs.map((spec, i) => vegaEmbed('#chart-' + i, spec, { actions: false, tooltip: true, renderer: 'canvas' })))
  .then(() => { document.body.dataset.rendered = 'true'; })
  .catch((err) => { document.body.insertAdjacentHTML('beforeend', '<p class="error"></p>'); document.querySelector('.error').textContent = String(err); });
</script>
</body>
</html>
`;
}
