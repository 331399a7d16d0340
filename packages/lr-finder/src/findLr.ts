import type * as tf from '@tensorflow/tfjs-core';
import { CallbackBus, toTfjsCallback } from '@onecycle/callbacks';
import { LrFinderError } from './errors';
import type { FindLrInput } from './findLrInput';
import { checkInput, limitedDataset, validBatchLoss } from './findLrInput';
import { reshuffledBatches } from './reshuffledBatches';
import { checkHyperSupport, finderHyper } from './checkHyperSupport';
import { LRFinder } from './lrFinder';
import { describeValue, rejectUnknownKeys } from '@onecycle/core-schedules';
import type { LrFinderOptions } from './lrFinderOptions';
import { LR_FINDER_OPTION_NAMES, resolveLrFinderOptions } from './lrFinderOptions';
import { combineRepeats } from './combineRepeats';
import type { LrFindResult } from '@onecycle/core-schedules';

/** Options of {@link findLr}. */
export interface FindLrOptions extends LrFinderOptions {
  /** Run the test this many times from the same start with different data orders. @default 1 */
  repeats?: number;
  /** Seed of the data order; run r uses `seed + r`. @default 0 */
  seed?: number;
}

async function runOnce<T extends tf.TensorContainer>(input: FindLrInput<T>, opts: LrFinderOptions, seed: number, run: number): Promise<LrFindResult> {
  const { model } = input;
  const optimizer = model.optimizer;
  const finder = new LRFinder(opts);
  const numIt = finder.options.numIt;
  const bs = input.batchSize ?? 32;
  const v = input.validationData;
  const bus = new CallbackBus([finder], {
    model,
    optimizer,
    hyper: finderHyper(optimizer),
    validBatchLoss: v === undefined ? undefined : validBatchLoss(model, v[0], v[1], bs),
  });
  const callbacks = [toTfjsCallback(bus)];
  try {
    if ('x' in input) {
      await model.fitDataset(reshuffledBatches(input.x, input.y, bs, numIt, seed), { epochs: 1, verbose: 0, callbacks });
    } else {
      const data = limitedDataset(input.dataset, numIt, run === 0 ? undefined : seed);
      try {
        await model.fitDataset(data.dataset, { epochs: 1, verbose: 0, callbacks });
      } finally {
        data.close();
      }
      const failure = data.failure();
      if (failure !== undefined) throw failure.error;
    }
  } finally {
    await finder.cleanup();
  }
  return finder.result();
}

/**
 * Runs Leslie Smith's LR range test on any compiled `tf.LayersModel` through `model.fitDataset`,
 * driving the model's own optimizer with its compiled loss. `numIt` counts iterations: the data
 * wraps around as often as needed (tensors: reshuffled, seeded, at every pass over the rows, as
 * fastai's DataLoader; a dataset: restarted). The model's weights,
 * optimizer state and hyper-parameters are restored afterwards, also on divergence or error.
 *
 * With `repeats: n` the test runs n times from the same weights with different seeded data
 * orders (tensor input: the orders start from `seed + r`; dataset input: run 0 in the dataset's own
 * order, later runs through a seeded shuffle buffer); see {@link combineRepeats}.
 *
 * @param input - `{ model, x, y, batchSize? }` or `{ model, dataset }`, optional `validationData`.
 * @param opts - finder options plus `repeats` (1) and `seed` (0).
 * @returns the curve, stop reason and suggestions.
 * @throws LrFinderError before any training for bad options, an uncompiled model or empty data.
 * @example
 * ```ts
 * model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
 * const r = await findLr({ model, x, y, batchSize: 64 });
 * console.log(r.stopReason, r.suggestions.valley);
 * ```
 */
export async function findLr<T extends tf.TensorContainer>(input: FindLrInput<T>, opts: FindLrOptions = {}): Promise<LrFindResult> {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw new LrFinderError(`findLr options must be an object, got ${describeValue(opts)}`);
  rejectUnknownKeys(opts, [...LR_FINDER_OPTION_NAMES, 'repeats', 'seed'], { what: 'an option of findLr', listLabel: 'options' }, (m) => new LrFinderError(m));
  const { repeats = 1, seed = 0, ...finderOpts } = opts;
  const resolved = resolveLrFinderOptions(finderOpts);
  if (typeof repeats !== 'number' || !Number.isSafeInteger(repeats) || repeats < 1) throw new LrFinderError(`repeats must be an integer >= 1, got ${describeValue(repeats)}`);
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new LrFinderError(`seed must be an integer, got ${describeValue(seed)}`);
  await checkInput(input);
  checkHyperSupport(finderHyper(input.model.optimizer), resolved);
  if (resolved.validLoss && input.validationData === undefined) {
    throw new LrFinderError('validLoss is true but no validationData was given: pass validationData: [x, y]');
  }
  const runs: LrFindResult[] = [];
  for (let r = 0; r < repeats; r++) runs.push(await runOnce(input, finderOpts, seed + r, r));
  const [only] = runs;
  if (repeats === 1 && only !== undefined) return only;
  return combineRepeats(runs);
}
