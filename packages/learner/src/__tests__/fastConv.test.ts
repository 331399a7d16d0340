import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFastConvFilterGrad } from '../index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function filterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, strides: number, pad: 'same' | 'valid' | number, filterShape: [number, number, number, number]): Float32Array {
  return tf.tidy(() => {
    const out = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat: 'NHWC', filterShape });
    if (!(out instanceof tf.Tensor)) throw new Error('tensor expected');
    return Float32Array.from(out.dataSync());
  });
}

describe('useFastConvFilterGrad', () => {
  const cases: Array<{ x: [number, number, number, number]; f: [number, number, number, number]; s: number; pad: 'same' | 'valid' | number }> = [
    { x: [2, 7, 6, 3], f: [3, 3, 3, 4], s: 1, pad: 'same' },
    { x: [2, 7, 6, 3], f: [3, 3, 3, 4], s: 2, pad: 'same' },
    { x: [1, 9, 9, 2], f: [5, 5, 2, 3], s: 1, pad: 'valid' },
    { x: [3, 8, 8, 4], f: [3, 3, 4, 2], s: 2, pad: 1 },
    { x: [2, 6, 6, 4], f: [1, 1, 4, 8], s: 2, pad: 'same' },
  ];

  it("gives tfjs's own filter gradients (NHWC; number, 'same' and 'valid' padding; strides 1 and 2) and restores the kernel", () => {
    const before = tf.memory().numTensors;
    const original = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    for (const c of cases) {
      const x = tf.randomNormal<tf.Rank.R4>(c.x, 0, 1, 'float32', 1);
      const [n = 0, h = 0, w = 0, ch = 0] = tf.tidy(() => tf.conv2d(x, tf.zeros<tf.Rank.R4>(c.f), c.s, c.pad).shape);
      const dy = tf.randomNormal<tf.Rank.R4>([n, h, w, ch], 0, 1, 'float32', 2);
      const expected = filterGrad(x, dy, c.s, c.pad, c.f);
      const restore = useFastConvFilterGrad();
      expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).not.toBe(original);
      const got = filterGrad(x, dy, c.s, c.pad, c.f);
      restore();
      expect(got.length).toBe(expected.length);
      got.forEach((g, i) => expect(g).toBeCloseTo(expected[i] ?? Number.NaN, 4));
      tf.dispose([x, dy]);
    }
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBe(original);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is what tf.grad of a convolution uses', () => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal<tf.Rank.R4>([2, 5, 5, 2], 0, 1, 'float32', 3);
    const w = tf.randomNormal<tf.Rank.R4>([3, 3, 2, 3], 0, 1, 'float32', 4);
    const grad = (): number[] => tf.tidy(() => Array.from(tf.grads((k: tf.Tensor) => tf.conv2d(x, tf.reshape<tf.Rank.R4>(k, [3, 3, 2, 3]), 2, 'same').square().sum())([w])[0]?.dataSync() ?? []));
    const slow = grad();
    const restore = useFastConvFilterGrad();
    const fast = grad();
    restore();
    fast.forEach((g, i) => expect(g).toBeCloseTo(slow[i] ?? Number.NaN, 4));
    tf.dispose([x, w]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
