// A tiny browser app, bundled by browserBundle.test.ts with esbuild (platform 'browser', so every
// @onecycle package resolves to its dist/index.browser.js) and run in headless Chromium. It sets
// globalThis.onecycleApp to a function that trains, charts, tries the Node-only functions and
// returns what happened as plain JSON.
import * as tf from '@tensorflow/tfjs';
import { createSchedule } from '@onecycle/core-schedules';
import { fsIOHandler } from '@onecycle/callbacks';
import { findLr } from '@onecycle/lr-finder';
import { Learner, initBackend } from '@onecycle/learner';
import { compileSpec, saveChart, scheduleChart, startDashboard, toHtml, toPng, toSvg } from '@onecycle/viz';

/** The error a call throws (or its promise rejects with), as `{ name, message }`, or null. */
async function caught(fn) {
  try {
    await fn();
    return null;
  } catch (err) {
    return { name: err.name, message: err.message };
  }
}

/** 64 samples, 4 features, 3 classes from a fixed linear rule. */
function makeData() {
  return tf.tidy(() => {
    const x = tf.randomNormal([64, 4], 0, 1, 'float32', 7);
    const w = tf.tensor2d([[1, -1, 0.5], [0.5, 1, -1], [-1, 0.5, 1], [0.3, -0.2, 0.1]]);
    const y = tf.oneHot(tf.argMax(tf.matMul(x, w), 1), 3).toFloat();
    return { x: tf.keep(x), y: tf.keep(y) };
  });
}

function makeModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  return model;
}

async function run() {
  const logged = [];
  const auto = await initBackend('auto', { log: (line) => logged.push(line) });
  const tensorflow = await caught(() => initBackend('tensorflow', { log: null }));
  const wasm = await caught(() => initBackend('wasm', { log: null })); // this page does not import the wasm backend
  const cpu = await initBackend('cpu', { log: null });

  const before = tf.memory().numTensors;
  const { x, y } = makeData();
  const model = makeModel();
  const learn = new Learner({ model, data: { train: { x, y, batchSize: 16 } }, loss: 'categoricalCrossentropy', seed: 1 });
  const fit = await learn.fitOneCycle(1, 0.01);
  const batches = learn.recorder.toJSON().batches;
  const lrSpec = await learn.plotLr();
  const schedSpec = scheduleChart(createSchedule({ kind: 'oneCycle', lrMax: 0.01, totalSteps: 100 }));
  const { warnings } = await compileSpec(schedSpec);
  const svg = await toSvg(lrSpec);
  const errors = {
    saveChart: await caught(() => saveChart(schedSpec, 'out/schedule.png')),
    toPng: await caught(() => toPng(schedSpec)),
    toHtml: await caught(() => toHtml(schedSpec)),
    plotLrPath: await caught(() => learn.plotLr('out/lr.svg')),
    save: await caught(() => learn.save('out/run')),
    load: await caught(() => Learner.load('out/run', { data: { train: { x, y, batchSize: 16 } } })),
    fsIOHandler: await caught(() => fsIOHandler('out/model')),
    startDashboard: await caught(() => startDashboard()),
  };
  learn.dispose();
  model.dispose();
  tf.dispose([x, y]);
  const after = tf.memory().numTensors;

  return {
    backends: { auto: auto.backend, autoLogged: logged, tensorflow, wasm, cpu: cpu.backend, active: tf.getBackend() },
    findLr: typeof findLr,
    fit: { spec: fit.spec, batches: batches.length, lrs: batches.map((b) => b.lr), losses: batches.map((b) => b.loss) },
    schedSpec: JSON.parse(JSON.stringify(schedSpec)),
    lrSpecJson: JSON.parse(JSON.stringify(lrSpec)),
    warnings,
    svg: { start: svg.slice(0, 200), paths: (svg.match(/<path/g) ?? []).length },
    errors,
    tensors: { before, after },
  };
}

globalThis.onecycleApp = run;
