import { describeValue } from '@onecycle/core-schedules';
import type * as tf from '@tensorflow/tfjs-core';
import type { FindLrInput } from './findLrInput';
import { checkInput } from './findLrInput';
import { LrFinderError } from './errors';
import type { FindLrOptions } from './findLr';
import { findLr } from './findLr';
import { checkHyperSupport, finderHyper } from './checkHyperSupport';
import { resolveLrFinderOptions } from './lrFinderOptions';
import type { SweepResult } from '@onecycle/core-schedules';

/** Options of {@link sweep}. */
export interface SweepOptions extends FindLrOptions {
  /** The hyper-parameter to vary. */
  param: 'mom' | 'wd';
  /** Its values, one range test each. */
  values: number[];
}

/**
 * Smith's momentum and weight-decay tests (arXiv 1803.09820 §4.3–4.4): one LR range test per
 * value of `param`, all from the same starting weights (each test restores them), returned
 * together for one chart. `wd` needs an optimizer with weight decay (`sgdw`/`adamw` from
 * `@onecycle/optim`); `mom` one with momentum or beta1.
 *
 * @param input - as for {@link findLr}.
 * @param opts - finder options plus `param` and `values`.
 * @returns one result per value, in the given order.
 * @throws LrFinderError before any training when values are empty or invalid, or the optimizer cannot take `param`.
 * @example
 * ```ts
 * const s = await sweep({ model, x, y }, { param: 'mom', values: [0.85, 0.9, 0.95, 0.99] });
 * ```
 */
export async function sweep<T extends tf.TensorContainer>(input: FindLrInput<T>, opts: SweepOptions): Promise<SweepResult> {
  const { param, values, ...rest } = opts;
  if (param !== 'mom' && param !== 'wd') throw new LrFinderError(`param must be 'mom' or 'wd', got ${describeValue(param)}`);
  if (!Array.isArray(values) || values.length === 0) throw new LrFinderError('values must be a non-empty array of numbers');
  const withValue = (value: number): FindLrOptions => (param === 'mom' ? { ...rest, mom: value } : { ...rest, wd: value });
  for (const value of values) resolveLrFinderOptions(withValue(value));
  await checkInput(input);
  const probe = values[0] ?? 0;
  checkHyperSupport(finderHyper(input.model.optimizer), param === 'mom' ? { mom: probe, wd: undefined } : { mom: undefined, wd: probe });
  const runs: SweepResult['runs'] = [];
  for (const value of values) runs.push({ value, result: await findLr(input, withValue(value)) });
  return { param, runs };
}
