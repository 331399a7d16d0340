// tfjs-examples/polynomial-regression-core, ported: fit a*x^3 + b*x^2 + c*x + d with plain
// tf.train.sgd (no momentum) and optimizer.minimize. 1cycle without momentum is
// { kind: 'oneCycle', …, moms: false }: with momentum in the spec, the bus refuses before the
// first step and says so.
//   node docs/examples/keras/polynomial.mjs
import * as tf from '@tensorflow/tfjs';
import { CallbackBus, ParamScheduler, Recorder, hyperParams } from '@onecycle/callbacks';
import { isMain } from './data.mjs';

const TRUE = { a: -0.8, b: -0.2, c: 0.9, d: 0.5 };

/**
 * @param {{ steps?: number, log?: (line: string) => void }} [opts]
 * @returns {Promise<{ coeffs: { a: number, b: number, c: number, d: number }, lastLoss: number, moms: Array<number | undefined> }>}
 */
export async function run({ steps = 75, log = console.log } = {}) {
  const xs = tf.linspace(-1, 1, 100);
  const ys = tf.tidy(() => tf.mul(TRUE.a, tf.pow(xs, 3)).add(tf.mul(TRUE.b, tf.square(xs))).add(tf.mul(TRUE.c, xs)).add(TRUE.d));
  const [a, b, c, d] = [0.1, 0.2, 0.3, 0.4].map((v) => {
    const t = tf.scalar(v);
    const w = tf.variable(t);
    t.dispose();
    return w;
  });
  const predict = (x) => tf.mul(a, tf.pow(x, 3)).add(tf.mul(b, tf.square(x))).add(tf.mul(c, x)).add(d);
  const optimizer = tf.train.sgd(0.5);
  const recorder = new Recorder();
  const bus = new CallbackBus(
    [new ParamScheduler({ kind: 'oneCycle', lrMax: 0.5, totalSteps: steps, moms: false }), recorder],
    { optimizer, hyper: hyperParams(optimizer) },
  );
  await bus.runFit(async () => {
    await bus.runEpoch(async () => {
      for (let i = 0; i < steps; i++) {
        await bus.runBatch(async () => {
          const loss = optimizer.minimize(() => tf.tidy(() => tf.losses.meanSquaredError(ys, predict(xs))), true);
          const lastLoss = (await loss.data())[0];
          loss.dispose();
          await bus.fire('onBackwardBegin', { lastLoss });
        }, { iteration: i, batch: i });
      }
    }, { epoch: 0 });
  }, { numEpochs: 1, numIterations: steps, batchesPerEpoch: steps });

  const coeffs = { a: a.dataSync()[0], b: b.dataSync()[0], c: c.dataSync()[0], d: d.dataSync()[0] };
  const rec = recorder.toJSON();
  const lastLoss = rec.batches[rec.batches.length - 1]?.loss ?? Number.NaN;
  log(`a ${coeffs.a.toFixed(3)} b ${coeffs.b.toFixed(3)} c ${coeffs.c.toFixed(3)} d ${coeffs.d.toFixed(3)}, loss ${lastLoss.toExponential(2)}`);
  tf.dispose([xs, ys, a, b, c, d]);
  optimizer.dispose();
  return { coeffs, lastLoss, moms: rec.batches.map((r) => r.mom) };
}

if (isMain(import.meta.url)) await run();
