// @onecycle/viz live charts: the extra time per batch that liveCharts (in headless Chromium, the
// charts drawn on canvas) and the dashboard's Server-Sent Events feed (in Node, two pages
// listening) add to a training loop, as a percentage of one step of a small MLP on the same
// backend (cpu), in one run. Two figures each: the callback's own per-batch hooks (a tight loop of
// 10,000 batches), and the whole extra time with redraws or sends (A/B): the loop (liveLoop.mjs)
// fires a CallbackBus around a busy wait as long as the measured step, in alternating pairs
// without and with the charts; the figure is the median per-pair difference, so a machine whose
// load drifts affects both halves alike (on a busy machine it is still the noisier figure).
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CallbackBus, Recorder } from '@onecycle/callbacks';
import { startDashboard } from '@onecycle/viz';
import { mlpStepMs, timeHooks, timePairs } from './liveLoop.mjs';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 5;
const BATCHES = 200;
const root = path.resolve(import.meta.dirname, '../..');

/** Opens the dashboard's event stream and reads (and drops) everything it sends. */
function listen(url) {
  const req = request(new URL('/events', url), { agent: false }, (res) => res.resume());
  req.on('error', () => undefined);
  req.end();
}

async function sseFeed(stepMs) {
  const dash = await startDashboard({ log: null, keepOpen: true });
  listen(dash.url);
  listen(dash.url);
  while (dash.viewers() < 2) await new Promise((r) => setTimeout(r, 5));
  try {
    const hooksMs = await timeHooks((await startDashboard({ log: null, keepOpen: false })).callback, 10_000);
    return { hooksMs, ...(await timePairs(() => new CallbackBus([new Recorder()]), () => new CallbackBus([new Recorder(), dash.callback]), { runs: RUNS, batches: BATCHES, stepMs })) };
  } finally {
    await dash.close();
  }
}

async function inChromium() {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'liveCharts.app.mjs')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', absWorkingDir: root,
  });
  const code = out.outputFiles[0].text;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const files = {
      '/': { body: '<!doctype html><meta charset="utf-8"><div id="charts"></div><script type="module" src="/app.js"></script>', contentType: 'text/html' },
      '/app.js': { body: code, contentType: 'text/javascript' },
    };
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const file = url.origin === 'http://127.0.0.1' ? files[url.pathname] : undefined;
      return file === undefined ? route.abort() : route.fulfill({ status: 200, ...file });
    });
    await page.goto('http://127.0.0.1/');
    await page.waitForFunction(() => 'benchLive' in globalThis, undefined, { timeout: 60_000 });
    return await page.evaluate(({ runs, batches }) => globalThis.benchLive({ runs, batches }), { runs: RUNS, batches: BATCHES });
  } finally {
    await browser.close();
  }
}

const pct = (overhead, step) => `${((100 * overhead) / step).toFixed(2)} %`;

export async function run() {
  await tf.setBackend('cpu');
  const stepMs = await mlpStepMs(tf);
  const sse = await sseFeed(stepMs);
  const rows = [
    { name: 'viz: small MLP step, Node cpu (ms)', value: stepMs.toFixed(2), target: 'informative' },
    { name: 'viz: dashboard feed hooks per batch / MLP step (Node)', value: pct(sse.hooksMs, stepMs), target: '<= 1 %' },
    { name: 'viz: dashboard SSE feed per batch / MLP step, A/B (Node, 2 pages)', value: pct(sse.overheadMs, stepMs), target: '<= 1 %' },
  ];
  if (!existsSync(CHROMIUM)) {
    rows.push({ name: 'viz: liveCharts per batch / MLP step, A/B with redraws (Chromium)', value: `skipped: ${CHROMIUM} missing`, target: '<= 1 %' });
    return rows;
  }
  const browser = await inChromium();
  rows.push(
    { name: 'viz: small MLP step, Chromium cpu (ms)', value: browser.stepMs.toFixed(2), target: 'informative' },
    { name: 'viz: liveCharts hooks per batch / MLP step (Chromium)', value: pct(browser.hooksMs, browser.stepMs), target: '<= 1 %' },
    { name: 'viz: liveCharts per batch / MLP step, A/B with redraws (Chromium)', value: pct(browser.overheadMs, browser.stepMs), target: '<= 1 %' },
  );
  return rows;
}

if (process.argv[1] === import.meta.filename) console.table(await run());
