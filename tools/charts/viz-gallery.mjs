#!/usr/bin/env node
// Renders every @onecycle/viz chart type into docs/images/ from the project's own code: schedules
// from @onecycle/core-schedules, LR range tests from @onecycle/lr-finder (through the Learner and
// its `sweep`), training runs from @onecycle/learner (fastai v2 fitOneCycle, fastai 0.7
// fit(..., use_clr_beta), constant LR), all on a small MLP with tfjs (pure-JS CPU backend) on a
// 3-class spiral (training) and 3 Gaussian blobs (range tests). Run after building the packages:
//   node tools/charts/viz-gallery.mjs        (the root script `docs:charts`; docs-charts.mjs imports it)
// FINDER_ONLY=1 prints the first range test's smoothed curve and exits.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createSchedule, mulberry32, seededPermutation } from '@onecycle/core-schedules';
import { Learner } from '@onecycle/learner';
import { sweep } from '@onecycle/lr-finder';
import { compareChart, lossChart, lrFinderChart, metricsChart, saveChart, scheduleChart, sweepChart } from '@onecycle/viz';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, 'docs/images');
fs.mkdirSync(outDir, { recursive: true });
await tf.setBackend('cpu');

// ---------- data and model ----------
/** Rows `{ x: [a, b], y: class }` as tensors, in a seeded order (core-schedules' seededPermutation). */
function toTensors(rows, seed) {
  const order = seededPermutation(rows.length, seed);
  const shuffled = order.map((i) => rows[i]);
  return tf.tidy(() => ({
    x: tf.tensor2d(shuffled.map((r) => r.x)),
    y: tf.oneHot(tf.tensor1d(shuffled.map((r) => r.y), 'int32'), 3).toFloat(),
  }));
}
/** 3-armed spiral, `n` points per class. */
function spiral(n, seed) {
  const rnd = mulberry32(seed);
  const rows = [];
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < n; i++) {
      const r = i / n;
      const t = (c * 4 + 4 * r) + (rnd() - 0.5) * 0.6;
      rows.push({ x: [r * Math.sin(t), r * Math.cos(t)], y: c });
    }
  }
  return toTensors(rows, seed + 1000);
}
/** 3 overlapping Gaussian blobs, `n` points per class: an easy task for the range tests. */
function blobs(n, seed) {
  const rnd = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const centers = [[0, 2], [-1.7, -1], [1.7, -1]];
  const rows = [];
  for (let i = 0; i < 3 * n; i++) {
    const c = i % 3;
    rows.push({ x: [centers[c][0] + gauss(), centers[c][1] + gauss()], y: c });
  }
  return toTensors(rows, seed + 1000);
}
function makeModel(seed) {
  const init = (s) => tf.initializers.glorotUniform({ seed: s });
  return tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [2], units: 48, activation: 'relu', kernelInitializer: init(seed) }),
    tf.layers.dense({ units: 48, activation: 'relu', kernelInitializer: init(seed + 1) }),
    tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(seed + 2) }),
  ] });
}
/** fastai's error_rate; the Learner labels a metric function by its name. */
const error_rate = (yTrue, yPred) => tf.sub(1, tf.metrics.categoricalAccuracy(yTrue, yPred));

const train = spiral(200, 1);
const valid = spiral(60, 2);
const finderTrain = blobs(400, 3);
const finderValid = blobs(60, 4);
const BS = 32;

/**
 * Runs `body(learner)` on a fresh Learner (default 'sgdw' optimizer, momentum 0.9) over a fresh
 * model, then frees the model and the optimizer state.
 */
async function withLearner(seed, data, body) {
  const model = makeModel(seed);
  const learn = new Learner({
    model,
    data: { train: { x: data.train.x, y: data.train.y, batchSize: BS }, valid: { x: data.valid.x, y: data.valid.y } },
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy', error_rate],
    seed,
    progress: false,
  });
  try {
    return await body(learn);
  } finally {
    learn.dispose();
    model.dispose();
  }
}
const spiralData = { train, valid };
const blobData = { train: finderTrain, valid: finderValid };

// ---------- charts ----------
const saved = [];
async function save(name, spec) {
  const file = path.join(outDir, name);
  await saveChart(spec, file);
  saved.push(path.relative(root, file));
}
const EPOCHS = 8;
const batchesPerEpoch = Math.ceil(train.x.shape[0] / BS);
const total = EPOCHS * batchesPerEpoch;
const FINDER = { startLr: 1e-5, endLr: 10 };

// LR range test (Smith 2017; fastai lr_find) through the Learner.
const finder = await withLearner(10, blobData, (learn) => learn.lrFind({ ...FINDER, numIt: 120 }));
if (process.env.FINDER_ONLY) {
  console.log(finder.smoothLosses.map((l, i) => `${finder.lrs[i].toExponential(1)}:${l.toFixed(2)}`).join(' '));
  process.exit(0);
}
await save('viz-lr-find.png', lrFinderChart(finder, { title: `LR range test: MLP on 3 Gaussian blobs (stopped: ${finder.stopReason})` }));

// 3 repeats from the same weights with different data orders, plus fastai lr_find2's validation loss.
const repeated = await withLearner(11, blobData, (learn) => learn.lrFind({ ...FINDER, repeats: 3, validLoss: true }));
await save('viz-lr-find-repeats.png', lrFinderChart(repeated, { title: 'LR range test, 3 repeats (band: min-max) with validation loss' }));

// Smith's momentum test: lr-finder's sweep on a compiled LayersModel (model.fit path).
const sweepModel = makeModel(20);
const sweepOpt = tf.train.momentum(1e-3, 0.9);
sweepModel.compile({ optimizer: sweepOpt, loss: 'categoricalCrossentropy' });
const moms = await sweep({ model: sweepModel, x: finderTrain.x, y: finderTrain.y, batchSize: BS },
  { ...FINDER, param: 'mom', values: [0.8, 0.9, 0.95, 0.99], seed: 20 });
sweepModel.dispose();
sweepOpt.dispose();
await save('viz-sweep-mom.png', sweepChart(moms, { title: 'LR range test per momentum (points: valley suggestion)' }));

// Schedules from core-schedules.
const lrMax = finder.suggestions.valley !== null ? Math.min(1, finder.suggestions.valley * 10) : 0.1;
const sched = createSchedule({ kind: 'oneCycle', lrMax, totalSteps: total });
await save('viz-schedule-1cycle.png', scheduleChart(sched, { title: `fit_one_cycle: ${EPOCHS} epochs x ${batchesPerEpoch} batches, lr_max ${lrMax.toPrecision(2)}` }));
await save('viz-schedule-1cycle-stacked.png', scheduleChart(sched, { layout: 'stacked', title: 'fit_one_cycle, stacked layout' }));
const sgdr = createSchedule({ kind: 'fastaiSgdr', lr: 0.05, stepsPerCycle: 1000, cycleMult: 2 });
await save('viz-schedule-sgdr.png', scheduleChart(sgdr, { steps: 15000, title: 'SGDR (fastai 0.7): first cycle 1,000 steps, cycle_mult 2, lr/100 warm-up for 50 steps (LR only)' }));

// fastai 0.7 learn.fit(lr, 1, cycle_len=8, use_clr_beta=(10, 10, 0.95, 0.85)): what the Recorder saw.
const CLR_BETA = [10, 10, 0.95, 0.85];
const recorder = await withLearner(30, spiralData, async (learn) => {
  await learn.fit(lrMax, 1, { cycleLen: EPOCHS, useClrBeta: CLR_BETA });
  return learn.recorder.toJSON();
});
await save('viz-schedule-recorded.png', scheduleChart(recorder, { title: `fit(lr, 1, cycle_len=${EPOCHS}, use_clr_beta=(${CLR_BETA.join(', ')})) as recorded (Recorder JSON)` }));
await save('viz-loss.png', lossChart(recorder, { title: 'use_clr_beta 1cycle: training loss (raw, smoothed) and validation loss' }));
await save('viz-metrics.png', metricsChart(recorder, { title: 'use_clr_beta 1cycle: validation metrics per epoch' }));

// fastai v2 fit_one_cycle vs a constant LR (fastai 0.7 fit(lr, n) without cycle options), 3 seeds each.
async function summary(name, run) {
  const recs = [];
  for (const seed of [31, 32, 33]) {
    recs.push(await withLearner(seed, spiralData, async (learn) => {
      await run(learn);
      return learn.recorder.toJSON();
    }));
  }
  return {
    name,
    points: Array.from({ length: EPOCHS }, (_, e) => {
      const v = recs.map((r) => r.epochs[e].metrics.accuracy);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
      return { epoch: e + 1, value: mean, std };
    }),
  };
}
const constLr = lrMax / 10;
await save('viz-compare.png', compareChart([
  await summary('1cycle', (learn) => learn.fitOneCycle(EPOCHS, lrMax)),
  await summary(`constant lr ${constLr.toPrecision(2)}`, (learn) => learn.fit(constLr, EPOCHS)),
], { metric: 'validation accuracy', title: '1cycle vs constant LR, mean ± std over 3 seeds' }));

// The browser example rendered by headless Chromium (skipped when /usr/bin/chromium is absent).
const { chromiumMissing, renderInChromium } = await import('../../docs/examples/browser/render.mjs');
const missing = chromiumMissing();
if (missing === undefined) {
  const file = path.join(outDir, 'viz-browser.png');
  const r = await renderInChromium({ spec: scheduleChart(sched, { title: 'Rendered in the browser by vega-embed' }), screenshotPath: file });
  if (r.error !== undefined) throw new Error(`browser example failed: ${r.error}`);
  saved.push(path.relative(root, file));
} else {
  console.log(`viz-browser.png skipped: ${missing}`);
}
tf.dispose([train.x, train.y, valid.x, valid.y, finderTrain.x, finderTrain.y, finderValid.x, finderValid.y]);
console.log(`wrote ${saved.length} charts:\n  ${saved.join('\n  ')}`);
