import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamW, HyperParamError, OptimError, OptimOptionError, SGDW, adamw, hyperParams, sgdw } from '../index';

interface Step { lr: number; mom: number; wd: number; loss: number; W: number[][]; b: number[] }
interface Case { name: string; optimizer: 'sgd' | 'adamw' | 'adam'; options: Record<string, number | boolean>; steps: Step[] }
interface Fixture { problem: { X: number[][]; Y: number[][]; W0: number[][]; b0: number[] }; cases: Case[] }

const fixture: Fixture = JSON.parse(readFileSync(new URL('./fixtures/torch-optimizers.json', import.meta.url), 'utf8'));

/** Relative error in float32: each element against max(|expected|, largest |expected| of the tensor). */
function relClose(actual: number[], expected: number[], tol: number): void {
  expect(actual).toHaveLength(expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  actual.forEach((a, i) => {
    const e = expected[i] ?? NaN;
    expect(Math.abs(a - e) / Math.max(Math.abs(e), scale)).toBeLessThanOrEqual(tol);
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Our optimizers for every case; tfjs's own ones (through hyperParams) where torch has the same update. */
function candidates(c: Case): Array<[string, () => tf.Optimizer]> {
  const o = c.options;
  if (c.optimizer === 'sgd') {
    const ours: Array<[string, () => tf.Optimizer]> = [
      ['sgdw', () => sgdw({ lr: 0.05, momentum: Number(o['momentum']), nesterov: o['nesterov'] === true, weightDecay: Number(o['weightDecay']), decoupled: false })],
    ];
    if (Number(o['weightDecay']) !== 0) return ours;
    if (Number(o['momentum']) === 0) return [...ours, ['tf.train.sgd', () => tf.train.sgd(0.05)]];
    return [...ours, ['tf.train.momentum', () => tf.train.momentum(0.05, 0.9, o['nesterov'] === true)]];
  }
  if (c.optimizer === 'adam') return [['tf.train.adam', () => tf.train.adam(0.01, 0.9, Number(o['beta2']), Number(o['epsilon']))]];
  return [['adamw', () => adamw({ lr: 0.01, beta2: Number(o['beta2']), epsilon: Number(o['epsilon']), weightDecay: Number(o['weightDecay']) })]];
}

describe('optimizers driven by hyperParams against torch.optim golden trajectories', () => {
  for (const c of fixture.cases) for (const [label, make] of candidates(c)) {
    it(`${label} vs ${c.name}: ${c.steps.length} steps with per-step lr/mom/wd`, () => {
      const before = tf.memory().numTensors;
      const { X, Y, W0, b0 } = fixture.problem;
      const x = tf.tensor2d(X);
      const y = tf.tensor2d(Y);
      const W = tf.tidy(() => tf.variable(tf.tensor2d(W0)));
      const b = tf.tidy(() => tf.variable(tf.tensor1d(b0)));
      const opt = make();
      const h = hyperParams(opt);
      const withWd = opt instanceof SGDW || opt instanceof AdamW;
      const withMom = !label.startsWith('tf.train.sgd');
      for (const s of c.steps) {
        h.set({ lr: s.lr, ...(withMom ? { mom: s.mom } : {}), ...(withWd ? { wd: s.wd } : {}) });
        const loss = opt.minimize(() => tf.losses.meanSquaredError(y, tf.add(tf.matMul(x, W), b)) as tf.Scalar, true, [W, b]);
        relClose([loss?.dataSync()[0] ?? NaN], [s.loss], 1e-5);
        loss?.dispose();
        relClose(Array.from(W.dataSync()), s.W.flat(), 1e-5);
        relClose(Array.from(b.dataSync()), s.b, 1e-5);
      }
      tf.dispose([x, y, W, b]);
      opt.dispose();
      const lrScalar: unknown = Reflect.get(opt, 'c'); // tfjs 4.22 MomentumOptimizer.dispose leaks it
      if (lrScalar instanceof tf.Tensor && !lrScalar.isDisposed) lrScalar.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('optimizer serialization and state', () => {
  it('round-trips config through tf.serialization and getWeights/setWeights', async () => {
    const before = tf.memory().numTensors;
    const W = tf.tidy(() => tf.variable(tf.tensor2d([[1, 2], [3, 4]])));
    for (const make of [() => sgdw({ lr: 0.1, momentum: 0.8, nesterov: true, weightDecay: 0.01 }), () => adamw({ lr: 0.01, beta1: 0.85 })]) {
      const a = make();
      for (let i = 0; i < 3; i++) a.minimize(() => tf.sum(tf.square(W)) as tf.Scalar, false, [W]);
      const cls = a instanceof SGDW ? SGDW : AdamW;
      const b = a instanceof SGDW ? SGDW.fromConfig<SGDW>(SGDW, a.getConfig()) : AdamW.fromConfig<AdamW>(AdamW, a.getConfig());
      expect(b).toBeInstanceOf(cls);
      expect(b instanceof (a instanceof SGDW ? AdamW : SGDW)).toBe(false);
      expect(b.getConfig()).toEqual(a.getConfig());
      expect(tf.serialization.SerializationMap.getMap().classNameMap[cls.className]).toBeDefined();
      const weights = await a.getWeights();
      await b.setWeights(weights);
      expect(b.iterations).toBe(3);
      const wb = await b.getWeights();
      expect(wb.map((w) => w.name)).toEqual(weights.map((w) => w.name));
      wb.slice(1).forEach((w, i) => expect(Array.from(w.tensor.dataSync())).toEqual(Array.from(weights[i + 1]?.tensor.dataSync() ?? [])));
      tf.dispose([weights[0]?.tensor, wb[0]?.tensor].filter((t): t is tf.Tensor => t !== undefined));
      a.dispose();
      b.dispose();
    }
    W.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options with messages naming the field', () => {
    expect(() => sgdw({ lr: -1 })).toThrow(/sgdw lr must be a finite number in \[0, Infinity\], got -1/);
    expect(() => sgdw({ lr: 0.1, momentum: 1 })).toThrow(/sgdw momentum/);
    expect(() => adamw({ lr: 0.1, beta2: 1.5 })).toThrow(/adamw beta2/);
    expect(() => adamw({ lr: Number.NaN })).toThrow(/adamw lr must be a finite number, got NaN/);
  });

  it('rejects a misspelled or foreign option instead of keeping the default', () => {
    const before = tf.memory().numTensors;
    const typo = { lr: 0.1, momentun: 0.5 } as unknown as Parameters<typeof sgdw>[0];
    expect(() => sgdw(typo)).toThrow(OptimOptionError);
    expect(() => sgdw(typo)).toThrow(/^sgdw momentun is not an option.*did you mean 'momentum'.*options: lr, momentum, nesterov, weightDecay, decoupled/);
    const torchStyle = { lr: 1e-3, weight_decay: 0.01 } as unknown as Parameters<typeof adamw>[0];
    expect(() => adamw(torchStyle)).toThrow(/^adamw weight_decay is not an option.*did you mean 'weightDecay'/);
    const keras = { lr: 1e-3, beta_1: 0.9 } as unknown as Parameters<typeof adamw>[0];
    expect(() => adamw(keras)).toThrow(/beta_1 is not an option.*did you mean 'beta1'/);
    expect(() => sgdw(null as unknown as Parameters<typeof sgdw>[0])).toThrow(/^sgdw options must be an object, got null/);
    expect(() => sgdw({ lr: 0.1, nesterov: 'yes' as unknown as boolean })).toThrow(/^sgdw nesterov must be true or false, got .*yes/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws the package errors: OptimOptionError for options, HyperParamError for handles, both OptimErrors', () => {
    const caught = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const option = caught(() => sgdw({ lr: 0.1, weightDecay: -0.5 }));
    expect(option).toBeInstanceOf(OptimOptionError);
    expect(option).toBeInstanceOf(OptimError);
    expect(option).toMatchObject({ name: 'OptimOptionError', message: 'sgdw weightDecay must be a finite number in [0, Infinity], got -0.5' });
    const before = tf.memory().numTensors;
    const opt = adamw({ lr: 0.1 });
    const handle = caught(() => hyperParams(opt).set({ mom: 1 }));
    expect(handle).toBeInstanceOf(HyperParamError);
    expect(handle).toBeInstanceOf(OptimError);
    expect(handle).toMatchObject({ name: 'HyperParamError', message: 'mom (beta1) must be a finite number in [0, 0.999999], got 1' });
    expect(opt.beta1).toBe(0.9);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
