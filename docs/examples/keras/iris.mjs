// tfjs-examples/iris, ported: a dense net compiled with Adam, trained with 1cycle in model.fit.
// The original: model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' })
// and model.fit(x, y, { epochs: 40, validationData }).
//   node docs/examples/keras/iris.mjs
import * as tf from '@tensorflow/tfjs';
import { scheduleCallback } from '@onecycle/callbacks';
import { lrFind } from '@onecycle/lr-finder';
import { iris, isMain } from './data.mjs';

/**
 * @param {{ epochs?: number, log?: (line: string) => void }} [opts]
 * @returns {Promise<{ peak: number, testAccuracy: number, lrs: number[] }>}
 */
export async function run({ epochs = 40, log = console.log } = {}) {
  const { x, y, testX, testY } = iris();
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [4], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  // 1. the LR range test on the compiled model (its Adam and its loss; weights put back afterwards)
  const { suggestions } = await lrFind(model, { x, y, batchSize: 16 });
  const peak = suggestions.range?.max ?? suggestions.valley ?? 0.01;
  log(`lr_find: peak ${peak.toExponential(2)}`);

  // 2. one line of 1cycle in model.fit, next to a plain Keras-style callback
  const sched = scheduleCallback({ kind: 'oneCycle', lrMax: peak });
  await model.fit(x, y, {
    epochs,
    batchSize: 16,
    validationData: [testX, testY],
    verbose: 0,
    callbacks: [sched, { onEpochEnd: (epoch, logs) => log(`epoch ${epoch + 1}: loss ${logs?.loss?.toFixed(4)} val_acc ${logs?.val_acc?.toFixed(3)}`) }],
  });

  const scores = model.evaluate(testX, testY);
  const testAccuracy = (await scores[1].data())[0];
  log(`test accuracy ${(100 * testAccuracy).toFixed(1)} %`);
  const lrs = sched.recorder.toJSON().batches.map((b) => b.lr);
  tf.dispose([x, y, testX, testY, scores]);
  model.dispose();
  return { peak, testAccuracy, lrs };
}

if (isMain(import.meta.url)) await run();
