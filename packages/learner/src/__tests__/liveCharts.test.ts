// viz's liveCharts in a real browser: liveChartsApp.mjs, bundled with esbuild as an app would be,
// trains in headless Chromium with live charts on a Learner and on model.fit through the bus
// bridge. The test reads the Vega views' datasets while the Learner run is held at one batch
// (points arrive during training, not only at the end) and after both runs, and compares them
// with the recorders' values. Screenshots go to out/screenshots/ (docs/images/live-charts.png is
// the mid-run one).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, chromiumMissing, launchChromium, openPage, repoRoot } from './browserPage';
import type { PageLog } from './browserPage';

if (chromiumMissing !== undefined) console.warn(`live charts browser test skipped: ${chromiumMissing}`);

const app = resolve(import.meta.dirname, 'liveChartsApp.mjs');
const shots = resolve(repoRoot, 'out/screenshots');
/** Batches of the Learner run: 96 samples in batches of 8, 3 epochs. */
const TOTAL = 36;
/** The batch the app holds the Learner run at (after epoch 0's validation). */
const PAUSE_AT = 17;

interface BatchRow { iteration: number; epoch: number; lr: number; mom?: number; wd?: number; loss: number; smooth: number }
interface EpochRow { epoch: number; iteration: number; series: string; value: number }
interface Recorded {
  batches: Array<{ iteration: number; epoch: number; lr: number; mom?: number; wd?: number; loss: number; smoothLoss: number }>;
  epochs: Array<{ epoch: number; iteration: number; validLoss?: number; metrics: Record<string, number> }>;
}
/** What the app's snapshot() returns: each view's datasets (null for a chart not drawn) and the recorder. */
interface Snapshot {
  schedule: { batches: BatchRow[] | null; plan: Array<{ iteration: number; lr: number; mom?: number }> | null };
  loss: { batches: BatchRow[] | null; epochs: EpochRow[] | null };
  metrics: { epochs: EpochRow[] | null };
  recorder: Recorded;
}

/** The recorder's batches as the live charts should hold them. */
function expectedBatches(rec: Recorded): BatchRow[] {
  return rec.batches.map(({ smoothLoss, ...b }) => ({ ...b, smooth: smoothLoss }));
}

/** The recorder's epochs as per-epoch rows: valid loss, then each metric. */
function expectedEpochs(rec: Recorded): EpochRow[] {
  return rec.epochs.flatMap((e) => [
    ...(e.validLoss === undefined ? [] : [{ epoch: e.epoch, iteration: e.iteration, series: 'valid loss', value: e.validLoss }]),
    ...Object.entries(e.metrics).map(([series, value]) => ({ epoch: e.epoch, iteration: e.iteration, series, value })),
  ]);
}

describe.skipIf(chromiumMissing !== undefined)('liveCharts in headless Chromium (a Learner and model.fit through the bus bridge)', () => {
  let browser: Browser | undefined;
  let page: Page;
  let log: PageLog;
  let mid: Snapshot;
  let finishedAtMid: boolean;
  let done: { tensors?: { before: number; after: number }; error?: string };
  let learner: Snapshot;
  let bridge: Snapshot;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const { code } = await bundle({ file: app });
    browser = await launchChromium();
    ({ page, log } = await openPage(browser, code, '<div id="learner"></div><div id="bridge-schedule"></div><div id="bridge-loss"></div>'));
    await page.waitForFunction(() => 'startLive' in globalThis, undefined, { timeout: 30_000 });
    await page.evaluate('globalThis.startLive()');
    await page.waitForFunction(() => 'livePause' in globalThis || 'liveDone' in globalThis, undefined, { timeout: 60_000 });
    // the held batch reaches the view through the throttle's trailing redraw
    await page.waitForFunction(`globalThis.learnerLive.snapshot().loss.batches.length === ${PAUSE_AT + 1}`, undefined, { timeout: 10_000 });
    mid = await page.evaluate<Snapshot>('globalThis.learnerLive.snapshot()');
    finishedAtMid = await page.evaluate<boolean>("'liveDone' in globalThis");
    await page.locator('#learner').screenshot({ path: resolve(shots, 'live-charts-mid-run.png') });
    await page.evaluate('globalThis.livePause.resume()');
    await page.waitForFunction(() => 'liveDone' in globalThis, undefined, { timeout: 60_000 });
    done = await page.evaluate<typeof done>('globalThis.liveDone');
    learner = await page.evaluate<Snapshot>('globalThis.learnerLive.snapshot()');
    bridge = await page.evaluate<Snapshot>('globalThis.bridgeLive.snapshot()');
    await page.locator('#learner').screenshot({ path: resolve(shots, 'live-charts-end.png') });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('trains both runs in the page with no error, no request outside the page and no leaked tensor', () => {
    expect(done.error).toBeUndefined();
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    expect(done.tensors?.after).toBe(done.tensors?.before);
  });

  it('shows the points while the run is held mid-way, equal to what the recorder has so far', () => {
    expect(finishedAtMid).toBe(false);
    expect(mid.recorder.batches).toHaveLength(PAUSE_AT + 1);
    expect(mid.loss.batches).toEqual(expectedBatches(mid.recorder));
    expect(mid.schedule.batches).toEqual(expectedBatches(mid.recorder));
    // epoch 0 has ended: its validation loss and accuracy are drawn; the metrics chart has them too
    expect(mid.recorder.epochs).toHaveLength(1);
    expect(mid.loss.epochs).toEqual(expectedEpochs(mid.recorder));
    expect(mid.metrics.epochs).toEqual(expectedEpochs(mid.recorder));
    expect(mid.loss.epochs?.map((r) => r.series)).toEqual(['valid loss', 'accuracy']);
  });

  it('draws the whole planned schedule from the start, and the recorded lr and momentum follow it', () => {
    const plan = mid.schedule.plan ?? [];
    expect(plan.map((p) => p.iteration)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    for (const b of learner.recorder.batches) {
      expect(b.lr).toBeCloseTo(plan[b.iteration]?.lr ?? NaN, 12);
      expect(b.mom).toBeCloseTo(plan[b.iteration]?.mom ?? NaN, 12);
    }
    expect(plan[0]?.lr).toBeCloseTo(0.01 / 25, 12);
    expect(Math.max(...plan.map((p) => p.lr))).toBeCloseTo(0.01, 9);
  });

  it('ends with every batch and epoch of the Learner run, equal to its recorder', () => {
    expect(learner.recorder.batches).toHaveLength(TOTAL);
    expect(learner.loss.batches).toEqual(expectedBatches(learner.recorder));
    expect(learner.schedule.batches).toEqual(expectedBatches(learner.recorder));
    expect(learner.loss.epochs).toEqual(expectedEpochs(learner.recorder));
    expect(learner.loss.epochs?.filter((r) => r.series === 'valid loss')).toHaveLength(3);
    expect(learner.metrics.epochs).toEqual(expectedEpochs(learner.recorder));
  });

  it('plugs into model.fit through toTfjsCallback: the same values as the bus Recorder, only the charts given elements', () => {
    expect(bridge.recorder.batches).toHaveLength(TOTAL);
    expect(bridge.loss.batches).toEqual(expectedBatches(bridge.recorder));
    expect(bridge.schedule.batches).toEqual(expectedBatches(bridge.recorder));
    expect(bridge.loss.epochs).toEqual(expectedEpochs(bridge.recorder));
    expect(bridge.loss.epochs?.map((r) => r.series)).toContain('val_acc');
    expect(bridge.schedule.plan).toHaveLength(TOTAL);
    expect(bridge.metrics.epochs).toBeNull();
  });
});
