// Data for the Keras ports: iris from the CSV beside this file, MNIST digits from the `mnist` package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';

const SPECIES = ['setosa', 'versicolor', 'virginica'];

/**
 * Iris (150 rows), shuffled with a fixed order, split like tfjs-examples/iris: 70 % train, 30 % test.
 * @returns {{ x: tf.Tensor2D, y: tf.Tensor2D, testX: tf.Tensor2D, testY: tf.Tensor2D }}
 */
export function iris() {
  const rows = readFileSync(new URL('./data/iris.csv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((r) => r.split(','));
  const order = rows.map((_, i) => (i * 37) % rows.length); // 37 is coprime with 150: a fixed shuffle
  const xs = order.map((i) => rows[i].slice(0, 4).map(Number));
  const ys = order.map((i) => SPECIES.indexOf(rows[i][4]));
  const nTrain = Math.round(rows.length * 0.7);
  return tf.tidy(() => {
    const x = tf.tensor2d(xs);
    const y = tf.oneHot(tf.tensor1d(ys, 'int32'), 3).toFloat();
    return { x: x.slice(0, nTrain), y: y.slice(0, nTrain), testX: x.slice(nTrain), testY: y.slice(nTrain) };
  });
}

/**
 * MNIST digits from the `mnist` package: `perClass` images of each digit, pixels in [0, 1], rows interleaved by class.
 * @param {number} perClass
 * @param {boolean} [image] - shape [n, 28, 28, 1] instead of [n, 784]
 * @returns {{ x: tf.Tensor, y: tf.Tensor2D }}
 */
export function digits(perClass, image = false) {
  const mnist = createRequire(import.meta.url)('mnist');
  const x = [];
  const y = [];
  for (let i = 0; i < perClass; i++) {
    for (let d = 0; d < 10; d++) {
      x.push(mnist[d].get(i));
      y.push(d);
    }
  }
  return tf.tidy(() => {
    const flat = tf.tensor2d(x);
    return { x: image ? flat.reshape([-1, 28, 28, 1]) : flat, y: tf.oneHot(tf.tensor1d(y, 'int32'), 10).toFloat() };
  });
}

/** Whether this module is the script node was started with. */
export function isMain(url) {
  return process.argv[1] !== undefined && new URL(url).pathname === new URL(`file://${process.argv[1]}`).pathname;
}
