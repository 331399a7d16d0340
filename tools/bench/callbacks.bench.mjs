// Benchmarks for @onecycle/callbacks: the bus's cost per batch (5 callbacks x 10 events) and the
// ParamScheduler's cost per batch (schedule lookup + writing lr/mom to an optimizer), and what
// scheduleCallback adds to a real model.fit (the same fits with and without it, interleaved).
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { CALLBACK_EVENTS, CallbackBus, ParamScheduler, scheduleCallback } from '@onecycle/callbacks';
import { hyperParams, sgdw } from '@onecycle/optim';

function noopCallback(name) {
  const cb = { name };
  for (const e of CALLBACK_EVENTS) cb[e] = () => undefined;
  return cb;
}

/** One "batch" = all 10 events fired once (as the target is stated), patches reused. */
async function busBatch(bus, patch, lossPatch) {
  await bus.fire('onTrainBegin');
  await bus.fire('onEpochBegin');
  await bus.fire('onBatchBegin', patch);
  await bus.fire('onLossBegin');
  await bus.fire('onBackwardBegin', lossPatch);
  await bus.fire('onBackwardEnd');
  await bus.fire('onStepEnd');
  await bus.fire('onBatchEnd');
  await bus.fire('onEpochEnd');
  await bus.fire('onTrainEnd');
}

async function timePerBatch(n, body) {
  for (let i = 0; i < Math.min(n, 20_000); i++) await body(i); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await body(i);
  return ((performance.now() - t0) * 1000) / n; // microseconds
}

export async function run() {
  await tf.setBackend('cpu');
  const rows = [];

  const bus = new CallbackBus([0, 1, 2, 3, 4].map((i) => noopCallback(`cb${i}`)));
  const patch = { iteration: 0, batch: 0 };
  const lossPatch = { lastLoss: 1 };
  const busUs = await timePerBatch(300_000, () => busBatch(bus, patch, lossPatch));
  rows.push({ name: 'callbacks: bus, 5 callbacks x 10 events, per batch', value: `${busUs.toFixed(2)} µs`, target: '< 5 µs' });

  const asyncBus = new CallbackBus([0, 1, 2, 3, 4].map((i) => {
    const cb = { name: `a${i}` };
    for (const e of CALLBACK_EVENTS) cb[e] = async () => undefined;
    return cb;
  }));
  const asyncUs = await timePerBatch(100_000, () => busBatch(asyncBus, patch, lossPatch));
  rows.push({ name: 'callbacks: bus, 5 async callbacks x 10 events, per batch', value: `${asyncUs.toFixed(2)} µs`, target: 'informative' });

  const steps = 1_000_000;
  for (const [label, make] of [
    ['sgdw', () => sgdw({ lr: 0.1 })],
    ['tf.train.momentum', () => tf.train.momentum(0.1, 0.9)],
  ]) {
    const opt = make();
    const sched = new ParamScheduler({ kind: 'oneCycle', lrMax: 0.1, totalSteps: steps }, { hyper: hyperParams(opt) });
    const sbus = new CallbackBus([sched]);
    const p = { iteration: 0 };
    const us = await timePerBatch(100_000, (i) => {
      p.iteration = i;
      return sbus.fire('onBatchBegin', p);
    });
    rows.push({ name: `callbacks: ParamScheduler (oneCycle) on ${label}, per batch`, value: `${us.toFixed(2)} µs`, target: 'informative' });
    opt.dispose();
  }
  rows.push(await fitOverhead());
  return rows;
}

/**
 * model.fit of a 784-128-10 net on 2048 rows (batches of 64, 2 epochs), seven times without and
 * seven times with scheduleCallback(oneCycle), interleaved so load changes hit both alike; the
 * ratio of the medians (without / with) is 1 when the callback costs nothing.
 */
async function fitOverhead() {
  const x = tf.randomNormal([2048, 784], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([2048], 0, 10, 'int32', 2), 10).toFloat());
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const fit = async (callbacks) => {
    const t0 = performance.now();
    await model.fit(x, y, { epochs: 2, batchSize: 64, shuffle: false, verbose: 0, callbacks });
    return performance.now() - t0;
  };
  await fit([]);
  await fit([scheduleCallback({ kind: 'oneCycle', lrMax: 1e-3 })]);
  const plain = [];
  const scheduled = [];
  for (let i = 0; i < 7; i++) {
    plain.push(await fit([]));
    scheduled.push(await fit([scheduleCallback({ kind: 'oneCycle', lrMax: 1e-3 })]));
  }
  const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  const ratio = median(plain) / median(scheduled);
  tf.dispose([x, y]);
  model.dispose();
  return {
    name: 'callbacks: scheduleCallback overhead on model.fit, ratio of fit times without / with (side by side)',
    value: `${ratio.toFixed(3)} (${median(plain).toFixed(0)} ms / ${median(scheduled).toFixed(0)} ms)`,
    target: '>= 0.98',
  };
}
