#!/usr/bin/env node
// Smith's Table 1 design (arXiv 1803.09820), scaled to a CPU: Fashion-MNIST, MLP 784-256-128-10
// with batch norm, a fixed 6,000-image training subset, the whole 10,000-image test set.
//   (a) 1cycle LR 0.08 -> 0.8 with cyclical momentum 0.95 -> 0.85   configs/a-1cycle-cm.json
//   (b) the same LR with constant momentum 0.9                       configs/b-1cycle-mom09.json
//   (c) a constant LR from the LR finder, momentum 0.9                configs/c-constant-lr.json
//   (d) (c) continued to 4x the epoch budget: with a constant schedule, epoch k of a 4x run is
//       exactly epoch k of a shorter run, so (c) is read at the budget epoch of the same run.
//   (e) a check on (c)'s LR: constant LR 0.1 (Smith's constant-LR value), momentum 0.9, budget epochs
// The runs are one sweep (@onecycle/sweep: the variants x the seeds) whose runner is the built
// cli's `train` run, in --workers processes (default: one per core); this script makes the data
// subset, runs the LR finder once, runs the sweep and aggregates. out/…/sweep holds the sweep's
// results.json, summary.md and report.html, and each run's folder.
//
//   node tools/experiments/superconvergence/run.mjs [--full] [--seeds 0,1,2,3,4] [--quick] [--resume] [--lr <value>] [--workers N]
//
// Writes docs/results/superconvergence.{json,md}, docs/images/replication-superconvergence.png,
// docs/images/replication-lr-find.png and the generated section of docs/replication.md.
// --full: the same design at full size on the wasm backend: all 60,000 training images in their
// file order (each run shuffles them with its own seed, so runs with the same seed see the same
// order), a 5-epoch budget, (d) to 20 epochs; everything is written under the name
// superconvergence-full instead.
// --resume: reuse the finder's answer and the sweep's complete runs (the sweep must be unchanged).
// --quick: a tiny budget (512 images, 1-epoch budget, one seed) into out/ only, to test the pipeline.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  ROOT, accuracyByEpoch, experimentLog, machineInfo, parseSeeds, parseWorkers, readRunEntry, replaceSection, requireTrainCommand, runVariantSweep, writeFileAtomic,
} from '../lib/common.mjs';
import { locateFashionMnist } from '@onecycle/datasets';
import { fashionMnistSubset } from '../lib/idxSubset.mjs';
import { findConstantLr } from './lrFinder.mjs';
import { summarize, markdownReport, chartRuns } from './summarize.mjs';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    lr: { type: 'string' },
    'data-dir': { type: 'string' },
    workers: { type: 'string' },
  },
});
const here = import.meta.dirname;
const workers = parseWorkers(args.workers);
const seeds = parseSeeds(args.seeds, args.quick ? '0' : '0,1,2,3,4');

// ---- the plan (the committed configs hold the rest: model, batch size, optimizer, schedules) ----
const FULL = args.full;
const NAME = FULL ? 'superconvergence-full' : 'superconvergence';
// full: every training image; else the first SUBSET of seededPermutation(60000, SUBSET_SEED)
const SUBSET = args.quick ? 512 : FULL ? 60000 : 6000;
const SUBSET_SEED = 1803; // arXiv 1803.09820
const BUDGET = args.quick ? 1 : FULL ? 5 : 4; // epochs of (a), (b), (c)
const CONTINUE = 4; // (d) runs CONTINUE x BUDGET epochs
// the subset study stays on the pure-JS backend it was run with; the full one needs wasm's speed
const BACKEND = FULL ? 'wasm' : 'cpu';
const outDir = path.join(ROOT, 'out/experiments', args.quick ? `${NAME}-quick` : NAME);
const dataDir = path.join(ROOT, 'out/experiments/superconvergence', args.quick ? (FULL ? 'data-quick-full' : 'data-quick') : 'data');

requireTrainCommand();
const readConfig = (name) => JSON.parse(fs.readFileSync(path.join(here, 'configs', name), 'utf8'));
const base = {
  a: readConfig('a-1cycle-cm.json'), b: readConfig('b-1cycle-mom09.json'), c: readConfig('c-constant-lr.json'), e: readConfig('e-constant-lr-0.1.json'),
  f: readConfig('f-constant-lr-0.05.json'),
};
// (f) was added to the full study after (c)/(d) ran: a second sweep, so the first one's plan is unchanged
const CHECKS = FULL ? ['f'] : [];
for (const k of ['a', 'b']) {
  if (base[k].schedule.fit.cycleLen !== 4 || base.c.epochs !== 16 || base.e.epochs !== 4) throw new Error('the configs and BUDGET disagree: (a)/(b) cycleLen must be 4, (c) epochs 16, (e) epochs 4');
}

const t0 = performance.now();
const { say, log } = experimentLog(outDir, args.resume);

let subset;
let trainDir;
if (FULL && !args.quick) {
  const train = locateFashionMnist('train', args['data-dir']);
  trainDir = path.dirname(train.images);
  subset = { dataset: 'fashion-mnist', split: 'train', count: 60000, how: `all 60,000 training images (${trainDir})`, source: args['data-dir'] ?? 'debian' };
  say(`training set: all 60,000 images in ${trainDir}`);
} else {
  say(`subset: ${SUBSET} training images -> ${path.relative(ROOT, dataDir)}`);
  subset = await fashionMnistSubset(dataDir, { count: SUBSET, seed: SUBSET_SEED, dataDir: args['data-dir'] });
  trainDir = dataDir;
}

// ---- (c)'s LR: the LR finder once, on the same subset, model, batch size and optimizer ----
let finder;
if (args.lr !== undefined) {
  finder = { rule: 'given with --lr', lr: Number(args.lr) };
  if (!(finder.lr > 0)) throw new Error(`--lr must be a positive number, got '${args.lr}'`);
} else if (args.resume && fs.existsSync(path.join(outDir, 'lr-finder.json'))) {
  finder = JSON.parse(fs.readFileSync(path.join(outDir, 'lr-finder.json'), 'utf8'));
  say(`LR finder: reusing ${path.relative(ROOT, path.join(outDir, 'lr-finder.json'))} -> constant LR ${finder.lr}`);
} else {
  say('LR finder: fastai v2 defaults (1e-7 -> 10, 100 iterations, exponential), rule: valley');
  finder = await findConstantLr({
    dataDir: trainDir, config: base.c, seed: 0, backend: BACKEND,
    chart: args.quick ? path.join(outDir, 'lr-find.png') : path.join(ROOT, `docs/images/replication-lr-find${FULL ? '-full' : ''}.png`),
  });
  await writeFileAtomic(path.join(outDir, 'lr-finder.json'), JSON.stringify(finder, null, 2) + '\n');
  say(`LR finder: valley ${finder.suggestions.valley}, minimum ${finder.suggestions.minimum}, steep ${finder.suggestions.steep} -> constant LR ${finder.lr} (${finder.seconds.toFixed(1)} s)`);
}

function planned(variant, seed) {
  const c = JSON.parse(JSON.stringify(base[variant]));
  c.dataDir = trainDir;
  c.seed = seed;
  if (variant === 'c') {
    c.schedule.lr = finder.lr;
    c.epochs = BUDGET * CONTINUE;
  } else if (variant === 'f') {
    c.epochs = BUDGET * CONTINUE;
  } else if (variant === 'e') {
    c.epochs = BUDGET;
  } else {
    c.schedule.fit.cycleLen = BUDGET;
  }
  return c;
}

/** With --resume, the wall time an earlier invocation recorded for the same runs of `variants`. */
function previousWallSeconds(variants, field) {
  const file = path.join(args.quick ? outDir : path.join(ROOT, 'docs/results'), `${NAME}.json`);
  if (!args.resume || !fs.existsSync(file)) return undefined;
  const old = JSON.parse(fs.readFileSync(file, 'utf8'));
  const key = (rs) => rs.filter((r) => variants.includes(r.variant)).map((r) => `${r.variant}/${r.seed}/${r.trainSeconds}`).sort().join(',');
  return key(old.runs ?? []) === key(runs) ? (old[field] ?? (field === 'runsWallSeconds' ? old.wallSeconds : undefined)) : undefined;
}

// ---- the runs: one sweep (a, b, c, e x the seeds) through @onecycle/sweep, in --workers processes ----
const runs = [];
const results = () => ({
  version: 1,
  experiment: NAME,
  quick: args.quick,
  full: FULL,
  date: new Date().toISOString(),
  machine: machineInfo(),
  command: `node tools/experiments/superconvergence/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  plan: {
    dataset: 'Fashion-MNIST (Debian dataset-fashion-mnist)',
    trainSubset: subset,
    test: 'the whole 10,000-image test set, evaluated after every epoch',
    batchSize: base.a.batchSize,
    backend: BACKEND,
    budgetEpochs: BUDGET,
    continuedEpochs: BUDGET * CONTINUE,
    seeds,
    seedMeans: FULL
      ? 'the run seed sets weight init and the per-epoch shuffle, so runs with the same seed share both'
      : 'the run seed sets weight init and the per-epoch shuffle; the training subset is the same for every run',
  },
  lrFinder: finder,
  runs,
  summary: summarize(runs, BUDGET),
  wallSeconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
  resumed: args.resume,
  // the wall time of the invocation that trained the runs, kept when --resume only re-aggregates them
  runsWallSeconds: previousWallSeconds(['a', 'b', 'c', 'e'], 'runsWallSeconds') ?? mainSweepSeconds,
  ...(CHECKS.length === 0 ? {} : { checksWallSeconds: previousWallSeconds(CHECKS, 'checksWallSeconds') ?? checksSweepSeconds }),
  runSecondsTotal: Number(runs.reduce((a, r) => a + (r.trainSeconds ?? 0), 0).toFixed(1)),
});

const main = await runVariantSweep({
  backend: BACKEND,
  description: `Smith Table 1 ${FULL ? 'at full size (60,000 images)' : 'scaled down'}: (a) 1cycle + cyclical momentum, (b) 1cycle + momentum 0.9, (c)/(d) constant LR from the finder, (e) constant LR 0.1`,
  outDir: path.join(outDir, 'sweep'), variants: ['a', 'b', 'c', 'e'].map((v) => [v, planned(v, 0)]), seeds, workers, resume: args.resume, say,
});
// the whole invocation up to the end of the first sweep (data, finder, sweep): what a fresh run takes
const mainSweepSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
const tChecks = performance.now();
const checks = CHECKS.length === 0 ? undefined : await runVariantSweep({
  backend: BACKEND,
  description: 'Smith Table 1 at full size, a check added after (c)/(d) ran: (f) constant LR 0.05 (the PyTorch reference run\'s), momentum 0.9',
  outDir: path.join(outDir, 'sweep-checks'), variants: CHECKS.map((v) => [v, planned(v, 0)]), seeds, workers, resume: args.resume, say,
});
const checksSweepSeconds = Number(((performance.now() - tChecks) / 1000).toFixed(1));
const sweepOf = (variant) => (CHECKS.includes(variant) ? checks : main);
const recordOf = (variant, seed) => sweepOf(variant).recordOf(variant, seed);
const runDirOf = (variant, seed) => sweepOf(variant).runDirOf(variant, seed);
for (const seed of seeds) {
  for (const variant of ['a', 'b', 'c', 'e', ...CHECKS]) {
    const { entry } = readRunEntry({ variant, seed, config: planned(variant, seed), record: recordOf(variant, seed), runDir: runDirOf(variant, seed) });
    say(entry.error === undefined ? `${variant} seed ${seed}: test accuracy by epoch ${accuracyByEpoch(entry)} (${entry.trainSeconds} s)` : `${variant} seed ${seed}: FAILED ${entry.error}`);
    runs.push(entry);
  }
}

// ---- aggregate: JSON, Markdown, chart, the generated section of docs/replication.md ----
const final = results();
const md = markdownReport(final);
const resultsDir = args.quick ? outDir : path.join(ROOT, 'docs/results');
await writeFileAtomic(path.join(resultsDir, `${NAME}.json`), JSON.stringify(final, null, 2) + '\n');
await writeFileAtomic(path.join(resultsDir, `${NAME}.md`), md);
const { compareChart, saveChart } = await import('@onecycle/viz');
const chartFile = args.quick ? path.join(outDir, `${NAME}.png`) : path.join(ROOT, `docs/images/replication-${NAME}.png`);
await saveChart(compareChart(chartRuns(final), {
  metric: 'test accuracy (%)',
  title: `Fashion-MNIST, MLP 784-256-128-10 + BN, ${SUBSET.toLocaleString('en-US')} train images, ${BACKEND}, mean ± std of ${seeds.length} seeds`,
  width: 720,
  height: 360,
}), chartFile);
if (!args.quick && !(await replaceSection(path.join(ROOT, 'docs/replication.md'), NAME, md.replace(/^# .*\n+/, '')))) {
  console.log(`docs/replication.md has no <!-- ${NAME}:begin/end --> markers: paste docs/results/${NAME}.md by hand`);
}
console.log(`\n${md}`);
say(`wrote ${[path.join(resultsDir, `${NAME}.json`), path.join(resultsDir, `${NAME}.md`), chartFile].map((f) => path.relative(ROOT, f)).join(', ')} in ${final.wallSeconds} s`);
log.end();
process.exitCode = runs.every((r) => r.error === undefined) ? 0 : 1;
