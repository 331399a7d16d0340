// The 10-line training script that test:release runs in a fresh project with only
// @onecycle/learner and @tensorflow/tfjs installed from the registry.
import * as tf from '@tensorflow/tfjs';
import { Learner, initBackend } from '@onecycle/learner';

await initBackend('cpu', { log: () => {} });
const x = tf.randomNormal([256, 8], 0, 1, 'float32', 1);
const y = tf.oneHot(tf.argMax(tf.matMul(x, tf.randomNormal([8, 3], 0, 1, 'float32', 2)), 1), 3).toFloat();
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
const learn = new Learner({ model, data: { train: { x, y, batchSize: 32 }, valid: { x, y } }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], seed: 1, progress: false });
const result = await learn.fit(0.5, 1, { cycleLen: 3, useClrBeta: [10, 10, 0.95, 0.85] });
const moms = learn.recorder.toJSON().batches.map((b) => b.mom);
if (!(result.metrics.accuracy > 0.8) || Math.min(...moms) !== 0.85 || Math.max(...moms) !== 0.95) throw new Error(`training did not work: ${JSON.stringify(result.metrics)}`);
console.log(`trained 3 epochs with use_clr_beta: valid accuracy ${result.metrics.accuracy.toFixed(3)}, momentum ${Math.min(...moms)}..${Math.max(...moms)}`);
