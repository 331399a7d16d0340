// Runs the four Keras ports of docs/examples/keras (docs/keras.md) on small sizes.
import * as tf from '@tensorflow/tfjs';
import { createSchedule } from '@onecycle/core-schedules';
import { beforeAll, describe, expect, it } from 'vitest';

const dir = new URL('../../../../docs/examples/keras', import.meta.url).href;
const quiet = (): void => undefined;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('docs/examples/keras', () => {
  it('iris.mjs: lrFind on the compiled Adam model, then 1cycle at range.max (or valley) in model.fit', async () => {
    const { run } = await import(`${dir}/iris.mjs`);
    const before = tf.memory().numTensors;
    const r = await run({ epochs: 4, log: quiet });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.peak).toBeGreaterThan(1e-4);
    // 105 training rows in batches of 16: 7 per epoch, 28 in all
    const s = createSchedule({ kind: 'oneCycle', lrMax: r.peak, totalSteps: 28 });
    expect(r.lrs).toEqual(Array.from({ length: 28 }, (_, i) => s.at(i).lr));
    expect(r.testAccuracy).toBeGreaterThan(1 / 3);
  });

  it("mnist-dense.mjs: 'rmsprop', validationSplit and EarlyStopping next to scheduleCallback", async () => {
    const { run } = await import(`${dir}/mnist-dense.mjs`);
    const before = tf.memory().numTensors;
    const r = await run({ perClass: 20, epochs: 2, log: quiet });
    expect(tf.memory().numTensors).toBe(before);
    // 200 digits, 15 % held out: 170 rows, batches of 64 -> 3 per epoch
    expect(r.batches).toBe(6);
    expect(Math.min(...r.moms)).toBeLessThan(Math.max(...r.moms));
    expect(r.valAccuracy).toBeGreaterThanOrEqual(0);
  });

  it('custom-loop.mjs: a hand-written optimizer.minimize conv loop on the bus', async () => {
    const { run } = await import(`${dir}/custom-loop.mjs`);
    const before = tf.memory().numTensors;
    const r = await run({ perClass: 2, epochs: 2, batchSize: 10, log: quiet });
    expect(tf.memory().numTensors).toBe(before);
    const s = createSchedule({ kind: 'oneCycle', lrMax: 0.05, totalSteps: 4 });
    expect(r.lrs).toEqual(Array.from({ length: 4 }, (_, i) => s.at(i).lr));
    expect(r.moms).toEqual(Array.from({ length: 4 }, (_, i) => s.at(i).mom));
    expect(Number.isFinite(r.lastLoss)).toBe(true);
  });

  it('polynomial.mjs: tf.train.sgd with a momentum-free 1cycle (moms: false)', async () => {
    const { run } = await import(`${dir}/polynomial.mjs`);
    const before = tf.memory().numTensors;
    const r = await run({ steps: 75, log: quiet });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.moms.every((m: number | undefined) => m === undefined)).toBe(true);
    expect(r.lastLoss).toBeLessThan(0.02);
    expect(Math.abs(r.coeffs.d - 0.5)).toBeLessThan(0.05);
  });
});
