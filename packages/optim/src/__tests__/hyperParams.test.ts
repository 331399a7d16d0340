import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HyperParamError, hyperParams } from '../index';
import type { Hyper } from '../index';

const G = [0.5, -1.5, 2];
const W0 = [1, -2, 3];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs two steps of loss = sum(G * w) (gradient G) with hyper-parameters h1 then h2. */
function twoSteps(opt: tf.Optimizer, h1: Partial<Hyper>, h2: Partial<Hyper>): number[] {
  const w = tf.tidy(() => tf.variable(tf.tensor1d(W0)));
  const g = tf.tensor1d(G);
  const handle = hyperParams(opt);
  for (const h of [h1, h2]) {
    handle.set(h);
    expect(handle.get()).toMatchObject(h);
    opt.minimize(() => tf.sum(tf.mul(g, w)) as tf.Scalar, false, [w]);
  }
  const out = Array.from(w.dataSync());
  tf.dispose([w, g]);
  disposeOptimizer(opt);
  return out;
}

/** tfjs 4.22's MomentumOptimizer.dispose forgets the learning-rate scalar `c` it inherits from SGD. */
function disposeOptimizer(opt: tf.Optimizer): void {
  opt.dispose();
  const c: unknown = Reflect.get(opt, 'c');
  if (c instanceof tf.Tensor) c.dispose();
}

function close(actual: number[], expected: number[]): void {
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i] ?? NaN, 5));
}

const perElement = (f: (g: number, w: number) => number): number[] => W0.map((w, i) => f(G[i] ?? 0, w));

describe('hyperParams changes the very next update (weights vs a hand computation)', () => {
  it('sgd: lr', () => {
    const before = tf.memory().numTensors;
    const got = twoSteps(tf.train.sgd(0.1), { lr: 0.1 }, { lr: 0.03 });
    close(got, perElement((g, w) => w - 0.1 * g - 0.03 * g));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('momentum: lr and mom (tfjs setMomentum alone is ignored; hyperParams is not)', () => {
    const before = tf.memory().numTensors;
    const got = twoSteps(tf.train.momentum(0.1, 0.9), { lr: 0.1, mom: 0.9 }, { lr: 0.05, mom: 0.5 });
    // acc1 = g, acc2 = 0.5*g + g
    close(got, perElement((g, w) => w - 0.1 * g - 0.05 * (0.5 * g + g)));
    // the tfjs quirk this works around: setMomentum without hyperParams keeps using 0.9
    const plain = tf.train.momentum(0.1, 0.9);
    const w = tf.tidy(() => tf.variable(tf.tensor1d(W0)));
    const g = tf.tensor1d(G);
    plain.minimize(() => tf.sum(tf.mul(g, w)) as tf.Scalar, false, [w]);
    plain.setMomentum(0.5);
    plain.setLearningRate(0.05);
    plain.minimize(() => tf.sum(tf.mul(g, w)) as tf.Scalar, false, [w]);
    close(Array.from(w.dataSync()), perElement((gi, wi) => wi - 0.1 * gi - 0.05 * (0.9 * gi + gi)));
    tf.dispose([w, g]);
    disposeOptimizer(plain);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('adam: lr and mom = beta1, bias correction with the current beta1', () => {
    const before = tf.memory().numTensors;
    const [b2, eps] = [0.999, 1e-7];
    const got = twoSteps(tf.train.adam(0.1, 0.9, b2, eps), { lr: 0.1, mom: 0.9 }, { lr: 0.02, mom: 0.6 });
    close(
      got,
      perElement((g, w) => {
        let m = 0.1 * g;
        let v = (1 - b2) * g * g;
        w -= (0.1 * (m / (1 - 0.9))) / (Math.sqrt(v / (1 - b2)) + eps);
        m = 0.6 * m + 0.4 * g;
        v = b2 * v + (1 - b2) * g * g;
        return w - (0.02 * (m / (1 - 0.6 ** 2))) / (Math.sqrt(v / (1 - b2 ** 2)) + eps);
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('adamax: lr and mom = beta1', () => {
    const before = tf.memory().numTensors;
    const [b2, eps] = [0.999, 1e-7];
    const got = twoSteps(tf.train.adamax(0.1, 0.9, b2, eps), { lr: 0.1, mom: 0.9 }, { lr: 0.02, mom: 0.6 });
    close(
      got,
      perElement((g, w) => {
        let m = 0.1 * g;
        let u = Math.abs(g);
        w -= (0.1 / (1 - 0.9)) * (m / (u + eps));
        m = 0.6 * m + 0.4 * g;
        u = Math.max(b2 * u, Math.abs(g));
        return w - (0.02 / (1 - 0.6 ** 2)) * (m / (u + eps));
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rmsprop: lr and mom = momentum', () => {
    const before = tf.memory().numTensors;
    const [rho, eps] = [0.9, 1e-7];
    const got = twoSteps(tf.train.rmsprop(0.1, rho, 0.5, eps), { lr: 0.1, mom: 0.5 }, { lr: 0.02, mom: 0.8 });
    close(
      got,
      perElement((g, w) => {
        let ms = (1 - rho) * g * g;
        let acc = (0.1 * g) / Math.sqrt(ms + eps);
        w -= acc;
        ms = rho * ms + (1 - rho) * g * g;
        acc = 0.8 * acc + (0.02 * g) / Math.sqrt(ms + eps);
        return w - acc;
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('adagrad: lr', () => {
    const before = tf.memory().numTensors;
    const eps = tf.backend().epsilon();
    const got = twoSteps(tf.train.adagrad(0.1, 0.1), { lr: 0.1 }, { lr: 0.02 });
    close(
      got,
      perElement((g, w) => {
        w -= (0.1 * g) / Math.sqrt(0.1 + g * g + eps);
        return w - (0.02 * g) / Math.sqrt(0.1 + 2 * g * g + eps);
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('adadelta: lr', () => {
    const before = tf.memory().numTensors;
    const [rho, eps] = [0.95, 1e-6];
    const got = twoSteps(tf.train.adadelta(0.1, rho, eps), { lr: 0.1 }, { lr: 0.02 });
    close(
      got,
      perElement((g, w) => {
        // tfjs 4.22 scales by the accumulated gradient from BEFORE this step
        const up1 = (Math.sqrt(eps) / Math.sqrt(eps)) * g;
        const accG = (1 - rho) * g * g;
        const accU = (1 - rho) * up1 * up1;
        w -= 0.1 * up1;
        const up2 = (Math.sqrt(accU + eps) / Math.sqrt(accG + eps)) * g;
        return w - 0.02 * up2;
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('hyperParams errors list what is supported', () => {
  it('rejects mom on sgd, wd on tfjs optimizers and bad values', () => {
    const before = tf.memory().numTensors;
    const sgd = tf.train.sgd(0.1);
    expect(() => hyperParams(sgd).set({ mom: 0.9 })).toThrow(HyperParamError);
    expect(() => hyperParams(sgd).set({ mom: 0.9 })).toThrow(/tf.train.sgd has no momentum, got mom=0.9.*supported:/);
    const adam = tf.train.adam(0.01);
    expect(() => hyperParams(adam).set({ wd: 0.01 })).toThrow(/no weight decay, got wd=0.01: use sgdw\(\) or adamw\(\)/);
    expect(() => hyperParams(adam).set({ lr: Number.NaN })).toThrow(/lr must be a finite number in \[0, Infinity\], got NaN/);
    expect(() => hyperParams(adam).set({ mom: 1 })).toThrow(/mom must be a finite number in \[0, 0.999999\], got 1/);
    sgd.dispose();
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects an optimizer it does not know', () => {
    class Custom extends tf.Optimizer {
      static get className(): string {
        return 'Custom';
      }
      applyGradients(): void {}
      getConfig(): tf.serialization.ConfigDict {
        return {};
      }
    }
    expect(() => hyperParams(new Custom())).toThrow(/optimizer Custom is not supported by hyperParams \(supported: SGDW\/AdamW/);
  });
});
