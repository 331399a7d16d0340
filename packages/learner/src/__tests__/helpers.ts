import * as tf from '@tensorflow/tfjs';

/** A tiny 3-class problem: 48 samples, 4 features, labels from a fixed linear rule. */
export function makeData(n = 48, seed = 3): { x: tf.Tensor; y: tf.Tensor } {
  return tf.tidy(() => {
    const x = tf.randomNormal([n, 4], 0, 1, 'float32', seed);
    const w = tf.tensor2d([[1, -1, 0.5], [0.5, 1, -1], [-1, 0.5, 1], [0.3, -0.2, 0.1]]);
    const labels = tf.argMax(tf.matMul(x, w), 1);
    return { x: tf.keep(x), y: tf.keep(tf.oneHot(labels, 3).toFloat()) };
  });
}

/** A small MLP with seeded initializers, so two calls give the same weights. */
export function makeModel(seed = 1): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  return model;
}

/** The model's weights as plain arrays. */
export function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

/** Largest absolute difference between two weight lists. */
export function maxDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((wa, i) => wa.forEach((v, j) => {
    m = Math.max(m, Math.abs(v - (b[i]?.[j] ?? Number.NaN)));
  }));
  return m;
}

/** The model's output in training mode, as one tensor. */
export function forward(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  const out = model.apply(x, { training: true });
  if (!(out instanceof tf.Tensor)) throw new Error('expected one output tensor');
  return out;
}
