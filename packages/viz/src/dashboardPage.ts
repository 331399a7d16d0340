import { LIVE_CHARTS, LIVE_CHART_DATA } from './liveSpecs';
import { CHART_FONT } from './chartConfig';

/** Where the dashboard serves the vega, vega-lite and vega-embed builds, in load order. */
export const DASHBOARD_VENDOR_ROUTES = ['/vendor/vega.min.js', '/vendor/vega-lite.min.js', '/vendor/vega-embed.min.js'] as const;

/** Path of the Server-Sent Events stream. */
export const DASHBOARD_EVENTS_ROUTE = '/events';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The dashboard's one page: the three live charts, fed by the server's event stream. A `begin`
 * event carries the run's Vega-Lite specs (the page embeds them, once per run), `rows` events
 * carry batch and epoch rows (inserted as Vega changesets; the server already throttles them),
 * `end` marks the end of the run (a later `begin` starts the next) and `close` says the server is
 * stopping, so the page closes its EventSource rather than reconnect to nothing.
 * Everything it loads comes from the same server (the vega builds from node_modules).
 * `globalThis.onecycleDashboard` gives the views and the rows seen, for tests and the curious.
 * @param title - page title and heading
 * @returns the HTML text
 */
export function dashboardPage(title: string): string {
  const charts = LIVE_CHARTS.map((name) => `<div id="chart-${name}" class="chart"></div>`).join('\n');
  const scripts = DASHBOARD_VENDOR_ROUTES.map((src) => `<script src="${src}"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body { font-family: '${CHART_FONT}', Verdana, sans-serif; margin: 24px; color: #222; } h1 { font-size: 20px; margin: 0 0 4px; } #status { color: #555; margin: 0 0 16px; } .chart { margin-bottom: 18px; } .error { color: #b00020; }</style>
${scripts}
</head>
<body data-state="connecting">
<h1>${escapeHtml(title)}</h1>
<p id="status">connecting…</p>
${charts}
<script>
(() => {
  const CHARTS = ${JSON.stringify(LIVE_CHARTS)};
  const DATA = ${JSON.stringify(LIVE_CHART_DATA)};
  const status = document.getElementById('status');
  const seen = { batches: 0, epochs: 0 };
  let views = {};
  let queue = Promise.resolve();
  const later = (fn) => { queue = queue.then(fn).catch((err) => { document.body.dataset.state = 'error'; status.className = 'error'; status.textContent = String(err); }); };
  const say = () => { status.textContent = (document.body.dataset.state === 'ended' ? 'run finished: ' : 'training: ') + seen.batches + ' batches, ' + seen.epochs + ' epoch values'; };
  const source = new EventSource(${JSON.stringify(DASHBOARD_EVENTS_ROUTE)});
  source.addEventListener('begin', (e) => {
    const { specs } = JSON.parse(e.data);
    later(async () => {
      for (const view of Object.values(views)) view.finalize();
      views = {};
      seen.batches = 0;
      seen.epochs = 0;
      for (const name of CHARTS) {
        const el = document.getElementById('chart-' + name);
        el.replaceChildren();
        views[name] = (await vegaEmbed(el, specs[name], { actions: false, renderer: 'canvas' })).view;
      }
      document.body.dataset.state = 'running';
      say();
    });
  });
  source.addEventListener('rows', (e) => {
    const rows = JSON.parse(e.data);
    later(async () => {
      const runs = [];
      for (const name of CHARTS) {
        let changed = false;
        for (const data of DATA[name]) {
          if (rows[data].length === 0) continue;
          views[name].insert(data, rows[data].map((r) => ({ ...r })));
          changed = true;
        }
        if (changed) runs.push(views[name].runAsync());
      }
      await Promise.all(runs);
      seen.batches += rows.batches.length;
      seen.epochs += rows.epochs.length;
      say();
    });
  });
  source.addEventListener('end', () => {
    later(() => { document.body.dataset.state = 'ended'; say(); });
  });
  source.addEventListener('close', () => {
    source.close();
    later(() => { status.textContent += ' (the dashboard has stopped)'; });
  });
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) return;
    status.textContent = 'connection lost: the dashboard may have stopped (retrying)';
  };
  globalThis.onecycleDashboard = { views: () => views, seen: () => ({ ...seen }), idle: () => queue };
})();
</script>
</body>
</html>
`;
}
