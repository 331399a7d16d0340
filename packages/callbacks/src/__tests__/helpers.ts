import * as tf from '@tensorflow/tfjs';
import type { CallbackBus } from '../index';

/** A tiny regression model and data: 8 samples, 2 features. */
export function tinyProblem(): { model: tf.Sequential; xs: tf.Tensor2D; ys: tf.Tensor2D; dispose: () => void } {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'ones' })] });
  const xs = tf.tensor2d([[1, 2], [0.5, -1], [-1.5, 0.3], [2, 1], [0.1, 0.2], [-0.7, -0.4], [1.2, -2], [0.3, 0.9]]);
  const ys = tf.tensor2d([1, -0.5, 0.2, 2.5, 0.3, -1, 0.4, 0.8], [8, 1]);
  return {
    model,
    xs,
    ys,
    dispose: () => {
      const opt = model.optimizer;
      tf.dispose([xs, ys]);
      model.dispose();
      opt?.dispose();
      const c: unknown = opt === undefined ? undefined : Reflect.get(opt, 'c');
      if (c instanceof tf.Tensor && !c.isDisposed) c.dispose();
    },
  };
}

/**
 * A hand-written loop firing all ten events with made-up losses (no tensors).
 */
export async function handLoop(
  bus: CallbackBus,
  epochs: number,
  batches: number,
  loss: (iteration: number) => number,
  validLoss: (epoch: number) => number = (e) => 10 - e,
): Promise<void> {
  await bus.runFit(
    async () => {
      for (let epoch = 0; epoch < epochs; epoch++) {
        await bus.runEpoch(
          async () => {
            for (let batch = 0; batch < batches; batch++) {
              const iteration = epoch * batches + batch;
              await bus.runBatch(
                async () => {
                  await bus.fire('onLossBegin');
                  await bus.fire('onBackwardBegin', { lastLoss: loss(iteration) });
                  await bus.fire('onBackwardEnd');
                  await bus.fire('onStepEnd');
                },
                { iteration, batch },
              );
            }
            Object.assign(bus.state, { validLoss: validLoss(epoch), metrics: { acc: epoch / 10 } });
          },
          { epoch },
        );
      }
    },
    { numEpochs: epochs, numIterations: epochs * batches, batchesPerEpoch: batches },
  );
}
