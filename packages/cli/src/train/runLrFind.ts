import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LrFinderOptions, LrFindResult } from '@onecycle/lr-finder';
import { lrFinderChart } from '@onecycle/viz';
import type { RunTrainingOptions } from './runTraining';
import { withRunLearner } from './runTraining';
import type { TrainConfig } from './trainConfig';
import { writeCharts } from './writeCharts';
import { writeJsonAtomic } from '@onecycle/atomic-write';

/** What {@link runLrFind} produced. */
export interface LrFindOutcome {
  /** The range test: curve, suggestions, stop reason (also in `lr-find.json`). */
  result: LrFindResult;
  /** Training samples the test drew batches from. */
  trainSamples: number;
  /** Paths of the files written. */
  files: string[];
}

/**
 * Runs the LR range test (fastai's `lr_find`) for the model, data, optimizer and seed a `train`
 * config describes — before training it, to choose the peak LR — and writes `lr-find.json` (the
 * result) and the `lr-find` chart (SVG and PNG) into `outDir`. The model is left untouched.
 *
 * @param config - a validated config (its schedule is not used)
 * @param opts - output folder, stream, data folder, progress; `finder`: the range-test options
 * @returns the result and the files written
 * @throws DatasetError for data problems; LrFinderError for bad finder options
 * @example
 * ```ts
 * const { result } = await runLrFind(parseTrainConfig(json), { outDir: 'out', stdout: process.stdout, finder: { numIt: 200 } });
 * ```
 */
export async function runLrFind(
  config: TrainConfig,
  opts: Pick<RunTrainingOptions, 'outDir' | 'stdout' | 'dataDir' | 'progress'> & { finder?: LrFinderOptions & { repeats?: number } },
): Promise<LrFindOutcome> {
  return withRunLearner(config, { ...opts, progress: false }, async ({ learner, data }) => {
    const result = await learner.lrFind(opts.finder ?? {});
    await mkdir(opts.outDir, { recursive: true });
    const file = path.join(opts.outDir, 'lr-find.json');
    await writeJsonAtomic(file, result);
    // a test stopped early may have fewer points than fastai's plot leaves out (10 + 5): draw them all then
    const short = result.iterations < result.skipStart + result.skipEnd + 2;
    const title = `LR range test: ${config.model.name} on ${config.dataset} (${data.trainCount} samples), batch ${config.batchSize}, ${config.optimizer.name}`;
    const charts = await writeCharts(opts.outDir, [['lr-find', lrFinderChart(result, { title, ...(short ? { skipStart: 0, skipEnd: 0 } : {}) })]]);
    return { result, trainSamples: data.trainCount, files: [file, ...charts] };
  });
}
