// Learner.fit against plain model.fit: samples per second on the same small MLP, data, batch size,
// optimizer (sgdw, momentum 0.9, constant LR) and backend, in alternating pairs (which goes first
// alternates too); the ratio is the median of the per-pair ratios, robust to a machine whose load drifts.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { sgdw } from '@onecycle/optim';
import { Learner } from '@onecycle/learner';

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

  await timeModelFit(); // warm-up: kernels, optimizer slots
  await timeLearnerFit();
  const a = [];
  const b = [];
  const ratios = [];
  for (let i = 0; i < RUNS; i++) {
    let la;
    let mb;
    if (i % 2 === 0) {
      la = await timeLearnerFit();
      mb = await timeModelFit();
    } else {
      mb = await timeModelFit();
      la = await timeLearnerFit();
    }
    a.push(la);
    b.push(mb);
    ratios.push(la / mb);
  }
  learner.dispose();
  plain.optimizer.dispose();
  plain.dispose();
  model.dispose();
  tf.dispose([x, y]);
  const where = `MLP ${FEATURES}-64-${CLASSES}, batch ${BATCH}, ${tf.getBackend()} backend`;
  return [
    { name: `learner: learner.fit samples/s, median of ${RUNS} (${where})`, value: median(a).toFixed(0), target: '' },
    { name: `learner: model.fit samples/s, median of ${RUNS} (${where})`, value: median(b).toFixed(0), target: '' },
    { name: `learner: learner.fit / model.fit samples/s (median of ${RUNS} alternating pairs)`, value: median(ratios).toFixed(3), target: '>= 0.98' },
  ];
}
