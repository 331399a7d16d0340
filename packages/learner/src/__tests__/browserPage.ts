// Shared set-up of the browser tests: bundle an app with esbuild for the browser (each @onecycle
// package resolves to its dist/index.browser.js through node_modules, @tensorflow/tfjs included),
// launch headless Chromium (playwright-core, Debian's /usr/bin/chromium, no network) and open a
// page answered from memory.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';

/** Where Debian puts Chromium (`apt-get install -y chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export const chromiumMissing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install -y chromium)`;

/** The learner package's folder: bundles resolve packages from here. */
export const learnerDir = resolve(import.meta.dirname, '../..');

/** The repository's root folder. */
export const repoRoot = resolve(learnerDir, '../..');

/** Chromium flags: headless, no sandbox or GPU, and nothing that calls home. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Launches headless Chromium.
 * @returns the browser; close it in afterAll
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Bundles for the browser, as an app would: one ESM file, tfjs and vega included. */
export async function bundle(entry: { file: string } | { code: string }): Promise<{ code: string; inputs: string[] }> {
  const out = await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.code, resolveDir: learnerDir, sourcefile: 'example.js', loader: 'js' } }),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: learnerDir,
  });
  const [file] = out.outputFiles;
  if (file === undefined) throw new Error('esbuild wrote no bundle');
  // absolute paths (esbuild reports them relative to absWorkingDir), or 'namespace:name'
  const inputs = Object.keys(out.metafile.inputs).map((f) => (f.includes(':') ? f : resolve(learnerDir, f)));
  return { code: file.text, inputs };
}

/** The page's origin: requests to it are answered from memory by the test (nothing listens there). */
export const ORIGIN = 'http://127.0.0.1';

/** What a page did: console lines, uncaught errors and requests it tried outside {@link ORIGIN}. */
export interface PageLog {
  console: string[];
  errors: string[];
  requests: string[];
}

/**
 * Opens a page at {@link ORIGIN} (a real origin, so IndexedDB works) answered from memory: `/` is
 * a page with `body` that loads `/app.js` (`appCode`) as a module. Any other request is refused and noted.
 * @param body - the page's body HTML before the script. @default `<div id="lr"></div><div id="loss"></div>`
 */
export async function openPage(browser: Browser, appCode: string, body = '<div id="lr"></div><div id="loss"></div>'): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: 760, height: 900 } });
  const log: PageLog = { console: [], errors: [], requests: [] };
  page.on('console', (msg) => log.console.push(msg.text()));
  page.on('pageerror', (err) => log.errors.push(err.message));
  const files: Record<string, { body: string; contentType: string }> = {
    '/': { body: `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}<script type="module" src="/app.js"></script></body></html>`, contentType: 'text/html' },
    '/app.js': { body: appCode, contentType: 'text/javascript' },
  };
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
    if (file !== undefined) return route.fulfill({ status: 200, ...file });
    log.requests.push(url.href);
    return route.abort();
  });
  await page.goto(`${ORIGIN}/`);
  return { page, log };
}
