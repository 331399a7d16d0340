import type { HyperHandle } from '@onecycle/optim';
import { hyperParams } from '@onecycle/optim';
import type * as tf from '@tensorflow/tfjs-core';
import { LrFinderError } from './errors';
import type { ResolvedLrFinderOptions } from './lrFinderOptions';

/**
 * `hyperParams(optimizer)`, with an unsupported optimizer reported as an LrFinderError.
 *
 * @param optimizer - the optimizer to drive.
 * @returns its hyper-parameter handle.
 * @throws LrFinderError (with `cause`) when `@onecycle/callbacks` cannot drive this optimizer.
 */
export function finderHyper(optimizer: tf.Optimizer): HyperHandle {
  try {
    return hyperParams(optimizer);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new LrFinderError(`the LR finder cannot set the learning rate of this optimizer: ${why}`, { cause: e });
  }
}

/**
 * Checks that the optimizer behind `hyper` has the momentum / weight decay the options ask for.
 *
 * @param opts - resolved options.
 * @throws LrFinderError when `mom` or `wd` is set but the optimizer has no such hyper-parameter.
 */
export function checkHyperSupport(hyper: HyperHandle, opts: Pick<ResolvedLrFinderOptions, 'mom' | 'wd'>): void {
  const h = hyper.get();
  if (opts.mom !== undefined && h.mom === undefined) {
    throw new LrFinderError(`mom ${opts.mom} was given, but the optimizer has no momentum/beta1: use a momentum, Adam-like, sgdw or adamw optimizer`);
  }
  if (opts.wd !== undefined && h.wd === undefined) {
    throw new LrFinderError(`wd ${opts.wd} was given, but the optimizer has no weight decay: compile the model with sgdw() or adamw() from @onecycle/optim`);
  }
}
