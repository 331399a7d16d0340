// End-to-end: the browser example in docs/examples/browser, driven by headless Chromium
// (playwright-core + /usr/bin/chromium) through its render.mjs command line.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { lossChart, saveChart, scheduleChart, toHtml } from '../index';
import { oneCycle, recorder } from './fixtures';

const CHROMIUM = '/usr/bin/chromium';
const script = resolve(import.meta.dirname, '../../../../docs/examples/browser/render.mjs');
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install -y chromium)`;
if (missing !== undefined) console.warn(`browser tests skipped: ${missing}`);

const dir = mkdtempSync(join(tmpdir(), 'onecycle-viz-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(...args: string[]): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, [script, ...args], { timeout: 60_000 });
  const parsed: unknown = JSON.parse(stdout);
  return parsed;
}

describe.skipIf(missing !== undefined)('browser example (headless Chromium, vega-embed)', () => {
  it('renders a scheduleChart with two line marks and both axis titles, and saves a screenshot', async () => {
    const specFile = join(dir, 'schedule.vl.json');
    await saveChart(scheduleChart(oneCycle(500), { title: '1cycle' }), specFile);
    const screenshot = join(dir, 'schedule.png');
    const result = await render('spec', specFile, screenshot);
    expect(result).toEqual({ lineMarks: 2, axisTitles: expect.arrayContaining(['iterations', 'learning rate', 'momentum']) });
    expect([...readFileSync(screenshot).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('opens a toHtml page offline from file:// and renders every chart', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, await toHtml([{ title: 'schedule', spec: scheduleChart(oneCycle(100)) }, { title: 'loss', spec: lossChart(recorder) }]));
    expect(await render('html', file)).toEqual({ rendered: true, canvases: 2, requests: [] });
  });
});
