// Learner.fit against plain model.fit: samples per second on the same small MLP, data, batch size,
// optimizer (sgdw, momentum 0.9, constant LR) and backend, in alternating pairs (which goes first
// alternates too); the ratio is the median of the per-pair ratios, robust to a machine whose load drifts.
// Then the Learner on a LeNet-5 (28x28x1) on the pure-JS cpu backend with tfjs's stock
// Conv2DBackpropFilter kernel (fastKernels: false) against the fast one it uses by default, the
// same way: alternating pairs, one run, the ratio of training speeds.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { sgdw } from '@onecycle/optim';
import { Learner } from '@onecycle/learner';
import { lenet } from '@onecycle/zoo';

const N = 2048;
const FEATURES = 32;
const CLASSES = 10;
const BATCH = 64;
const EPOCHS = 5;
const RUNS = 9;

function makeModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [FEATURES], units: 64, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  return model;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Samples per second of `fit()` for two alternatives timed in alternating pairs (which goes first
 * alternates too) after one warm-up each.
 * @returns the median of each and the median of the per-pair ratios a / b
 */
async function pairs(runs, fitA, fitB) {
  await fitA();
  await fitB();
  const a = [];
  const b = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    let va;
    let vb;
    if (i % 2 === 0) {
      va = await fitA();
      vb = await fitB();
    } else {
      vb = await fitB();
      va = await fitA();
    }
    a.push(va);
    b.push(vb);
    ratios.push(va / vb);
  }
  return { a: median(a), b: median(b), ratio: median(ratios) };
}

const CNN_N = 96;
const CNN_BATCH = 32;
const CNN_RUNS = 3;

/** The Learner training a LeNet-5 on the cpu backend: fast filter-gradient kernel against tfjs's own. */
async function cnnKernels() {
  const x = tf.randomUniform([CNN_N, 28, 28, 1], 0, 1, 'float32', 9);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: CNN_N }, (_, i) => i % CLASSES), 'int32'), CLASSES).toFloat());
  const make = (fastKernels) => {
    const model = lenet({ inputShape: [28, 28, 1], numClasses: CLASSES, seed: 1 });
    const learner = new Learner({ model, data: { train: { x, y, batchSize: CNN_BATCH } }, loss: 'categoricalCrossentropy', optimizer: 'sgdw', seed: 1, progress: false, fastKernels });
    return { model, learner };
  };
  const fast = make(true);
  const stock = make(false);
  const timeFit = (l) => async () => {
    const t0 = performance.now();
    await l.learner.fit(0.01, 1);
    return CNN_N / ((performance.now() - t0) / 1000);
  };
  const r = await pairs(CNN_RUNS, timeFit(fast), timeFit(stock));
  for (const l of [fast, stock]) {
    l.learner.dispose();
    l.model.dispose();
  }
  tf.dispose([x, y]);
  const where = `LeNet-5 28x28x1, ${CNN_N / CNN_BATCH} batches of ${CNN_BATCH}, cpu backend`;
  return [
    { name: `learner: cpu CNN samples/s with the fast filter-gradient kernel, median of ${CNN_RUNS} (${where})`, value: r.a.toFixed(1), target: '' },
    { name: `learner: cpu CNN samples/s with tfjs's stock kernel (fastKernels: false), median of ${CNN_RUNS} (${where})`, value: r.b.toFixed(1), target: '' },
    { name: `learner: cpu CNN fast / stock filter-gradient kernel samples/s (median of ${CNN_RUNS} alternating pairs)`, value: r.ratio.toFixed(2), target: '>= 5' },
  ];
}

export async function run() {
  await tf.setBackend('cpu');
  const x = tf.randomNormal([N, FEATURES], 0, 1, 'float32', 7);
  const y = tf.tidy(() => tf.oneHot(tf.argMax(tf.matMul(x, tf.randomNormal([FEATURES, CLASSES], 0, 1, 'float32', 8)), 1), CLASSES).toFloat());

  const plain = makeModel();
  plain.compile({ optimizer: sgdw({ lr: 0.01, momentum: 0.9 }), loss: 'categoricalCrossentropy' });
  const model = makeModel();
  const learner = new Learner({ model, data: { train: { x, y, batchSize: BATCH } }, loss: 'categoricalCrossentropy', optimizer: 'sgdw', seed: 1, progress: false });

  const timeModelFit = async () => {
    const t0 = performance.now();
    await plain.fit(x, y, { batchSize: BATCH, epochs: EPOCHS, shuffle: true, verbose: 0 });
    return (N * EPOCHS) / ((performance.now() - t0) / 1000);
  };
  const timeLearnerFit = async () => {
    const t0 = performance.now();
    await learner.fit(0.01, EPOCHS);
    return (N * EPOCHS) / ((performance.now() - t0) / 1000);
  };

  const r = await pairs(RUNS, timeLearnerFit, timeModelFit); // the first pair warms up kernels and optimizer slots
  learner.dispose();
  plain.optimizer.dispose();
  plain.dispose();
  model.dispose();
  tf.dispose([x, y]);
  const where = `MLP ${FEATURES}-64-${CLASSES}, batch ${BATCH}, ${tf.getBackend()} backend`;
  return [
    { name: `learner: learner.fit samples/s, median of ${RUNS} (${where})`, value: r.a.toFixed(0), target: '' },
    { name: `learner: model.fit samples/s, median of ${RUNS} (${where})`, value: r.b.toFixed(0), target: '' },
    { name: `learner: learner.fit / model.fit samples/s (median of ${RUNS} alternating pairs)`, value: r.ratio.toFixed(3), target: '>= 0.98' },
    ...(await cnnKernels()),
  ];
}
