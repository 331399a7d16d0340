#!/usr/bin/env node
// A tiny static server for the browser example: the page, vega/vega-lite/vega-embed from
// node_modules (no CDN) and a schedule chart spec at /schedule.vl.json.
//   node docs/examples/browser/serve.mjs      # then open the printed URL
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const here = import.meta.dirname;
const require = createRequire(import.meta.url);

/** Paths of the three browser builds, resolved from node_modules. */
export function vendorFiles() {
  const at = (pkg, file) => path.join(path.dirname(require.resolve(pkg)), file);
  return {
    'vega.min.js': at('vega', 'vega.min.js'),
    'vega-lite.min.js': at('vega-lite', 'vega-lite.min.js'),
    'vega-embed.min.js': at('vega-embed', 'vega-embed.min.js'),
  };
}

/**
 * Starts the example server on 127.0.0.1 at a random free port.
 * @param {object} spec the Vega-Lite spec served as /schedule.vl.json
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startServer(spec) {
  const vendor = vendorFiles();
  const routes = {
    '/': { file: path.join(here, 'index.html'), type: 'text/html; charset=utf-8' },
    '/index.html': { file: path.join(here, 'index.html'), type: 'text/html; charset=utf-8' },
    '/main.js': { file: path.join(here, 'main.js'), type: 'text/javascript; charset=utf-8' },
  };
  for (const [name, file] of Object.entries(vendor)) routes[`/vendor/${name}`] = { file, type: 'text/javascript; charset=utf-8' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/schedule.vl.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(spec));
      return;
    }
    const route = routes[url.pathname];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not found: ${url.pathname}`);
      return;
    }
    res.writeHead(200, { 'content-type': route.type });
    fs.createReadStream(route.file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

if (process.argv[1] === import.meta.filename) {
  const { createSchedule } = await import('@onecycle/core-schedules');
  const { scheduleChart } = await import('@onecycle/viz');
  const schedule = createSchedule({ kind: 'oneCycle', lrMax: 1e-3, totalSteps: 1000 });
  const { url } = await startServer(scheduleChart(schedule, { title: 'fit_one_cycle: 1000 iterations, lr_max 1e-3' }));
  console.log(`serving the browser example at ${url} (Ctrl-C to stop)`);
}
