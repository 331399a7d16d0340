// The LR range test that picks (c)'s constant LR: run once, in process, through the same pieces
// `onecycle train` uses (the zoo's model, the data subset folder, sgdw with the config's momentum
// and weight decay, the Learner), with fastai v2's lr_find defaults; the rule is `valley`.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { sgdw } from '@onecycle/optim';
import { datasetToTensors, loadFashionMnist } from '@onecycle/datasets';
import { Learner, initBackend } from '@onecycle/learner';
import { lrFinderChart, saveChart } from '@onecycle/viz';
import { buildModel } from '@onecycle/zoo';

/** Rounds to 2 significant digits, as one reads an LR off the finder's plot. */
const twoDigits = (x) => Number(x.toPrecision(2));

/**
 * @param opts.dataDir - the subset folder (train-*, t10k-* IDX files)
 * @param opts.config - (c)'s config: model, batchSize, optimizer
 * @param opts.seed - model init and shuffle seed of the finder run
 * @param opts.chart - where to save the finder's chart (PNG)
 * @param opts.backend - the tfjs backend the runs use (default 'cpu')
 * @returns what was done and the LR picked
 */
export async function findConstantLr({ dataDir, config, seed, chart, backend = 'cpu' }) {
  await initBackend(backend);
  const ds = await loadFashionMnist('train', { dataDir });
  const { x, y } = datasetToTensors(ds, { layout: 'flat' });
  const model = buildModel(config.model, { inputShape: [ds.rows * ds.cols * ds.channels], numClasses: ds.numClasses, seed });
  const { momentum = 0.9, weightDecay = 0 } = config.optimizer;
  const learner = new Learner({
    model, data: { train: { x, y, batchSize: config.batchSize } }, loss: 'categoricalCrossentropy',
    optimizer: () => sgdw({ lr: 1e-3, momentum, weightDecay }), seed, progress: false,
  });
  const options = { startLr: 1e-7, endLr: 10, numIt: 100, mode: 'exp' };
  const t0 = performance.now();
  try {
    const r = await learner.lrFind(options);
    const seconds = (performance.now() - t0) / 1000;
    await saveChart(lrFinderChart(r), chart);
    const valley = r.suggestions.valley;
    if (valley === null) throw new Error('the LR finder found no valley (the loss never fell): cannot pick a constant LR');
    return {
      rule: 'fastai v2 valley suggestion of one LR range test, rounded to 2 significant digits',
      lr: twoDigits(valley),
      options: { ...options, batchSize: config.batchSize, momentum, weightDecay, seed, images: ds.count, backend: tf.getBackend() },
      suggestions: r.suggestions,
      stopReason: r.stopReason,
      iterations: r.iterations,
      seconds,
    };
  } finally {
    learner.dispose();
    model.dispose();
    tf.dispose([x, y]);
  }
}
