// Renders a spec in the browser example with headless Chromium (playwright-core + Debian's
// /usr/bin/chromium), reads back what vega-embed drew and optionally saves a screenshot.
// Used by packages/viz's browser test and by tools/charts/viz-gallery.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './serve.mjs';

/** Where Debian puts Chromium (`apt-get install -y chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser example cannot run here, or undefined when it can. */
export function chromiumMissing() {
  return fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install -y chromium)`;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Runs `fn(page)` in a fresh headless Chromium profile, then removes the profile. */
async function withPage(fn) {
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecycle-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 820, height: 560 },
  });
  try {
    return await fn(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Opens a page written by toHtml() from a file:// URL and reports whether every chart rendered
 * and which non-file requests the page tried (it must work offline, so none).
 * @param {string} file absolute path of the HTML file
 * @returns {Promise<{ rendered: boolean, canvases: number, error: string | undefined, requests: string[] }>}
 */
export async function openHtmlInChromium(file) {
  return withPage(async (page) => {
    const requests = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => document.body.dataset.rendered === 'true' || document.querySelector('.error') !== null, undefined, { timeout: 30_000 });
    const result = await page.evaluate(() => ({
      rendered: document.body.dataset.rendered === 'true',
      canvases: document.querySelectorAll('.chart canvas').length,
      error: document.querySelector('.error')?.textContent ?? undefined,
    }));
    return { ...result, requests };
  });
}

/**
 * @param {{ spec: object, screenshotPath?: string }} opts
 * @returns {Promise<{ lineMarks: number, axisTitles: string[], error: string | undefined }>}
 */
export async function renderInChromium({ spec, screenshotPath }) {
  const server = await startServer(spec);
  try {
    return await withPage(async (page) => {
      await page.goto(server.url);
      await page.waitForFunction(() => document.body.dataset.rendered !== undefined, undefined, { timeout: 30_000 });
      const result = await page.evaluate(() => ({
        rendered: document.body.dataset.rendered,
        error: document.body.dataset.error,
        lineMarks: document.querySelectorAll('#chart svg g.mark-line.role-mark').length,
        axisTitles: [...document.querySelectorAll('#chart svg g.role-axis-title text')].map((t) => t.textContent ?? ''),
      }));
      if (screenshotPath !== undefined) await page.screenshot({ path: screenshotPath, fullPage: true });
      return { lineMarks: result.lineMarks, axisTitles: result.axisTitles, error: result.rendered === 'true' ? undefined : (result.error ?? 'not rendered') };
    });
  } finally {
    await server.close();
  }
}

// Command line (used by packages/viz's browser test, which may not import files outside its package):
//   node render.mjs spec <spec.vl.json> [screenshot.png]   -> prints renderInChromium's result as JSON
//   node render.mjs html <page.html>                       -> prints openHtmlInChromium's result as JSON
if (process.argv[1] === import.meta.filename) {
  const [mode, file, screenshotPath] = process.argv.slice(2);
  const missing = chromiumMissing();
  let result;
  if (missing !== undefined) result = { skipped: missing };
  else if (mode === 'spec' && file !== undefined) result = await renderInChromium({ spec: JSON.parse(fs.readFileSync(file, 'utf8')), ...(screenshotPath ? { screenshotPath } : {}) });
  else if (mode === 'html' && file !== undefined) result = await openHtmlInChromium(path.resolve(file));
  else {
    console.error('usage: node render.mjs spec <spec.vl.json> [screenshot.png] | html <page.html>');
    process.exit(2);
  }
  console.log(JSON.stringify(result));
}
