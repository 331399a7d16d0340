// viz's Node dashboard fed by a Learner run in this process, watched from headless Chromium: two
// pages open while the run is held at one batch (each first gets the history so far), then see
// the rest arrive; the server stops by itself when the run ends. The page's Vega views are read
// back and compared with the learner's recorder. Screenshot: out/screenshots/dashboard-mid-run.png.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Callback } from '@onecycle/callbacks';
import { liveCharts, startDashboard } from '@onecycle/viz';
import type { Dashboard } from '@onecycle/viz';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../index';
import type { FitResult } from '../index';
import { chromiumMissing, launchChromium, repoRoot } from './browserPage';
import { makeData, makeModel } from './helpers';

if (chromiumMissing !== undefined) console.warn(`dashboard browser test skipped: ${chromiumMissing}`);

// liveCharts and the dashboard's callback are Learner callbacks as they are (checked by tsc)
export const asLearnerCallbacks = (el: HTMLElement, dash: Dashboard): Callback[] => [liveCharts(el), dash.callback];

const shots = resolve(repoRoot, 'out/screenshots');
/** 96 samples in batches of 8, 3 epochs. */
const TOTAL = 36;
const PAUSE_AT = 20;

interface BatchRow { iteration: number; epoch: number; lr: number; mom?: number; wd?: number; loss: number; smooth: number }
interface EpochRow { epoch: number; iteration: number; series: string; value: number }
interface PageData { state: string; batches: BatchRow[]; lossEpochs: EpochRow[]; metricEpochs: EpochRow[]; plan: number; requests: string[] }

/** What the dashboard page's views hold. */
async function pageData(page: Page): Promise<PageData> {
  return page.evaluate<PageData>(`(() => {
    const views = globalThis.onecycleDashboard.views();
    const rows = (view, name) => JSON.parse(JSON.stringify(view.data(name)));
    return {
      state: document.body.dataset.state,
      batches: rows(views.schedule, 'batches'),
      lossEpochs: rows(views.loss, 'epochs'),
      metricEpochs: rows(views.metrics, 'epochs'),
      plan: views.schedule.data('plan').length,
      requests: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin)),
    };
  })()`);
}

describe.skipIf(chromiumMissing !== undefined)('startDashboard watched from headless Chromium while a Learner trains', () => {
  let browser: Browser | undefined;
  let dash: Dashboard | undefined;
  const printed: string[] = [];
  let midRecorder: ReturnType<Learner['recorder']['toJSON']>;
  let mid: PageData[];
  let viewersMid = 0;
  let end: PageData[];
  let finalRecorder: ReturnType<Learner['recorder']['toJSON']>;
  let result: FitResult;
  let tensors: { before: number; after: number };
  let refusedAfterEnd: unknown;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const train = makeData(96, 7);
    const valid = makeData(32, 8);
    const model = makeModel();
    const learn = new Learner({ model, data: { train: { ...train, batchSize: 8 }, valid: { ...valid, batchSize: 16 } }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], seed: 1, progress: false });
    dash = await startDashboard({ log: (line) => printed.push(line), title: 'onecycle: a small MLP', width: 560, height: 150 });
    let paused!: () => void;
    const atPause = new Promise<void>((r) => { paused = r; });
    let resume!: () => void;
    const held = new Promise<void>((r) => { resume = r; });
    const hold: Callback = { name: 'HoldForTest', order: 100, onBatchEnd: (s) => { if (s.iteration !== PAUSE_AT) return undefined; paused(); return held; } };
    const fit = learn.fitOneCycle(3, 0.01, { callbacks: [dash.callback, hold] });
    const failed = fit.then(() => new Promise<never>(() => undefined));
    await Promise.race([atPause, failed]);

    browser = await launchChromium();
    const pages = [await browser.newPage({ viewport: { width: 760, height: 900 } }), await browser.newPage({ viewport: { width: 760, height: 900 } })];
    for (const page of pages) {
      await page.goto(dash.url);
      await page.waitForFunction(`globalThis.onecycleDashboard?.seen().batches === ${PAUSE_AT + 1}`, undefined, { timeout: 20_000 });
    }
    midRecorder = learn.recorder.toJSON();
    mid = await Promise.all(pages.map(pageData));
    viewersMid = dash.viewers();
    const [first] = pages;
    if (first === undefined) throw new Error('no page');
    await first.screenshot({ path: resolve(shots, 'dashboard-mid-run.png'), fullPage: true });

    resume();
    result = await fit;
    await dash.closed;
    for (const page of pages) await page.waitForFunction(() => document.body.dataset.state === 'ended', undefined, { timeout: 20_000 });
    end = await Promise.all(pages.map(pageData));
    finalRecorder = learn.recorder.toJSON();
    await first.screenshot({ path: resolve(shots, 'dashboard-end.png'), fullPage: true });
    refusedAfterEnd = await fetch(dash.url).then(() => undefined, (err: unknown) => err);
    learn.dispose();
    model.dispose();
    tf.dispose([train.x, train.y, valid.x, valid.y]);
    tensors = { before, after: tf.memory().numTensors };
  }, 180_000);

  afterAll(async () => {
    await dash?.close();
    await browser?.close();
  });

  const asRows = (rec: typeof midRecorder): BatchRow[] => rec.batches.map(({ smoothLoss, ...b }) => ({ ...b, smooth: smoothLoss }));
  const asEpochRows = (rec: typeof midRecorder): EpochRow[] => rec.epochs.flatMap((e) => [
    ...(e.validLoss === undefined ? [] : [{ epoch: e.epoch, iteration: e.iteration, series: 'valid loss', value: e.validLoss }]),
    ...Object.entries(e.metrics).map(([series, value]) => ({ epoch: e.epoch, iteration: e.iteration, series, value })),
  ]);

  it('listens on 127.0.0.1 at a free port and prints the URL', () => {
    expect(dash?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(printed).toEqual([`dashboard: ${dash?.url}`]);
  });

  it('gives two pages opened mid-run the history so far, equal to the recorder, from nothing but the server', () => {
    expect(viewersMid).toBe(2);
    expect(midRecorder.batches).toHaveLength(PAUSE_AT + 1);
    for (const page of mid) {
      expect(page.state).toBe('running');
      expect(page.batches).toEqual(asRows(midRecorder));
      expect(page.lossEpochs).toEqual(asEpochRows(midRecorder));
      expect(page.metricEpochs).toEqual(asEpochRows(midRecorder));
      expect(page.plan).toBe(TOTAL);
      expect(page.requests).toEqual([]);
    }
  });

  it('streams the rest of the run to both pages, then stops by itself', () => {
    expect(result.completed).toBe(true);
    expect(finalRecorder.batches).toHaveLength(TOTAL);
    for (const page of end) {
      expect(page.state).toBe('ended');
      expect(page.batches).toEqual(asRows(finalRecorder));
      expect(page.lossEpochs).toEqual(asEpochRows(finalRecorder));
      expect(page.lossEpochs.filter((r) => r.series === 'valid loss')).toHaveLength(3);
    }
    expect(dash?.viewers()).toBe(0);
    expect(refusedAfterEnd).toBeInstanceOf(Error);
  });

  it('leaks no tensor', () => {
    expect(tensors.after).toBe(tensors.before);
  });
});
