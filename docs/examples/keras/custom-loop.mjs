// tfjs-examples/mnist-core, ported: a conv net trained by a hand-written loop with
// optimizer.minimize. No model.fit here, so the loop fires the callback bus itself: the
// ParamScheduler sets the optimizer's lr and momentum before each batch, the Recorder keeps them.
//   node docs/examples/keras/custom-loop.mjs
import * as tf from '@tensorflow/tfjs';
import { CallbackBus, ParamScheduler, Recorder, hyperParams } from '@onecycle/callbacks';
import { digits, isMain } from './data.mjs';

/**
 * @param {{ perClass?: number, epochs?: number, batchSize?: number, log?: (line: string) => void }} [opts]
 * @returns {Promise<{ firstLoss: number, lastLoss: number, lrs: number[], moms: number[] }>}
 */
export async function run({ perClass = 100, epochs = 2, batchSize = 50, log = console.log } = {}) {
  const { x, y } = digits(perClass, true);
  const variable = (t) => {
    const v = tf.variable(t);
    t.dispose();
    return v;
  };
  const conv1 = variable(tf.randomNormal([5, 5, 1, 8], 0, 0.1, 'float32', 1));
  const conv2 = variable(tf.randomNormal([5, 5, 8, 16], 0, 0.1, 'float32', 2));
  const dense = variable(tf.randomNormal([7 * 7 * 16, 10], 0, 0.1, 'float32', 3));
  const bias = variable(tf.zeros([10]));
  const model = (xs) => {
    const h1 = tf.maxPool(tf.relu(tf.conv2d(xs, conv1, 1, 'same')), 2, 2, 'same');
    const h2 = tf.maxPool(tf.relu(tf.conv2d(h1, conv2, 1, 'same')), 2, 2, 'same');
    return tf.add(tf.matMul(tf.reshape(h2, [-1, 7 * 7 * 16]), dense), bias);
  };
  const optimizer = tf.train.momentum(0.01, 0.9);
  const n = x.shape[0];
  const perEpoch = Math.ceil(n / batchSize);
  const recorder = new Recorder();
  const bus = new CallbackBus(
    [new ParamScheduler({ kind: 'oneCycle', lrMax: 0.05, totalSteps: epochs * perEpoch }), recorder],
    { optimizer, hyper: hyperParams(optimizer) },
  );
  await bus.runFit(async () => {
    for (let epoch = 0; epoch < epochs; epoch++) {
      await bus.runEpoch(async () => {
        for (let batch = 0; batch < perEpoch; batch++) {
          await bus.runBatch(async () => {
            const size = Math.min(batchSize, n - batch * batchSize);
            const lossT = optimizer.minimize(() => tf.tidy(() => {
              const xs = x.slice(batch * batchSize, size);
              const ys = y.slice(batch * batchSize, size);
              return tf.losses.softmaxCrossEntropy(ys, model(xs));
            }), true);
            const lastLoss = (await lossT.data())[0];
            lossT.dispose();
            await bus.fire('onBackwardBegin', { lastLoss }); // the Recorder reads the loss from here
          }, { iteration: epoch * perEpoch + batch, batch });
        }
      }, { epoch });
    }
  }, { numEpochs: epochs, numIterations: epochs * perEpoch, batchesPerEpoch: perEpoch });

  const rec = recorder.toJSON();
  const firstLoss = rec.batches[0]?.loss ?? Number.NaN;
  const lastLoss = rec.epochs[rec.epochs.length - 1]?.trainLoss ?? Number.NaN;
  log(`loss ${firstLoss.toFixed(3)} -> ${lastLoss.toFixed(3)} (smoothed) in ${rec.batches.length} batches`);
  tf.dispose([x, y, conv1, conv2, dense, bias]);
  optimizer.dispose();
  // tfjs 4.22's MomentumOptimizer.dispose leaves its lr and momentum scalars
  for (const t of [optimizer.c, optimizer.m]) if (t instanceof tf.Tensor && !t.isDisposed) t.dispose();
  return { firstLoss, lastLoss, lrs: rec.batches.map((b) => b.lr), moms: rec.batches.map((b) => b.mom ?? Number.NaN) };
}

if (isMain(import.meta.url)) await run();
