// A browser app with live charts, bundled by liveCharts.test.ts with esbuild and run in headless
// Chromium. globalThis.startLive() trains twice on the cpu backend: a Learner's fitOneCycle with
// liveCharts(element) (paused at one batch until the test calls livePause.resume(), so the test
// can read the charts mid-run), then model.fit through a CallbackBus bridge with liveCharts on two
// chart elements. globalThis.learnerLive / bridgeLive.snapshot() return what the Vega views hold
// and what the recorder holds, as plain JSON; globalThis.liveDone is set at the end.
/* global document */
import * as tf from '@tensorflow/tfjs';
import { CallbackBus, ParamScheduler, Recorder, toTfjsCallback } from '@onecycle/callbacks';
import { Learner, initBackend } from '@onecycle/learner';
import { LIVE_DATA, liveCharts } from '@onecycle/viz';

/** Iteration at which the Learner run waits for the test. */
const PAUSE_AT = 17;

/** `n` samples of 4 features and 3 classes from a fixed linear rule. */
function makeData(n, seed) {
  return tf.tidy(() => {
    const x = tf.randomNormal([n, 4], 0, 1, 'float32', seed);
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

/** A callback that holds training after batch `at` until `globalThis.livePause.resume()`. */
function pauseAt(at) {
  return {
    name: 'PauseForTest',
    order: 100,
    onBatchEnd(state) {
      if (state.iteration !== at) return undefined;
      return new Promise((resolve) => {
        globalThis.livePause = { iteration: at, resume: resolve };
      });
    },
  };
}

/** What the views of `live` hold, and the recorder's JSON. */
function snapshot(live, recorder) {
  const views = live.views();
  const rows = (chart, name) => (views[chart] === undefined ? null : JSON.parse(JSON.stringify(views[chart].data(name))));
  return {
    schedule: { batches: rows('schedule', LIVE_DATA.batches), plan: rows('schedule', LIVE_DATA.plan) },
    loss: { batches: rows('loss', LIVE_DATA.batches), epochs: rows('loss', LIVE_DATA.epochs) },
    metrics: { epochs: rows('metrics', LIVE_DATA.epochs) },
    recorder: recorder(),
  };
}

async function run() {
  await initBackend('cpu', { log: null });
  const before = tf.memory().numTensors;
  const train = makeData(96, 7);
  const valid = makeData(32, 8);

  // 1. a Learner: 12 batches an epoch, 3 epochs, validation loss and accuracy per epoch
  const model = makeModel();
  const learn = new Learner({
    model, data: { train: { ...train, batchSize: 8 }, valid: { ...valid, batchSize: 16 } }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], seed: 1, progress: false,
  });
  const live = liveCharts(document.getElementById('learner'), { width: 560, height: 150 });
  globalThis.learnerLive = { snapshot: () => snapshot(live, () => learn.recorder.toJSON()) };
  await learn.fitOneCycle(3, 0.01, { callbacks: [live, pauseAt(PAUSE_AT)] });
  learn.dispose();
  model.dispose();

  // 2. model.fit through the bus bridge, one element per chart (no metrics chart)
  const model2 = makeModel();
  model2.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const recorder = new Recorder();
  const live2 = liveCharts({ schedule: document.getElementById('bridge-schedule'), loss: document.getElementById('bridge-loss') }, { width: 560, height: 150 });
  const bus = new CallbackBus([new ParamScheduler({ kind: 'oneCycle', lrMax: 0.01, totalSteps: 36 }), recorder, live2]);
  globalThis.bridgeLive = { snapshot: () => snapshot(live2, () => recorder.toJSON()) };
  await model2.fit(train.x, train.y, { epochs: 3, batchSize: 8, shuffle: false, validationData: [valid.x, valid.y], callbacks: [toTfjsCallback(bus)], verbose: 0 });
  model2.dispose();

  tf.dispose([train.x, train.y, valid.x, valid.y]);
  globalThis.liveDone = { tensors: { before, after: tf.memory().numTensors } };
}

globalThis.startLive = () => {
  run().catch((err) => {
    globalThis.liveDone = { error: `${err.name}: ${err.message}` };
  });
};
