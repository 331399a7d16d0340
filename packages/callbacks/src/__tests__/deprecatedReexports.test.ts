// The optimizers moved to @onecycle/optim; for one minor version callbacks re-exports them. The
// re-exports must be the very same values, so `instanceof`, the tfjs serialization registry and
// `hyperParams` see one SGDW/AdamW class whichever package a user imports them from.
import * as tf from '@tensorflow/tfjs';
import * as optim from '@onecycle/optim';
import { describe, expect, it } from 'vitest';
import * as callbacks from '../index';

describe('deprecated optimizer re-exports', () => {
  it('are the values @onecycle/optim exports', () => {
    expect(callbacks.sgdw).toBe(optim.sgdw);
    expect(callbacks.SGDW).toBe(optim.SGDW);
    expect(callbacks.adamw).toBe(optim.adamw);
    expect(callbacks.AdamW).toBe(optim.AdamW);
    expect(callbacks.hyperParams).toBe(optim.hyperParams);
    expect(callbacks.HyperParamError).toBe(optim.HyperParamError);
  });

  it('make optimizers that the optim classes and hyperParams recognise', () => {
    const before = tf.memory().numTensors;
    const opt = callbacks.adamw({ lr: 0.01 });
    expect(opt).toBeInstanceOf(optim.AdamW);
    optim.hyperParams(opt).set({ lr: 0.02, mom: 0.8, wd: 0.1 });
    expect(opt.learningRate).toBe(0.02);
    expect(opt.beta1).toBe(0.8);
    expect(opt.weightDecay).toBe(0.1);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
