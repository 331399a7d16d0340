#!/usr/bin/env node
// Smith's momentum experiment (arXiv 1803.09820, §4.3 and its momentum figures), scaled to a CPU
// like tools/experiments/superconvergence: Fashion-MNIST, MLP 784-256-128-10 + batch norm, the
// same fixed 6,000-image training subset (seed 1803), the whole test set, batch 128, sgdw with
// decoupled weight decay 1e-4, a 4-epoch budget. Every variant has the same 1cycle LR (fastai 0.7
// use_clr_beta: LR 0.8, div 10, pct 10, cycle_len 4); only the momentum differs:
//   (m1) cyclical 0.95 -> 0.85 (superconvergence (a))   (m2) cyclical 0.99 -> 0.9
//   (m3) constant 0.85   (m4) constant 0.9 (superconvergence (b))   (m5) constant 0.95   (m6) constant 0.99
//   (m7) increasing 0.85 -> 0.95 while the LR rises (a `phases` spec whose LR is checked to equal
//        m1's fastaiClrBeta LR at every step before anything runs)
// The runs are one sweep (@onecycle/sweep, the variants x the seeds) whose runner is the built
// cli's `train` run, in --workers processes (default: one per core); out/…/sweep holds the sweep's
// results.json, summary.md and report.html, and each run's folder.
//
//   node tools/experiments/momentum/run.mjs [--seeds 0,1,2] [--quick] [--resume] [--workers N]
//
// Writes docs/results/momentum.{json,md}, docs/images/replication-momentum.png,
// docs/images/replication-momentum-schedules.png and the momentum section of docs/replication.md.
// --resume: keep the sweep's complete runs (the sweep must be unchanged) and run the others.
// --quick: a tiny budget (512 images, 1-epoch budget, one seed) into out/ only, to test the pipeline.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  ROOT, accuracyByEpoch, experimentLog, machineInfo, parseSeeds, parseWorkers, readRunEntry, replaceSection, requireTrainCommand, runVariantSweep, writeFileAtomic,
} from '../lib/common.mjs';
import { fashionMnistSubset } from '../lib/idxSubset.mjs';
import { VARIANTS, DIV, PCT, LR, checkIncreasing, clrBetaSpec, increasingSpec } from './variants.mjs';
import { summarize, markdownReport, chartRuns, checkRecorded, highLrLoss } from './summarize.mjs';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    only: { type: 'string' },
    'data-dir': { type: 'string' },
    workers: { type: 'string' },
  },
});
const here = import.meta.dirname;
const workers = parseWorkers(args.workers);
const seeds = parseSeeds(args.seeds, args.quick ? '0' : '0,1,2');
const variants = args.only === undefined ? VARIANTS : VARIANTS.filter((v) => args.only.split(',').includes(v.id));
if (variants.length === 0) throw new Error(`--only must name variants among ${VARIANTS.map((v) => v.id).join(', ')}, got '${args.only}'`);

const SUBSET = args.quick ? 512 : 6000;
const SUBSET_SEED = 1803; // arXiv 1803.09820, as superconvergence
const BUDGET = args.quick ? 1 : 4;
const outDir = path.join(ROOT, args.quick ? 'out/experiments/momentum-quick' : 'out/experiments/momentum');
const dataDir = path.join(outDir, 'data');

requireTrainCommand();
const base = JSON.parse(fs.readFileSync(path.join(here, '../superconvergence/configs/a-1cycle-cm.json'), 'utf8'));
const BATCHES = Math.ceil(SUBSET / base.batchSize); // the CLI keeps the last partial batch
const NB = BATCHES * BUDGET; // one cycle over the budget

// ---- (m7)'s schedule: its LR must be m1's fastaiClrBeta LR at every step ----
const m7 = VARIANTS.find((v) => v.id === 'm7');
const lrCheck = checkIncreasing(NB, m7.lowMom, m7.highMom);

const t0 = performance.now();
const { say, log } = experimentLog(outDir, args.resume);
say(`(m7) phases LR vs fastaiClrBeta LR over ${lrCheck.steps} steps: max |diff| ${lrCheck.maxLrDiff.toExponential(2)} (lr), ${lrCheck.maxMomDiff.toExponential(2)} (mirrored mom) -> ok`);
say(`subset: ${SUBSET} training images -> ${path.relative(ROOT, dataDir)}`);
const subset = await fashionMnistSubset(dataDir, { count: SUBSET, seed: SUBSET_SEED, dataDir: args['data-dir'] });

function planned(v, seed) {
  const c = JSON.parse(JSON.stringify(base));
  c.description = `(${v.id}) 1cycle LR ${LR / DIV} -> ${LR} -> ${LR / DIV} -> ${(LR / DIV) * 0.01} (use_clr_beta div ${DIV}, pct ${PCT}), momentum ${v.label}`;
  c.dataDir = dataDir;
  c.seed = seed;
  if (v.kind === 'clrBeta') {
    c.schedule = { fit: { lr: LR, nCycle: 1, cycleLen: BUDGET, useClrBeta: [DIV, PCT, v.maxMom, v.minMom] } };
  } else if (v.kind === 'constant') {
    c.optimizer.momentum = v.mom;
    c.schedule = { fit: { lr: LR, nCycle: 1, cycleLen: BUDGET, useClrBeta: [DIV, PCT] } };
  } else {
    c.epochs = BUDGET;
    c.schedule = increasingSpec(NB, v.lowMom, v.highMom);
  }
  return c;
}

/** The LR and momentum each variant should have at step k (to check the recorder against). */
function expected(v) {
  const lrOf = clrBetaSpec(NB, 0.95, 0.85);
  if (v.kind === 'clrBeta') return clrBetaSpec(NB, v.maxMom, v.minMom);
  if (v.kind === 'constant') return { ...lrOf, maxMom: v.mom, minMom: v.mom };
  return increasingSpec(NB, v.lowMom, v.highMom);
}

const runs = [];
const results = () => ({
  version: 1,
  experiment: 'momentum',
  quick: args.quick,
  date: new Date().toISOString(),
  machine: machineInfo(),
  command: `node tools/experiments/momentum/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  plan: {
    dataset: 'Fashion-MNIST (Debian dataset-fashion-mnist)',
    trainSubset: subset,
    test: 'the whole 10,000-image test set, evaluated after every epoch',
    model: base.model,
    batchSize: base.batchSize,
    optimizer: base.optimizer,
    batchesPerEpoch: BATCHES,
    budgetEpochs: BUDGET,
    lr: `fastai 0.7 use_clr_beta: lr ${LR}, div ${DIV}, pct ${PCT}, one cycle of ${NB} batches`,
    seeds,
    seedMeans: 'the run seed sets weight init and the per-epoch shuffle; the training subset is the same for every run',
    variants: variants.map((v) => ({ ...v })),
    m7LrCheck: lrCheck,
  },
  runs,
  summary: summarize(runs, variants, BUDGET),
  wallSeconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
  runSecondsTotal: Number(runs.reduce((a, r) => a + (r.trainSeconds ?? 0), 0).toFixed(1)),
});

// ---- the runs: one sweep (a named variant per momentum schedule x the seeds) through @onecycle/sweep ----
const { recordOf, runDirOf } = await runVariantSweep({
  description: `Momentum with the same 1cycle LR (${variants.map((v) => v.id).join(', ')})`,
  outDir: path.join(outDir, 'sweep'), variants: variants.map((v) => [v.id, planned(v, 0)]), seeds, workers, resume: args.resume, say,
});

for (const seed of seeds) {
  for (const v of variants) {
    const runDir = runDirOf(v.id, seed);
    const { entry, history: h } = readRunEntry({ variant: v.id, seed, config: planned(v, seed), record: recordOf(v.id, seed), runDir });
    if (h !== null) {
      if (h.batchesPerEpoch !== BATCHES) throw new Error(`${v.id} seed ${seed}: the CLI ran ${h.batchesPerEpoch} batches per epoch, the plan assumed ${BATCHES}`);
      const recorderFile = path.join(runDir, 'recorder.json');
      const recorder = fs.existsSync(recorderFile) ? JSON.parse(fs.readFileSync(recorderFile, 'utf8')) : null;
      const recorded = recorder === null ? null : checkRecorded(recorder, expected(v));
      entry.recordedVsPlanned = recorded;
      entry.highLrLoss = recorder === null ? undefined : highLrLoss(recorder);
      const last = entry.epochs.at(-1);
      say(`${v.id} seed ${seed}: test accuracy by epoch ${accuracyByEpoch(entry)}; final train loss ${last?.trainLoss?.toFixed(4)} (${entry.trainSeconds} s)`
        + (recorded === null ? '' : `; recorded vs planned max |diff| lr ${recorded.maxLrDiff.toExponential(1)}, mom ${recorded.maxMomDiff.toExponential(1)}`));
      if (recorded !== null && !recorded.ok) throw new Error(`${v.id} seed ${seed}: the recorded LR/momentum differ from the plan: ${JSON.stringify(recorded)}`);
    } else {
      say(`${v.id} seed ${seed}: FAILED ${entry.error}`);
    }
    runs.push(entry);
  }
}

// ---- the build the runs used: another engineer may rebuild a package while this runs ----
const DISTS = ['cli/dist/trainRunner.js', 'sweep/dist/index.js', 'datasets/dist/index.js', 'zoo/dist/index.js', 'learner/dist/index.js', 'callbacks/dist/index.js', 'core-schedules/dist/index.js'];
const firstStart = Math.min(...seeds.flatMap((seed) => variants.map((v) => path.join(runDirOf(v.id, seed), 'config.json')))
  .filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs));
const lastEnd = Math.max(...seeds.flatMap((seed) => variants.map((v) => path.join(runDirOf(v.id, seed), 'history.json')))
  .filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs));
const builds = DISTS.map((d) => ({ file: `packages/${d}`, mtime: new Date(fs.statSync(path.join(ROOT, 'packages', d)).mtimeMs).toISOString() }));
const rebuiltDuring = builds.filter((b) => Date.parse(b.mtime) > firstStart && Date.parse(b.mtime) < lastEnd);
const buildNote = {
  runsFrom: new Date(firstStart).toISOString(),
  runsTo: new Date(lastEnd).toISOString(),
  dists: builds,
  rebuiltDuringRuns: rebuiltDuring.map((b) => b.file),
};
say(rebuiltDuring.length === 0 ? 'build: no dist the runs use was rebuilt between the first run and the last'
  : `build: WARNING ${rebuiltDuring.map((b) => `${b.file} (${b.mtime})`).join(', ')} rebuilt while the runs went on`);

// ---- aggregate: JSON, Markdown, charts, the section of docs/replication.md ----
const final = { ...results(), build: buildNote };
const md = markdownReport(final);
const resultsDir = args.quick ? outDir : path.join(ROOT, 'docs/results');
await writeFileAtomic(path.join(resultsDir, 'momentum.json'), JSON.stringify(final, null, 2) + '\n');
await writeFileAtomic(path.join(resultsDir, 'momentum.md'), md);
const { compareChart, saveChart } = await import('@onecycle/viz');
const imgDir = args.quick ? outDir : path.join(ROOT, 'docs/images');
const chartFile = path.join(imgDir, args.quick ? 'momentum.png' : 'replication-momentum.png');
await saveChart(compareChart(chartRuns(final), {
  metric: 'test accuracy (%)',
  title: `Momentum with the same 1cycle LR: Fashion-MNIST MLP + BN, ${SUBSET.toLocaleString('en-US')} train images, mean ± std of ${seeds.length} seeds`,
  width: 760,
  height: 400,
}), chartFile);
// the momentum the optimizer actually got, per batch, from one seed's recorder (m1, m5, m7)
const schedFile = path.join(imgDir, args.quick ? 'momentum-schedules.png' : 'replication-momentum-schedules.png');
const schedRuns = [];
for (const id of ['m1', 'm5', 'm7', 'm6']) {
  const v = VARIANTS.find((x) => x.id === id);
  const rec = path.join(runDirOf(id, seeds[0]), 'recorder.json');
  if (!variants.includes(v) || !fs.existsSync(rec)) continue;
  const batches = JSON.parse(fs.readFileSync(rec, 'utf8')).batches;
  schedRuns.push({ name: `(${id}) ${v.short}`, points: batches.map((b) => ({ epoch: b.iteration / BATCHES, value: b.mom })) });
}
const lrRec = path.join(runDirOf(variants[0].id, seeds[0]), 'recorder.json');
if (schedRuns.length > 0) {
  if (fs.existsSync(lrRec)) {
    const batches = JSON.parse(fs.readFileSync(lrRec, 'utf8')).batches;
    schedRuns.push({ name: "LR, rescaled (shape only)", points: batches.map((b) => ({ epoch: b.iteration / BATCHES, value: 0.85 + (0.1 * b.lr) / LR })) });
  }
  await saveChart(compareChart(schedRuns, {
    metric: 'momentum',
    title: `Momentum the optimizer got per batch (recorder.json, seed ${seeds[0]}); x = batch / batches per epoch`,
    width: 760,
    height: 340,
  }), schedFile);
}
const section = [
  "## Momentum with the LR cycle fixed (Smith §4.3; run here)",
  '',
  "Smith (arXiv 1803.09820, §4.3 and its momentum figures) claims that, with the 1cycle LR fixed, (1) cyclical momentum that falls while the LR rises beats constant momentum,"
    + ' (2) among constant momentums the large ones (0.95, 0.99) do worse at a high LR, and (3) momentum that rises with the LR is worse than momentum that falls.'
    + ' `tools/experiments/momentum/run.mjs` tests this on the super-convergence setting above: the same subset, model, batch, optimizer, weight decay and 4-epoch 1cycle LR'
    + ' (fastai 0.7 `use_clr_beta=(10, 10, …)`, LR 0.08 -> 0.8 -> 0.08 -> 0.0008) for every variant; only the momentum differs. (m1) and (m4) are (a) and (b) above, run again.'
    + ' (m7) is a `phases` spec (its LR checked equal to (m1)\'s `fastaiClrBeta` LR at every step). The text below is generated'
    + ' (also in [results/momentum.md](results/momentum.md); every run is in [results/momentum.json](results/momentum.json)).',
  '',
  md.replace(/^# .*\n+/, '').trimEnd(),
  '',
  'Test accuracy per epoch, mean ± std over the seeds:',
  '',
  '![test accuracy per epoch of (m1)-(m7)](images/replication-momentum.png)',
  '',
  'The momentum the optimizer got, per batch, from the recorder of one seed (the LR line is rescaled to show where the cycle peaks):',
  '',
  '![recorded momentum of (m1), (m5), (m6), (m7)](images/replication-momentum-schedules.png)',
  '',
].join('\n');
if (!args.quick && !(await replaceSection(path.join(ROOT, 'docs/replication.md'), 'momentum', section))) {
  console.log('docs/replication.md has no <!-- momentum:begin/end --> markers: paste docs/results/momentum.md by hand');
}
console.log(`\n${md}`);
say(`wrote ${[path.join(resultsDir, 'momentum.json'), path.join(resultsDir, 'momentum.md'), chartFile, schedFile].map((f) => path.relative(ROOT, f)).join(', ')} in ${final.wallSeconds} s`);
log.end();
process.exitCode = runs.every((r) => r.error === undefined) ? 0 : 1;
