// tfjs-examples/mnist (the dense model), ported: compiled with 'rmsprop', validationSplit 0.15,
// trained with 1cycle through scheduleCallback: the length of the cycle comes from the fit itself
// (epochs x batches of the 85 % left after the split).
//   node docs/examples/keras/mnist-dense.mjs
import * as tf from '@tensorflow/tfjs';
import { scheduleCallback } from '@onecycle/callbacks';
import { digits, isMain } from './data.mjs';

/**
 * @param {{ perClass?: number, epochs?: number, log?: (line: string) => void }} [opts]
 * @returns {Promise<{ valAccuracy: number, batches: number, moms: number[] }>}
 */
export async function run({ perClass = 500, epochs = 3, log = console.log } = {}) {
  const { x, y } = digits(perClass);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 42, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  // RMSProp's momentum is the schedule's momentum: 0.95 -> 0.85 -> 0.95 while the LR goes up and down
  const sched = scheduleCallback({ kind: 'oneCycle', lrMax: 3e-3 });
  const history = await model.fit(x, y, {
    epochs,
    batchSize: 64,
    validationSplit: 0.15,
    verbose: 0,
    callbacks: [sched, tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 2 })],
  });
  const accs = history.history.val_acc ?? [];
  const valAccuracy = Number(accs[accs.length - 1]);
  const rec = sched.recorder.toJSON();
  log(`${rec.batches.length} batches of 1cycle, validation accuracy ${(100 * valAccuracy).toFixed(1)} %`);
  tf.dispose([x, y]);
  model.dispose();
  return { valAccuracy, batches: rec.batches.length, moms: rec.batches.map((b) => b.mom ?? Number.NaN) };
}

if (isMain(import.meta.url)) await run();
