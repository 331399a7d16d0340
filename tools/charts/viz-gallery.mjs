#!/usr/bin/env node
// Renders every @onecycle/viz chart type into docs/images/ from real data: a small MLP trained
// with tfjs (CPU backend) on a 3-class spiral, with LR range tests, a momentum sweep and
// 1cycle vs constant-LR runs. Run after building packages/viz:
//   node tools/charts/viz-gallery.mjs        (the root script `docs:charts`)
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { compareChart, lossChart, lrFinderChart, metricsChart, saveChart, scheduleChart, sweepChart } from '@onecycle/viz';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, 'docs/images');
fs.mkdirSync(outDir, { recursive: true });
await tf.setBackend('cpu');

// ---------- data and model ----------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** 3-armed spiral, `n` points per class, shuffled. */
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
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return { x: tf.tensor2d(rows.map((r) => r.x)), y: tf.oneHot(tf.tensor1d(rows.map((r) => r.y), 'int32'), 3).toFloat() };
}
function makeModel(seed) {
  const init = (s) => tf.initializers.glorotUniform({ seed: s });
  return tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [2], units: 48, activation: 'relu', kernelInitializer: init(seed) }),
    tf.layers.dense({ units: 48, activation: 'relu', kernelInitializer: init(seed + 1) }),
    tf.layers.dense({ units: 3, kernelInitializer: init(seed + 2) }),
  ] });
}
/** 3 overlapping Gaussian blobs, `n` points per class, shuffled: an easy task for the range tests. */
function blobs(n, seed) {
  const rnd = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const centers = [[0, 2], [-1.7, -1], [1.7, -1]];
  const rows = [];
  for (let i = 0; i < 3 * n; i++) {
    const c = i % 3;
    rows.push({ x: [centers[c][0] + gauss(), centers[c][1] + gauss()], y: c });
  }
  return { x: tf.tensor2d(rows.map((r) => r.x)), y: tf.oneHot(tf.tensor1d(rows.map((r) => r.y), 'int32'), 3).toFloat() };
}
const train = spiral(200, 1);
const valid = spiral(60, 2);
const finderTrain = blobs(400, 3);
const finderValid = blobs(60, 4);
const BS = 32;
const nTrain = train.x.shape[0];
const batchesPerEpoch = Math.ceil(nTrain / BS);
const batch = (data, i) => {
  const per = Math.ceil(data.x.shape[0] / BS);
  const start = (i % per) * BS;
  const size = Math.min(BS, data.x.shape[0] - start);
  return [data.x.slice([start, 0], [size, 2]), data.y.slice([start, 0], [size, 3])];
};
function step(model, opt, i, data = train) {
  const [xb, yb] = batch(data, i);
  const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, model.predict(xb)), true);
  const v = loss.dataSync()[0];
  tf.dispose([xb, yb, loss]);
  return v;
}
function evaluate(model, data = valid) {
  return tf.tidy(() => {
    const logits = model.predict(data.x);
    const loss = tf.losses.softmaxCrossEntropy(data.y, logits).dataSync()[0];
    const acc = tf.mean(tf.equal(tf.argMax(logits, 1), tf.argMax(data.y, 1))).dataSync()[0];
    return { loss, acc };
  });
}
function dispose(model, opt) {
  model.dispose();
  opt.dispose();
}

// ---------- LR range test (Smith 2017; fastai lr_find: exp schedule, EMA 0.98, stop at 4x best) ----------
function valley(lrs, losses) {
  // fastai's 'valley': the longest run of decreasing loss; pick a point 1/2 way into its middle third.
  const n = losses.length;
  const lds = new Array(n).fill(1);
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
    if (lds[maxEnd] < lds[i]) maxEnd = i;
  }
  const maxStart = maxEnd - lds[maxEnd];
  const sections = (maxEnd - maxStart) / 3;
  return lrs[maxStart + Math.floor(sections) + Math.floor(sections / 2)] ?? null;
}
function lrFind({ seed, mom = 0.9, numIt = 100, startLr = 1e-5, endLr = 10, withValid = false }) {
  const model = makeModel(seed);
  const opt = tf.train.momentum(startLr, mom);
  const lrs = [], losses = [], smoothLosses = [], validLosses = [];
  let avg = 0, best = Infinity, stopReason = 'completed';
  for (let i = 0; i < numIt; i++) {
    const lr = startLr * (endLr / startLr) ** (i / (numIt - 1));
    opt.setLearningRate(lr);
    const loss = step(model, opt, i, finderTrain);
    avg = 0.98 * avg + 0.02 * loss;
    const smooth = avg / (1 - 0.98 ** (i + 1));
    lrs.push(lr); losses.push(loss); smoothLosses.push(smooth);
    if (withValid) validLosses.push(evaluate(model, finderValid).loss);
    if (!Number.isFinite(loss)) { stopReason = 'nonFinite'; break; }
    if (smooth < best) best = smooth;
    if (smooth > 4 * best) { stopReason = 'diverged'; break; }
  }
  dispose(model, opt);
  const skipStart = 10, skipEnd = 5;
  const tl = lrs.slice(skipStart, -skipEnd), ts = smoothLosses.slice(skipStart, -skipEnd);
  let iMin = 0, iSteep = 1, g = Infinity;
  ts.forEach((l, i) => { if (l < ts[iMin]) iMin = i; });
  for (let i = 1; i < ts.length; i++) {
    const d = (ts[i] - ts[i - 1]) / (Math.log(tl[i]) - Math.log(tl[i - 1]));
    if (d < g) { g = d; iSteep = i; }
  }
  const v = valley(tl, ts);
  return {
    lrs, losses, smoothLosses, ...(withValid ? { validLosses } : {}), stopReason, iterations: lrs.length, mode: 'exp', skipStart, skipEnd,
    suggestions: { valley: v, slide: null, minimum: tl[iMin] / 10, steep: tl[iSteep], range: v === null ? null : { min: v / 10, max: v, div: 10 } },
  };
}

// ---------- training with a per-step schedule ----------
const cosAnneal = (a, b, p) => a + ((b - a) * (1 - Math.cos(Math.PI * p))) / 2;
/** fastai v2 fit_one_cycle: lr lrMax/25 -> lrMax -> lrMax/1e5 and mom 0.95 -> 0.85 -> 0.95, cosine, pctStart 0.25. */
function oneCycle(totalSteps, lrMax, pctStart = 0.25) {
  return {
    spec: { kind: 'oneCycle', lrMax, totalSteps, pctStart, div: 25, divFinal: 1e5, moms: [0.95, 0.85, 0.95] },
    totalSteps,
    at(s) {
      const pos = s / totalSteps;
      if (pos < pctStart) { const p = pos / pctStart; return { lr: cosAnneal(lrMax / 25, lrMax, p), mom: cosAnneal(0.95, 0.85, p) }; }
      const p = (pos - pctStart) / (1 - pctStart);
      return { lr: cosAnneal(lrMax, lrMax / 1e5, p), mom: cosAnneal(0.85, 0.95, p) };
    },
    boundaries: () => [Math.round(totalSteps * pctStart)],
  };
}
const constant = (totalSteps, lr) => ({ spec: { kind: 'constant', lr, mom: 0.9 }, totalSteps, at: () => ({ lr, mom: 0.9 }) });
/** fastai v1 SGDR: cosine from lr to 0 over cycles of stepsPerCycle * cycleMult^k steps (no momentum drawn). */
function sgdr(lr, stepsPerCycle, cycleMult, cycles) {
  const starts = [0];
  for (let k = 0; k < cycles; k++) starts.push(starts[k] + stepsPerCycle * cycleMult ** k);
  const totalSteps = starts[cycles];
  return {
    spec: { kind: 'fastaiSgdr', lr, stepsPerCycle, cycleMult }, totalSteps,
    at(s) {
      let k = 0;
      while (s >= starts[k + 1]) k++;
      return { lr: cosAnneal(lr, 0, (s - starts[k]) / (starts[k + 1] - starts[k])) };
    },
    boundaries: (until) => starts.slice(1, -1).filter((b) => b < (until ?? totalSteps)),
  };
}
function fit(schedule, epochs, seed) {
  const model = makeModel(seed);
  const opt = tf.train.momentum(schedule.at(0).lr, schedule.at(0).mom ?? 0.9);
  const batches = [], epochRows = [];
  let avg = 0, it = 0;
  for (let e = 0; e < epochs; e++) {
    const t0 = performance.now();
    let sum = 0;
    for (let b = 0; b < batchesPerEpoch; b++, it++) {
      const h = schedule.at(it);
      opt.setLearningRate(h.lr);
      if (h.mom !== undefined) opt.setMomentum(h.mom);
      const loss = step(model, opt, it);
      sum += loss;
      avg = 0.98 * avg + 0.02 * loss;
      batches.push({ iteration: it, epoch: e, lr: h.lr, mom: h.mom, loss, smoothLoss: avg / (1 - 0.98 ** (it + 1)) });
    }
    const { loss, acc } = evaluate(model);
    epochRows.push({ epoch: e, iteration: it, trainLoss: sum / batchesPerEpoch, validLoss: loss, metrics: { accuracy: acc, error_rate: 1 - acc }, seconds: (performance.now() - t0) / 1000 });
  }
  dispose(model, opt);
  return { version: 1, batches, epochs: epochRows };
}

// ---------- charts ----------
const saved = [];
async function save(name, spec) {
  const file = path.join(outDir, name);
  await saveChart(spec, file);
  saved.push(path.relative(root, file));
}
const EPOCHS = 8;
const total = EPOCHS * batchesPerEpoch;

const finder = lrFind({ seed: 10, numIt: 120 });
if (process.env.FINDER_ONLY) { console.log(finder.smoothLosses.map((l, i) => `${finder.lrs[i].toExponential(1)}:${l.toFixed(2)}`).join(' ')); process.exit(0); }
await save('viz-lr-find.png', lrFinderChart(finder, { title: `LR range test: MLP on 3 Gaussian blobs (stopped: ${finder.stopReason})` }));

const runs = [11, 12, 13].map((seed) => lrFind({ seed, withValid: seed === 11 }));
const n = Math.min(...runs.map((r) => r.lrs.length));
const col = (i) => runs.map((r) => r.smoothLosses[i]).sort((a, b) => a - b);
const repeated = {
  ...runs[0], lrs: runs[0].lrs.slice(0, n), losses: runs[0].losses.slice(0, n), smoothLosses: runs[0].smoothLosses.slice(0, n),
  validLosses: runs[0].validLosses.slice(0, n),
  repeats: {
    n: runs.length, lrs: runs[0].lrs.slice(0, n),
    median: Array.from({ length: n }, (_, i) => col(i)[1]), low: Array.from({ length: n }, (_, i) => col(i)[0]), high: Array.from({ length: n }, (_, i) => col(i)[2]),
    suggestionSpread: { valley: { median: null, min: null, max: null }, slide: { median: null, min: null, max: null }, minimum: { median: null, min: null, max: null }, steep: { median: null, min: null, max: null } },
  },
};
await save('viz-lr-find-repeats.png', lrFinderChart(repeated, { title: 'LR range test, 3 repeats (band: min-max) with validation loss' }));

const sweep = { param: 'mom', runs: [0.8, 0.9, 0.95, 0.99].map((mom) => ({ value: mom, result: lrFind({ seed: 20, mom }) })) };
await save('viz-sweep-mom.png', sweepChart(sweep, { title: 'LR range test per momentum (points: valley suggestion)' }));

const lrMax = finder.suggestions.valley !== null ? Math.min(1, finder.suggestions.valley * 10) : 0.1;
const sched = oneCycle(total, lrMax);
await save('viz-schedule-1cycle.png', scheduleChart(sched, { title: `fit_one_cycle: ${EPOCHS} epochs x ${batchesPerEpoch} batches, lr_max ${lrMax.toPrecision(2)}` }));
await save('viz-schedule-1cycle-stacked.png', scheduleChart(sched, { layout: 'stacked', title: 'fit_one_cycle, stacked layout' }));
await save('viz-schedule-sgdr.png', scheduleChart(sgdr(0.05, 1000, 2, 4), { title: 'SGDR: cosine restarts, cycle_len 1000, cycle_mult 2 (15,000 steps, LR only)' }));

const recorder = fit(sched, EPOCHS, 30);
await save('viz-schedule-recorded.png', scheduleChart(recorder, { title: 'LR and momentum as recorded during training (Recorder JSON)' }));
await save('viz-loss.png', lossChart(recorder, { title: '1cycle training loss (raw, smoothed) and validation loss' }));
await save('viz-metrics.png', metricsChart(recorder, { title: '1cycle: validation metrics per epoch' }));

const summary = (name, schedOf) => {
  const recs = [31, 32, 33].map((seed) => fit(schedOf(), EPOCHS, seed));
  return {
    name,
    points: Array.from({ length: EPOCHS }, (_, e) => {
      const v = recs.map((r) => r.epochs[e].metrics.accuracy);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
      return { epoch: e + 1, value: mean, std };
    }),
  };
};
await save('viz-compare.png', compareChart([summary('1cycle', () => oneCycle(total, lrMax)), summary(`constant lr ${(lrMax / 10).toPrecision(2)}`, () => constant(total, lrMax / 10))],
  { metric: 'validation accuracy', title: '1cycle vs constant LR, mean ± std over 3 seeds' }));

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
