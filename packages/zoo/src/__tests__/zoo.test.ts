import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChannelZeroPad, ModelInputError, ModelOptionError, ZooError, buildModel, lenet, mlp, modelInputLayout, parseModelSpec, resnet } from '../index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const trainable = (m: tf.LayersModel): number => m.trainableWeights.reduce((a, w) => a + w.read().size, 0);

/** Builds, checks, disposes, and asserts no tensor outlived the model. */
function withModel(make: () => tf.LayersModel, check: (m: tf.LayersModel) => void): void {
  const before = tf.memory().numTensors;
  const m = make();
  try {
    check(m);
  } finally {
    m.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
}

function outShape(m: tf.LayersModel, shape: number[]): number[] {
  return tf.tidy(() => {
    const y = m.predict(tf.ones(shape));
    if (Array.isArray(y)) throw new Error('one output expected');
    const sums = y.sum(1).arraySync();
    if (!Array.isArray(sums)) throw new Error('rank 1 expected');
    for (const s of sums) expect(s).toBeCloseTo(1, 5); // softmax rows
    return y.shape;
  });
}

describe('mlp', () => {
  it('is the 784-256-128-10 MLP with batch norm of the experiment', () => {
    withModel(() => mlp({ inputShape: [784], numClasses: 10, hidden: [256, 128], batchNorm: true, seed: 0 }), (m) => {
      // dense without bias (BN follows): 784*256 + 256*128; BN gamma/beta: 2*(256+128); head 128*10+10
      expect(trainable(m)).toBe(784 * 256 + 256 * 128 + 2 * (256 + 128) + 128 * 10 + 10);
      expect(m.countParams()).toBe(236298); // + BN moving mean/variance 2*(256+128)
      expect(outShape(m, [3, 784])).toEqual([3, 10]);
    });
  });

  it('flattens image inputs and defaults to [256, 128] without batch norm', () => {
    withModel(() => mlp({ inputShape: [4, 4, 1], numClasses: 3 }), (m) => {
      expect(m.countParams()).toBe(16 * 256 + 256 + 256 * 128 + 128 + 128 * 3 + 3);
      expect(outShape(m, [2, 4, 4, 1])).toEqual([2, 3]);
    });
  });

  it.each([7, 0])('builds the same weights from the same seed (%i)', (seed) => {
    // seed 0 is the demo's default, and tfjs takes an initializer seed of 0 for "unseeded"
    withModel(() => mlp({ inputShape: [4], numClasses: 2, hidden: [5], seed }), (a) => {
      withModel(() => mlp({ inputShape: [4], numClasses: 2, hidden: [5], seed }), (b) => {
        const wa = a.getWeights().map((w) => Array.from(w.dataSync()));
        const wb = b.getWeights().map((w) => Array.from(w.dataSync()));
        expect(wa).toEqual(wb);
      });
    });
  });
});

describe('lenet', () => {
  it('has the 61,706 parameters of LeNet-5 on 28x28x1', () => {
    withModel(() => lenet({ inputShape: [28, 28, 1], numClasses: 10, seed: 0 }), (m) => {
      // conv 5x5x1x6+6, conv 5x5x6x16+16, dense 400x120+120, 120x84+84, 84x10+10
      expect(m.countParams()).toBe(156 + 2416 + 48120 + 10164 + 850);
      expect(outShape(m, [2, 28, 28, 1])).toEqual([2, 10]);
    });
  });

  it('rejects flat inputs', () => {
    expect(() => lenet({ inputShape: [784], numClasses: 10 })).toThrow(ModelInputError);
    expect(() => lenet({ inputShape: [784], numClasses: 10 })).toThrow('model lenet needs image inputs [height, width, channels] of at least 12x12, got [784]');
  });
});

describe('resnet (He et al. 2016, CIFAR)', () => {
  // depth 8 = one basic block per stage. Convs have no bias (BN follows); BN has 4 values per channel.
  const convs = 3 * 3 * 3 * 16 + 2 * (9 * 16 * 16) + (9 * 16 * 32 + 9 * 32 * 32) + (9 * 32 * 64 + 9 * 64 * 64);
  const bns = 4 * (16 + 2 * 16 + 2 * 32 + 2 * 64);
  const head = 64 * 10 + 10;

  it('depth 8 with option-A shortcuts has no shortcut parameters', () => {
    withModel(() => resnet({ inputShape: [32, 32, 3], numClasses: 10, depth: 8, seed: 0 }), (m) => {
      expect(m.countParams()).toBe(convs + bns + head);
      expect(m.countParams()).toBe(75770);
      expect(m.layers.filter((l) => l instanceof ChannelZeroPad)).toHaveLength(2);
      expect(outShape(m, [2, 32, 32, 3])).toEqual([2, 10]);
    });
  });

  it('depth 8 with projection shortcuts adds two 1x1 convolutions with batch norm', () => {
    withModel(() => resnet({ inputShape: [32, 32, 3], numClasses: 10, depth: 8, shortcut: 'projection' }), (m) => {
      expect(m.countParams()).toBe(convs + bns + head + 16 * 32 + 4 * 32 + 32 * 64 + 4 * 64);
    });
  });

  it('depth 20 has about 0.27M parameters (He et al., Table 6)', () => {
    withModel(() => resnet({ inputShape: [32, 32, 3], numClasses: 10, depth: 20 }), (m) => {
      expect(trainable(m)).toBeGreaterThan(0.26e6);
      expect(trainable(m)).toBeLessThan(0.28e6);
    });
  });

  it('the option-A shortcut subsamples and zero-pads channels, and passes gradients', () => {
    const before = tf.memory().numTensors;
    const layer = new ChannelZeroPad({ extraChannels: 2, stride: 2 });
    tf.tidy(() => {
      const x = tf.range(0, 16).reshape([1, 4, 4, 1]);
      const y = layer.apply(x);
      if (!(y instanceof tf.Tensor)) throw new Error('tensor expected');
      expect(y.shape).toEqual([1, 2, 2, 3]);
      expect(Array.from(y.dataSync())).toEqual([0, 0, 0, 0, 2, 0, 0, 8, 0, 0, 10, 0]);
      const g = tf.grad((t: tf.Tensor) => {
        const out = layer.apply(t);
        if (!(out instanceof tf.Tensor)) throw new Error('tensor expected');
        return out.sum();
      })(x);
      expect(Array.from(g.dataSync())).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]);
    });
    expect(layer.computeOutputShape([null, 32, 32, 16])).toEqual([null, 16, 16, 18]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves and loads (the option-A layer is registered with tf.serialization)', async () => {
    const before = tf.memory().numTensors;
    const m = resnet({ inputShape: [8, 8, 3], numClasses: 4, depth: 8, seed: 1 });
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    if (saved === undefined) throw new Error('nothing saved');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved));
    expect(loaded.layers.filter((l) => l instanceof ChannelZeroPad)).toHaveLength(2);
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 5);
    const [a, b] = [m.predict(x), loaded.predict(x)];
    if (Array.isArray(a) || Array.isArray(b)) throw new Error('one output expected');
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    m.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a depth that is not 6n+2', () => {
    expect(() => resnet({ inputShape: [32, 32, 3], numClasses: 10, depth: 10 })).toThrow(ModelOptionError);
    expect(() => resnet({ inputShape: [32, 32, 3], numClasses: 10, depth: 10 })).toThrow(/model\.depth must be 6n\+2.*got 10/);
    expect(() => resnet({ inputShape: [784], numClasses: 10 })).toThrow(ModelInputError);
  });
});

describe('parseModelSpec / buildModel', () => {
  it('reads specs and picks the input layout', () => {
    expect(parseModelSpec({ name: 'mlp', hidden: [8], batchNorm: true })).toEqual({ name: 'mlp', hidden: [8], batchNorm: true });
    expect(parseModelSpec({ name: 'resnet', depth: 56, shortcut: 'projection' })).toEqual({ name: 'resnet', depth: 56, shortcut: 'projection' });
    expect(modelInputLayout({ name: 'mlp' })).toBe('flat');
    expect(modelInputLayout({ name: 'lenet' })).toBe('image');
    withModel(() => buildModel({ name: 'mlp', hidden: [3] }, { inputShape: [2], numClasses: 2 }), (m) => {
      expect(m.countParams()).toBe(2 * 3 + 3 + 3 * 2 + 2);
    });
  });

  it('names the field, the value and what is allowed', () => {
    expect(() => parseModelSpec('mlp')).toThrow(/model must be an object/);
    expect(() => parseModelSpec({ name: 'vgg' })).toThrow(/model\.name must be one of mlp, lenet, resnet, got "vgg"/);
    expect(() => parseModelSpec({ name: 'mlp', hidden: [8, 0] })).toThrow(/model\.hidden\[1\] must be a positive whole number, got 0/);
    expect(() => parseModelSpec({ name: 'mlp', dropout: 1 })).toThrow(/model\.dropout must be a number in \[0, 1\)/);
    expect(() => parseModelSpec({ name: 'lenet', depth: 8 })).toThrow(/model\.depth is not an option of model lenet/);
    expect(() => parseModelSpec({ name: 'resnet', depth: 9 })).toThrow(ModelOptionError);
    expect(() => parseModelSpec({ name: 'resnet', depth: 9 })).toThrow(ZooError);
    expect(() => parseModelSpec({ name: 'resnet', shortcut: 'B' })).toThrow(/model\.shortcut must be 'A' or 'projection'/);
  });
});

describe('bad options to the builders', () => {
  it('name the option, the value and what is allowed, before tfjs builds anything', () => {
    const before = tf.memory().numTensors;
    const err = (make: () => unknown): unknown => {
      try {
        make();
      } catch (e) {
        return e;
      }
      throw new Error('expected a throw');
    };
    const e = err(() => mlp({ inputShape: [4], numClasses: 2, dropout: 1.5 }));
    expect(e).toBeInstanceOf(ModelOptionError);
    expect(e).toHaveProperty('name', 'ModelOptionError');
    expect(e).toHaveProperty('message', 'model.dropout must be a number in [0, 1), got 1.5');
    expect(() => mlp({ inputShape: [4], numClasses: 2, hidden: [3, -1] })).toThrow('model.hidden[1] must be a positive whole number, got -1');
    expect(() => mlp({ inputShape: [4, 0], numClasses: 2 })).toThrow(ModelInputError);
    expect(() => mlp({ inputShape: [], numClasses: 2 })).toThrow('inputShape of model mlp must be a non-empty list of positive whole numbers ([features] or [height, width, channels]), got []');
    expect(() => lenet({ inputShape: [28, 28, 1], numClasses: 0 })).toThrow('numClasses of model lenet must be a positive whole number (units of the softmax output), got 0');
    expect(() => resnet({ inputShape: [32, 32, 3], numClasses: 10, seed: 1.5 })).toThrow('seed of model resnet must be a non-negative whole number (layer i is seeded seed * 1000 + i + 1), got 1.5');
    expect(() => new ChannelZeroPad({ extraChannels: -2 })).toThrow(ModelOptionError);
    expect(() => new ChannelZeroPad({ extraChannels: 2, stride: 0 })).toThrow('ChannelZeroPad stride must be a whole number >= 1 (keep every stride-th row and column), got 0');
    expect(tf.memory().numTensors).toBe(before);
  });
});
