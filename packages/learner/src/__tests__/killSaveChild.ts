// The child process of killSave.test.ts: saves a learner into DIR over and over, each save stamped
// with its number i (every weight, every optimizer slot and the RNG state set to i), printing
// "saved i" after each, until it is killed.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { Learner } from '../index';

async function main(): Promise<void> {
  const dir = process.env['KILL_DIR'] ?? '';
  let i = Number(process.env['KILL_START'] ?? '0');
  await tf.setBackend('cpu');
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
  model.add(tfl.layers.dense({ units: 3, activation: 'softmax' }));
  const x = tf.zeros([8, 4]);
  const y = tf.cast(tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3), 'float32');
  const learn = new Learner({ model, data: { train: { x, y, batchSize: 8 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false });
  await learn.fit(0.01, 1); // makes the momentum slots
  for (;;) {
    const value = i;
    for (const v of learn.variables) v.assign(tf.tidy(() => tf.fill(v.shape, value)));
    for (const opt of learn.optimizers) {
      for (const w of await opt.getWeights()) {
        if (w.tensor instanceof tf.Variable) {
          const slot = w.tensor;
          slot.assign(tf.tidy(() => tf.fill(slot.shape, value)));
        } else {
          w.tensor.dispose();
        }
      }
    }
    learn.rng.state = value;
    await learn.save(dir);
    process.stdout.write(`saved ${value}\n`);
    i += 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
