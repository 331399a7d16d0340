// The packages in a browser: bundles browserApp.mjs with esbuild for the browser (each @onecycle
// package resolves to its dist/index.browser.js through node_modules, @tensorflow/tfjs included),
// then runs it in headless Chromium (playwright-core, Debian's /usr/bin/chromium, no network); the
// example of docs/browser.md is bundled and run the same way. The learner's own dist must be built
// first (its nx test target depends on its build).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageName } from '../index';
import { bundle, chromiumMissing as missing, launchChromium, learnerDir, openPage } from './browserPage';

if (missing !== undefined) console.warn(`browser bundle test skipped: ${missing}`);
const app = resolve(import.meta.dirname, 'browserApp.mjs');
const docFile = resolve(import.meta.dirname, '../../../../docs/browser.md');

/** An error thrown in the page. */
interface ErrorReport {
  name: string;
  message: string;
}

/** What browserApp.mjs reports. */
interface AppReport {
  backends: { auto: string; autoLogged: string[]; tensorflow: ErrorReport | null; wasm: ErrorReport | null; cpu: string; active: string };
  findLr: string;
  fit: { spec: unknown; batches: number; lrs: number[]; losses: number[] };
  schedSpec: Record<string, unknown>;
  lrSpecJson: Record<string, unknown>;
  warnings: string[];
  svg: { start: string; paths: number };
  errors: Record<'saveChart' | 'toPng' | 'toHtml' | 'plotLrPath' | 'save' | 'load' | 'fsIOHandler' | 'startDashboard', ErrorReport | null>;
  tensors: { before: number; after: number };
}

describe.skipIf(missing !== undefined)(`${packageName} in a browser bundle (esbuild + headless Chromium)`, () => {
  let browser: Browser | undefined;
  let result: { code: string; inputs: string[] };
  let report: AppReport;
  let consoleLines: string[];

  beforeAll(async () => {
    result = await bundle({ file: app });
    browser = await launchChromium();
    const { page, log } = await openPage(browser, result.code);
    await page.waitForFunction(() => 'onecycleApp' in globalThis, undefined, { timeout: 30_000 });
    // the app returns plain JSON; the expression form lets the result type be stated, not cast
    report = await page.evaluate<AppReport>('globalThis.onecycleApp()');
    consoleLines = log.console;
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    await page.close();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('bundles every package through its browser build, with tfjs and vega and no Node built-ins', () => {
    const entries = { callbacks: 'index.browser.js', viz: 'index.browser.js', learner: 'index.browser.js', 'lr-finder': 'index.js', 'core-schedules': 'index.js', optim: 'index.js' };
    for (const [pkg, file] of Object.entries(entries)) expect(result.inputs, pkg).toContain(resolve(learnerDir, '..', pkg, 'dist', file));
    // the Node-only pieces are swapped out, not merely unused
    expect(result.inputs.filter((f) => /packages\/[^/]+\/dist\/index\.js$/.test(f)).map((f) => f.split('/').at(-3)).sort()).toEqual(['core-schedules', 'lr-finder', 'optim']);
    expect(result.inputs.some((f) => f.includes('@tensorflow/tfjs-core/'))).toBe(true);
    expect(result.inputs.some((f) => f.includes('node_modules/vega-lite/'))).toBe(true);
    expect(result.inputs.filter((f) => f.includes('resvg') || f.includes('cli-progress'))).toEqual([]);
    expect(report.findLr).toBe('function');
  });

  it("initBackend: 'auto' picks a browser backend, 'tensorflow' and an unregistered 'wasm' throw a BackendError, 'cpu' is set", () => {
    expect(['webgl', 'wasm', 'cpu']).toContain(report.backends.auto);
    expect(report.backends.autoLogged).toEqual([expect.stringContaining(`backend '${report.backends.auto}'`)]);
    expect(report.backends.tensorflow).toEqual({ name: 'BackendError', message: expect.stringMatching(/tfjs-node, which runs only in Node.*initBackend\('auto'\)/) });
    expect(report.backends.wasm).toEqual({ name: 'BackendError', message: expect.stringMatching(/^backend 'wasm' needs @tensorflow\/tfjs-backend-wasm: import it in the page/) });
    expect(report.backends.cpu).toBe('cpu');
    expect(report.backends.active).toBe('cpu');
  });

  it('fitOneCycle trains on the cpu backend: one batch recorded per step, LR warms up, losses finite, no leaked tensors', () => {
    expect(report.fit.spec).toEqual({ kind: 'oneCycle', lrMax: 0.01, totalSteps: 4 });
    expect(report.fit.batches).toBe(4);
    expect(report.fit.lrs[0]).toBeCloseTo(0.01 / 25, 10);
    expect(Math.max(...report.fit.lrs)).toBeGreaterThan(report.fit.lrs[0] ?? Infinity);
    expect(report.fit.losses.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
    expect(report.tensors.after).toBe(report.tensors.before);
    // the progress bar has no terminal in a browser: its epoch table goes to console.log
    expect(consoleLines.some((l) => /^epoch\s+train_loss/.test(l))).toBe(true);
  });

  it('charts: scheduleChart and plotLr give layered Vega-Lite specs that compile cleanly, and toSvg renders', () => {
    for (const spec of [report.schedSpec, report.lrSpecJson]) {
      expect(spec['$schema']).toMatch(/vega-lite\/v6/);
      expect(JSON.stringify(spec)).toMatch(/"layer":\[/);
    }
    expect(report.warnings).toEqual([]);
    expect(report.svg.start).toMatch(/^<svg /);
    expect(report.svg.paths).toBeGreaterThan(2);
  });

  it('Node-only functions throw the typed error naming the function and what to use in a browser', () => {
    const e = report.errors;
    expect(e.saveChart).toEqual({ name: 'VizError', message: expect.stringMatching(/^saveChart writes files and needs Node.*vegaEmbed\(element, spec\)/) });
    expect(e.toPng).toEqual({ name: 'VizError', message: expect.stringMatching(/^toPng .*needs Node.*toImageURL/) });
    expect(e.toHtml).toEqual({ name: 'VizError', message: expect.stringMatching(/^toHtml .*needs Node.*vegaEmbed/) });
    expect(e.plotLrPath).toEqual({ name: 'VizError', message: expect.stringMatching(/^saveChart writes files/) });
    expect(e.save).toEqual({ name: 'CheckpointError', message: expect.stringMatching(/^learner\.save\("out\/run"\) .*Node only.*indexeddb:\/\//) });
    expect(e.load).toEqual({ name: 'CheckpointError', message: expect.stringMatching(/^Learner\.load\("out\/run"\) .*Node only.*tf\.loadLayersModel/) });
    expect(e.startDashboard).toEqual({ name: 'VizError', message: expect.stringMatching(/^startDashboard serves a page over HTTP and needs Node.*liveCharts\(element\)/) });
    expect(e.fsIOHandler).toEqual({ name: 'CallbackOptionError', message: expect.stringMatching(/^fsIOHandler\("out\/model"\) .*needs Node.*indexeddb:\/\/.*localstorage:\/\/.*downloads:\/\//) });
  });

  it('the example of docs/browser.md trains, embeds both charts with vega-embed and saves to IndexedDB', async () => {
    if (browser === undefined) throw new Error('no browser');
    const markdown = readFileSync(docFile, 'utf8');
    const example = /## Example[\s\S]*?```js\n([\s\S]*?)\n```/.exec(markdown)?.[1];
    if (example === undefined) throw new Error(`no \`\`\`js block under "## Example" in ${docFile}`);
    const { code } = await bundle({ code: `${example}\nglobalThis.exampleDone = true;\n` });
    const { page, log } = await openPage(browser, code);
    // an uncaught error in the example ends the wait at once, with its message
    const failed = new Promise<never>((_, reject) => page.on('pageerror', reject));
    failed.catch(() => undefined);
    await Promise.race([page.waitForFunction(() => 'exampleDone' in globalThis, undefined, { timeout: 50_000 }), failed]);
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    // vega gives the element it draws in (canvas or svg) the class 'marks'
    const drawn = await page.evaluate(() => ['#lr', '#loss'].map((id) => document.querySelectorAll(`${id} .marks`).length));
    expect(drawn).toEqual([1, 1]);
    expect(log.console.filter((l) => /^\d+\s+\d/.test(l))).toHaveLength(3);
    const saved = await page.evaluate<string[]>('indexedDB.databases().then((dbs) => dbs.map((d) => d.name))');
    expect(saved).toContain('tensorflowjs');
    await page.close();
  });
});
