/* global setImmediate, MessageChannel */
// The training loop the live-chart benches time, the same in Node and in the browser: a
// CallbackBus fired as a hand-written loop fires it, around a busy wait as long as one measured
// step of a small MLP (so the runs with and without the live charts do the same "work" and only
// the charts differ), yielding to the event loop once a batch as tfjs training does (so throttled
// redraws and sends run, and are counted).
/** A macrotask turn without timer clamping: setImmediate in Node, a MessageChannel in a page. */
const yieldTurn = typeof setImmediate === 'function'
  ? () => new Promise((resolve) => setImmediate(resolve))
  : (() => {
      const channel = new MessageChannel();
      const waiting = [];
      channel.port1.onmessage = () => waiting.shift()?.();
      return () => new Promise((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(0);
      });
    })();

/** Batches run before the timing starts. */
const WARMUP = 30;

/**
 * Runs `batches` batches (after {@link WARMUP} untimed ones) through `bus` and returns the wall
 * time per batch in ms (onTrainEnd, the final flush, is not timed either: it happens once a run).
 * @param {{ fire(event: string, patch?: object): Promise<void> }} bus
 * @param {number} batches
 * @param {number} stepMs the busy wait standing for one training step
 */
export async function timeLoop(bus, batches, stepMs) {
  const hyper = { lr: 0.01, mom: 0.9 };
  await bus.fire('onTrainBegin', { numIterations: WARMUP + batches, numEpochs: 1, hyper });
  await bus.fire('onEpochBegin', { epoch: 0 });
  let t0 = performance.now();
  for (let i = 0; i < WARMUP + batches; i++) {
    // the first batches run while the charts finish their first draw: a per-run cost, not per batch
    if (i === WARMUP) t0 = performance.now();
    await bus.fire('onBatchBegin', { iteration: i, batch: i, hyper: { lr: 0.01 * (1 + Math.sin(i / 50)), mom: 0.9 } });
    const end = performance.now() + stepMs;
    while (performance.now() < end) { /* the step's compute */ }
    await bus.fire('onBackwardBegin', { lastLoss: 2 / (1 + i / 100) + 0.1 * Math.sin(i) });
    await bus.fire('onBatchEnd');
    await yieldTurn();
  }
  const perBatch = (performance.now() - t0) / batches;
  await bus.fire('onEpochEnd', { validLoss: 1, metrics: { accuracy: 0.5 } });
  await bus.fire('onTrainEnd');
  return perBatch;
}

/**
 * Times `runs` alternating pairs of loops without (`plain`) and with (`live`) the live charts.
 * @returns {{ overheadMs: number, plainMs: number }} the median per-pair extra time per batch, and the median plain time
 */
export async function timePairs(makePlainBus, makeLiveBus, { runs, batches, stepMs }) {
  const extra = [];
  const plain = [];
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ['plain', 'live'] : ['live', 'plain'];
    const t = {};
    for (const which of order) t[which] = await timeLoop(which === 'plain' ? makePlainBus() : await makeLiveBus(), batches, stepMs);
    extra.push(t.live - t.plain);
    plain.push(t.plain);
  }
  return { overheadMs: median(extra), plainMs: median(plain) };
}

/** Median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Milliseconds per batch of a small MLP (32 -> 64 -> 10, batches of 64, sgd) trained with
 * model.fit on the active backend: the step the live charts' cost is compared with.
 * @param {typeof import('@tensorflow/tfjs')} tf
 */
export async function mlpStepMs(tf) {
  const n = 2048;
  const x = tf.randomNormal([n, 32], 0, 1, 'float32', 7);
  const y = tf.tidy(() => tf.oneHot(tf.argMax(tf.matMul(x, tf.randomNormal([32, 10], 0, 1, 'float32', 8)), 1), 10).toFloat());
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [32], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
  await model.fit(x, y, { batchSize: 64, epochs: 1, verbose: 0 }); // warm-up
  const times = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    await model.fit(x, y, { batchSize: 64, epochs: 1, verbose: 0 });
    times.push((performance.now() - t0) / (n / 64));
  }
  model.dispose();
  tf.dispose([x, y]);
  return median(times);
}

/**
 * Milliseconds per batch spent in a callback's own per-batch hooks (onBatchBegin + onBatchEnd,
 * called directly in a tight loop, so its throttled redraws or sends wait until the end and are
 * not counted: they are what `timePairs` adds on top).
 * @param {object} callback a live-chart callback
 * @param {number} batches
 */
export async function timeHooks(callback, batches) {
  const state = { epoch: 0, iteration: 0, numIterations: batches, lastLoss: 1, smoothLoss: 1, validLoss: undefined, metrics: {}, hyper: { lr: 0.01, mom: 0.9 } };
  const ctx = { bus: { list: () => [] }, hyper: undefined };
  await callback.onTrainBegin(state, ctx);
  const t0 = performance.now();
  for (let i = 0; i < batches; i++) {
    state.iteration = i;
    state.lastLoss = 2 / (1 + i / 100);
    callback.onBatchBegin(state, ctx);
    callback.onBatchEnd(state);
  }
  const perBatch = (performance.now() - t0) / batches;
  await callback.onTrainEnd();
  return perBatch;
}
