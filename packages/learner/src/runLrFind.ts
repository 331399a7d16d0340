import { snapshotWeights } from '@onecycle/callbacks';
import type { WeightSnapshot } from '@onecycle/callbacks';
import { LRFinder, combineRepeats } from '@onecycle/lr-finder';
import type { LrFinderOptions, LrFindResult } from '@onecycle/lr-finder';
import { LearnerOptionError } from './errors';
import { runLoop } from './runLoop';
import type { LoopCore } from './runLoop';

/**
 * Runs `@onecycle/lr-finder`'s `LRFinder` (Smith's range test, fastai `lr_find`/`lr_find2`) in the
 * learner's loop, `repeats` times from the same weights with different data orders. The finder
 * snapshots the model and the last group's optimizer; the other groups' optimizers and the shuffle
 * RNG are kept and restored here, so the learner is left exactly as it was.
 *
 * @param core - the learner's loop parts
 * @param batchesPerEpoch - batches in one epoch (the test wraps around the data as needed)
 * @param opts - finder options and `repeats` (1)
 * @returns one result, or the repeats combined by lr-finder's `combineRepeats`
 */
export async function runLrFind(core: LoopCore, batchesPerEpoch: number, opts: LrFinderOptions & { repeats?: number }): Promise<LrFindResult> {
  const { repeats = 1, ...finderOpts } = opts;
  if (!Number.isInteger(repeats) || repeats < 1) throw new LearnerOptionError(`repeats must be an integer >= 1, got ${repeats}`);
  const groups = core.model.groups;
  const rngState = core.rng.state;
  const snaps: WeightSnapshot[] = [];
  const runs: LrFindResult[] = [];
  try {
    for (let g = 0; g < core.optimizers.length - 1; g++) {
      const opt = core.optimizers[g];
      const vars = groups[g];
      if (opt !== undefined && vars !== undefined) snaps.push(await snapshotWeights(vars, opt));
    }
    core.hyper.setScales(groups.map(() => 1), groups.map(() => 1));
    for (let r = 0; r < repeats; r++) {
      const finder = new LRFinder(finderOpts);
      await runLoop(core, {
        callbacks: [finder],
        numEpochs: Math.ceil(finder.options.numIt / batchesPerEpoch) + 1,
        batchesPerEpoch,
        start: undefined,
        validate: false,
        onPosition: () => undefined,
      });
      runs.push(finder.result());
      for (const s of snaps) await s.restore();
    }
  } finally {
    for (const s of snaps) {
      await s.restore();
      s.dispose();
    }
    core.rng.state = rngState;
  }
  const [only] = runs;
  return runs.length === 1 && only !== undefined ? only : combineRepeats(runs);
}
