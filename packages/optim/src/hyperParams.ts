import { describeValue } from '@onecycle/core-schedules';
import type { Hyper } from '@onecycle/core-schedules';
import * as tf from '@tensorflow/tfjs-core';
import { AdamW } from './adamw';
import { HyperParamError } from './errors';
import type { HyperHandle } from './hyperHandle';
import { SGDW } from './sgdw';

const SUPPORTED =
  'supported: SGDW/AdamW from @onecycle/optim (lr, mom, wd) and tfjs sgd (lr), momentum (lr, mom), ' +
  'adam (lr, mom=beta1), adamax (lr, mom=beta1), rmsprop (lr, mom=momentum), adagrad (lr), adadelta (lr)';

function checkValue(name: string, v: number, max: number): void {
  if (!Number.isFinite(v) || v < 0 || v > max) {
    throw new HyperParamError(`${name} must be a finite number in [0, ${max}], got ${v}`);
  }
}

function noWd(kind: string, h: Partial<Hyper>): void {
  if (h.wd !== undefined) {
    throw new HyperParamError(
      `${kind} has no weight decay, got wd=${h.wd}: use sgdw() or adamw() from @onecycle/optim (${SUPPORTED})`,
    );
  }
}

function noMom(kind: string, h: Partial<Hyper>): void {
  if (h.mom !== undefined) {
    throw new HyperParamError(
      `${kind} has no momentum, got mom=${h.mom}: use tf.train.momentum, adam, sgdw or adamw (${SUPPORTED})`,
    );
  }
}

function readNumber(opt: tf.Optimizer, field: string): number {
  const v: unknown = Reflect.get(opt, field);
  if (typeof v !== 'number') throw new HyperParamError(`${opt.getClassName()} has no numeric field ${field} (${SUPPORTED})`);
  return v;
}

/** Replaces a kept scalar tensor field (MomentumOptimizer's private `m`): make the new one, dispose the old. */
function replaceScalar(opt: tf.Optimizer, field: string, value: number): void {
  const old: unknown = Reflect.get(opt, field);
  Reflect.set(opt, field, tf.keep(tf.scalar(value)));
  if (old instanceof tf.Tensor) old.dispose();
}

/**
 * Re-bases Adam/Adamax's accumulated beta1 power on the new beta1 (`beta1^(t+1)`), so the bias
 * correction uses the current beta1 as PyTorch does (and as tfjs's own setWeights does).
 */
function rebaseAccBeta(opt: tf.Optimizer, field: string, beta: number): void {
  const acc: unknown = Reflect.get(opt, field);
  if (!(acc instanceof tf.Variable)) throw new HyperParamError(`${opt.getClassName()} has no ${field} variable (${SUPPORTED})`);
  const power = beta ** (opt.iterations + 1);
  tf.tidy(() => acc.assign(tf.scalar(power)));
}

function ownHandle(opt: SGDW | AdamW): HyperHandle {
  const isAdam = opt instanceof AdamW;
  return {
    get: () => ({ lr: opt.learningRate, mom: opt instanceof AdamW ? opt.beta1 : opt.momentum, wd: opt.weightDecay }),
    set: (h) => {
      if (h.lr !== undefined) checkValue('lr', h.lr, Infinity);
      if (h.mom !== undefined) checkValue(isAdam ? 'mom (beta1)' : 'mom', h.mom, isAdam ? 0.999999 : 1);
      if (h.wd !== undefined) checkValue('wd', h.wd, Infinity);
      if (h.lr !== undefined) opt.learningRate = h.lr;
      if (h.wd !== undefined) opt.weightDecay = h.wd;
      if (h.mom !== undefined) {
        if (opt instanceof AdamW) opt.beta1 = h.mom;
        else opt.momentum = h.mom;
      }
    },
  };
}

function fieldHandle(opt: tf.Optimizer, kind: string, momField: string | undefined, accBeta: string | undefined): HyperHandle {
  return {
    get: () => {
      const h: Hyper = { lr: readNumber(opt, 'learningRate') };
      if (momField !== undefined) h.mom = readNumber(opt, momField);
      return h;
    },
    set: (h) => {
      noWd(kind, h);
      if (momField === undefined) noMom(kind, h);
      if (h.lr !== undefined) checkValue('lr', h.lr, Infinity);
      if (h.mom !== undefined) checkValue('mom', h.mom, accBeta === undefined ? 1 : 0.999999);
      if (h.lr !== undefined) Reflect.set(opt, 'learningRate', h.lr);
      if (h.mom !== undefined && momField !== undefined && h.mom !== readNumber(opt, momField)) {
        Reflect.set(opt, momField, h.mom);
        if (accBeta !== undefined) rebaseAccBeta(opt, accBeta, h.mom);
      }
    },
  };
}

function momentumHandle(opt: tf.MomentumOptimizer): HyperHandle {
  return {
    get: () => ({ lr: readNumber(opt, 'learningRate'), mom: readNumber(opt, 'momentum') }),
    set: (h) => {
      noWd('tf.train.momentum', h);
      if (h.lr !== undefined) checkValue('lr', h.lr, Infinity);
      if (h.mom !== undefined) checkValue('mom', h.mom, 1);
      if (h.lr !== undefined && h.lr !== readNumber(opt, 'learningRate')) opt.setLearningRate(h.lr);
      if (h.mom !== undefined && h.mom !== readNumber(opt, 'momentum')) {
        // tfjs 4.22's applyGradients multiplies by the scalar `m` made in the constructor and
        // setMomentum only stores a number, so the scalar itself is replaced here.
        opt.setMomentum(h.mom);
        replaceScalar(opt, 'm', h.mom);
      }
    },
  };
}

function sgdHandle(opt: tf.SGDOptimizer): HyperHandle {
  return {
    get: () => ({ lr: readNumber(opt, 'learningRate') }),
    set: (h) => {
      noWd('tf.train.sgd', h);
      noMom('tf.train.sgd', h);
      if (h.lr !== undefined) checkValue('lr', h.lr, Infinity);
      if (h.lr !== undefined && h.lr !== readNumber(opt, 'learningRate')) opt.setLearningRate(h.lr);
    },
  };
}

/**
 * A handle that reads and changes lr / mom / wd of an optimizer so that the NEXT update uses
 * them — including tf.train.momentum, whose own setMomentum has no effect in tfjs 4.22.
 * `mom` is momentum for SGD-like optimizers and beta1 for Adam-like ones (PyTorch's OneCycleLR
 * convention); changing Adam/Adamax's beta1 re-bases the bias correction on the new beta1.
 * @param optimizer - SGDW, AdamW or tfjs sgd/momentum/adam/adamax/rmsprop/adagrad/adadelta
 * @example
 * ```ts
 * const opt = tf.train.momentum(0.1, 0.9);
 * const h = hyperParams(opt);
 * h.set({ lr: 0.05, mom: 0.85 }); // the next opt.minimize uses both
 * ```
 */
export function hyperParams(optimizer: tf.Optimizer): HyperHandle {
  if (typeof optimizer !== 'object' || optimizer === null || typeof Reflect.get(optimizer, 'getClassName') !== 'function') {
    throw new HyperParamError(`hyperParams needs a tf.Optimizer, got ${describeValue(optimizer)}`);
  }
  if (optimizer instanceof SGDW || optimizer instanceof AdamW) return ownHandle(optimizer);
  // tf.Optimizer's instanceof is duck-typed (true for every optimizer), so dispatch on className.
  const kind = optimizer.getClassName();
  if (kind === 'Momentum' && optimizer instanceof tf.MomentumOptimizer) return momentumHandle(optimizer);
  if (kind === 'SGD' && optimizer instanceof tf.SGDOptimizer) return sgdHandle(optimizer);
  if (kind === 'Adam') return fieldHandle(optimizer, 'tf.train.adam', 'beta1', 'accBeta1');
  if (kind === 'Adamax') return fieldHandle(optimizer, 'tf.train.adamax', 'beta1', 'accBeta1');
  if (kind === 'RMSProp') return fieldHandle(optimizer, 'tf.train.rmsprop', 'momentum', undefined);
  if (kind === 'Adagrad') return fieldHandle(optimizer, 'tf.train.adagrad', undefined, undefined);
  if (kind === 'Adadelta') return fieldHandle(optimizer, 'tf.train.adadelta', undefined, undefined);
  throw new HyperParamError(`optimizer ${kind} is not supported by hyperParams (${SUPPORTED})`);
}
