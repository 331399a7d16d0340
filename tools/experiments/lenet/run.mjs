#!/usr/bin/env node
// Smith's LeNet claim (arXiv 1803.09820: LeNet on MNIST, 1cycle reaches 99.25 % in 12 epochs, the
// standard Caffe schedule 99.03 % in 85, about 7x fewer epochs), with convolutions, at full size:
// the zoo's LeNet on all 60,000 Fashion-MNIST training images, the whole test set after every epoch.
//   1cycle  LR 0.01 -> 0.1 -> 0.01 -> 0.0001, cyclical momentum 0.95 -> 0.85, N epochs   configs/1cycle.json
//   inv     Caffe's LeNet solver: lr_policy inv (0.01, gamma 1e-4, power 0.75), momentum 0.9,
//           for up to 7N epochs                                                        configs/inv.json
// Both batch 64 (Caffe's LeNet), sgdw with decoupled weight decay 5e-4 (Caffe's LeNet value, there
// as L2). The runs are one sweep on the wasm backend in --workers processes; runs with the same seed
// share initial weights and data order. The answer: the epochs the inv run needs to reach 1cycle's
// accuracy after N epochs, per seed (paired) and on the mean curve.
//
//   node tools/experiments/lenet/run.mjs [--epochs N] [--seeds 0,1,2,3] [--workers N] [--resume] [--quick]
//
// Writes docs/results/lenet.{json,md}, docs/images/replication-lenet.png and the generated section
// of docs/replication.md (--quick: a 512-image, 1-epoch pipeline check into out/ only).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { locateFashionMnist } from '@onecycle/datasets';
import {
  ROOT, accuracyByEpoch, accuracyCurve, epochsToMatch, experimentLog, firstEpochReaching, machineInfo, mean, paired, pairedPoints, parseSeeds, parseWorkers, pctPm, readRunEntry, replaceSection,
  requireTrainCommand, runVariantSweep, seedStats, writeFileAtomic,
} from '../lib/common.mjs';
import { fashionMnistSubset } from '../lib/idxSubset.mjs';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string' },
    seeds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    workers: { type: 'string' },
  },
});
const here = import.meta.dirname;
const workers = parseWorkers(args.workers);
const seeds = parseSeeds(args.seeds, args.quick ? '0' : '0,1,2,3');
// N = 5: 4 seeds x (5 + 35) epochs at about 26 s an epoch on wasm fit in about 40 min on 2 workers.
const N = args.epochs === undefined ? (args.quick ? 1 : 5) : Number(args.epochs);
if (!Number.isInteger(N) || N < 1) throw new Error(`--epochs must be a whole number >= 1, got '${args.epochs}'`);
const FACTOR = 7; // Smith: 12 vs 85 epochs
const BACKEND = 'wasm';
const outDir = path.join(ROOT, 'out/experiments', args.quick ? 'lenet-quick' : 'lenet');

requireTrainCommand();
const readConfig = (name) => JSON.parse(fs.readFileSync(path.join(here, 'configs', name), 'utf8'));
const base = { onecycle: readConfig('1cycle.json'), inv: readConfig('inv.json') };

const t0 = performance.now();
const { say, log } = experimentLog(outDir, args.resume);
let trainDir;
let trainSet;
if (args.quick) {
  trainDir = path.join(outDir, 'data');
  trainSet = await fashionMnistSubset(trainDir, { count: 512, seed: 1803, dataDir: args['data-dir'] });
} else {
  trainDir = path.dirname(locateFashionMnist('train', args['data-dir']).images);
  trainSet = { dataset: 'fashion-mnist', split: 'train', count: 60000, how: `all 60,000 training images (${trainDir})` };
}
say(`training set: ${trainSet.how}; N = ${N} epochs of 1cycle against up to ${FACTOR * N} of inv`);

function planned(variant, seed) {
  const c = JSON.parse(JSON.stringify(base[variant]));
  c.dataDir = trainDir;
  c.seed = seed;
  if (variant === 'onecycle') c.schedule.fit.cycleLen = N;
  else c.epochs = FACTOR * N;
  return c;
}

const { recordOf, runDirOf } = await runVariantSweep({
  backend: BACKEND,
  description: `Smith's LeNet claim on Fashion-MNIST: 1cycle for ${N} epochs against Caffe's inv schedule for up to ${FACTOR * N}`,
  outDir: path.join(outDir, 'sweep'), variants: [['onecycle', planned('onecycle', 0)], ['inv', planned('inv', 0)]], seeds, workers, resume: args.resume, say,
});

const runs = [];
for (const seed of seeds) {
  for (const variant of ['onecycle', 'inv']) {
    const { entry } = readRunEntry({ variant, seed, config: planned(variant, seed), record: recordOf(variant, seed), runDir: runDirOf(variant, seed) });
    say(entry.error === undefined ? `${variant} seed ${seed}: test accuracy by epoch ${accuracyByEpoch(entry)} (${entry.trainSeconds} s)` : `${variant} seed ${seed}: FAILED ${entry.error}`);
    runs.push(entry);
  }
}

function summarize() {
  const ok = (v) => runs.filter((r) => r.variant === v && r.error === undefined);
  const at = (v, epoch) => ok(v).map((r) => ({ seed: r.seed, value: r.epochs[epoch - 1]?.testAccuracy })).filter((x) => x.value !== undefined);
  const one = at('onecycle', N);
  const invAtN = at('inv', N);
  const invEnd = at('inv', FACTOR * N);
  const invBest = ok('inv').map((r) => ({ seed: r.seed, value: Math.max(...r.epochs.map((e) => e.testAccuracy)) }));
  const curves = { onecycle: accuracyCurve(runs, 'onecycle'), inv: accuracyCurve(runs, 'inv') };
  // per seed: the inv run of seed s against the 1cycle run of seed s (same initial weights and data order)
  const match = epochsToMatch(one, ok('inv'), N);
  const target = mean(one.map((x) => x.value));
  const meanCurveEpochs = Number.isFinite(target) ? firstEpochReaching(curves.inv.map((p) => p.mean), target) : null;
  return {
    N, factor: FACTOR,
    onecycle: seedStats(one), invAtN: seedStats(invAtN), invAtEnd: seedStats(invEnd), invBest: seedStats(invBest),
    pairedOnecycleMinusInvAtN: paired(one, invAtN), pairedOnecycleMinusInvAtEnd: paired(one, invEnd),
    epochsToMatch: {
      target: 'per seed: the inv run reaching the test accuracy its 1cycle twin (same seed) had after N epochs; mean curve: the inv mean curve reaching the 1cycle mean',
      ...match,
      meanCurveEpochs,
      meanCurveRatio: meanCurveEpochs === null ? null : meanCurveEpochs / N,
    },
    curves,
  };
}

const summary = summarize();
const final = {
  version: 1,
  experiment: 'lenet',
  quick: args.quick,
  date: new Date().toISOString(),
  machine: machineInfo(),
  command: `node tools/experiments/lenet/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  plan: {
    dataset: 'Fashion-MNIST (Debian dataset-fashion-mnist)', train: trainSet, test: 'the whole 10,000-image test set, evaluated after every epoch',
    model: 'LeNet-5 of @onecycle/zoo (conv 6, conv 16, dense 120, 84; ReLU, max pooling; 61,706 parameters)', batchSize: 64, backend: BACKEND,
    onecycleEpochs: N, invEpochs: FACTOR * N, seeds, seedMeans: 'the run seed sets weight init and the per-epoch shuffle: runs with the same seed share both',
  },
  runs,
  summary,
  wallSeconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
  runSecondsTotal: Number(runs.reduce((a, r) => a + (r.trainSeconds ?? 0), 0).toFixed(1)),
};

function markdown(res) {
  const s = res.summary;
  const m = res.machine;
  const pm = (st) => (st.values.length === 0 ? 'n/a' : `${pctPm(st.values)} (n=${st.values.length})`);
  const e = s.epochsToMatch;
  const backend = [...new Set(res.runs.map((r) => r.backend).filter(Boolean))].join(', ') || 'n/a';
  const lines = [
    '# LeNet: 1cycle against Caffe\'s inv schedule on Fashion-MNIST (generated by tools/experiments/lenet/run.mjs)',
    '',
    `Ran ${res.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} × ${m.model}, Node ${m.node}, tfjs backend \`${backend}\`, ${workers} worker process${workers === 1 ? '' : 'es'};`
      + ` the runs took ${(res.runSecondsTotal / 60).toFixed(1)} min of training and evaluation, ${(res.wallSeconds / 60).toFixed(1)} min wall time for this invocation (load average ${m.loadavg.join(' / ')} at the end).`,
    `Training set: ${res.plan.train.how}; test set: ${res.plan.test}. ${res.plan.model}, batch 64, sgdw with decoupled weight decay 5e-4. ${res.plan.seeds.length} seeds (${res.plan.seeds.join(', ')}): ${res.plan.seedMeans}.`,
    '',
    '| run | schedule | epochs | test accuracy %, mean ± std | Smith (MNIST, Caffe LeNet) |',
    '| --- | --- | --- | --- | --- |',
    `| 1cycle | LR 0.01 → 0.1 → 0.01 → 0.0001, momentum 0.95 → 0.85 → 0.95 | ${s.N} | ${pm(s.onecycle)} | 99.25 in 12 epochs |`,
    `| inv | Caffe LeNet: 0.01 × (1 + 1e-4 · iter)^-0.75, momentum 0.9 | ${s.N} | ${pm(s.invAtN)} | — |`,
    `| inv | the same run, continued | ${s.N * s.factor} | ${pm(s.invAtEnd)}; best epoch ${pm(s.invBest)} | 99.03 in 85 epochs |`,
    '',
    `1cycle − inv, paired by seed (points; seeds above/below): at epoch ${s.N} ${pairedPoints(s.pairedOnecycleMinusInvAtN)}; 1cycle at ${s.N} − inv at ${s.N * s.factor}: ${pairedPoints(s.pairedOnecycleMinusInvAtEnd)}.`,
    '',
    `**Epochs inv needs to match 1cycle's accuracy after ${s.N} epochs**, per seed (each inv run against its 1cycle twin): `
      + e.perSeed.map((x) => `seed ${x.seed}: ${x.epochs === null ? `not within ${s.N * s.factor}` : `${x.epochs} (${x.ratio.toFixed(1)}x)`}`).join(', ')
      + `. Ratio over the seeds that reached it: ${e.ratioMean === null ? 'none reached it' : `${e.ratioMean.toFixed(2)}x${e.ratioStd === null ? '' : ` ± ${e.ratioStd.toFixed(2)}`} (${e.reachedSeeds} of ${e.perSeed.length} seeds)`}`
      + `; on the mean curves: ${e.meanCurveEpochs === null ? `not within ${s.N * s.factor} epochs (> ${s.factor}x)` : `${e.meanCurveEpochs} epochs (${e.meanCurveRatio.toFixed(1)}x)`}. Smith: about 7x (12 vs 85 epochs).`,
    '',
    'Test accuracy (%) after each epoch, mean ± std over seeds:',
    '',
    '| epoch | 1cycle | inv |',
    '| --- | --- | --- |',
  ];
  const cell = (c, ep) => {
    const p = c.find((x) => x.epoch === ep);
    return p === undefined ? '' : `${(100 * p.mean).toFixed(2)} ± ${(100 * p.std).toFixed(2)}`;
  };
  for (let ep = 1; ep <= Math.max(s.curves.onecycle.length, s.curves.inv.length); ep++) {
    lines.push(`| ${ep}${ep === s.N ? ' (N)' : ''} | ${cell(s.curves.onecycle, ep)} | ${cell(s.curves.inv, ep)} |`);
  }
  const failed = res.runs.filter((r) => r.error !== undefined);
  if (failed.length > 0) lines.push('', `Failed runs: ${failed.map((r) => `${r.variant} seed ${r.seed} (${r.error})`).join('; ')}.`);
  const secs = (v) => res.runs.filter((r) => r.variant === v && r.trainSeconds !== undefined).map((r) => r.trainSeconds).join(', ');
  lines.push('', `Training seconds per run (train + per-epoch test evaluation): 1cycle ${secs('onecycle')}; inv ${secs('inv')}.`, '');
  return lines.join('\n');
}

const md = markdown(final);
const resultsDir = args.quick ? outDir : path.join(ROOT, 'docs/results');
await writeFileAtomic(path.join(resultsDir, 'lenet.json'), JSON.stringify(final, null, 2) + '\n');
await writeFileAtomic(path.join(resultsDir, 'lenet.md'), md);
const { compareChart, saveChart } = await import('@onecycle/viz');
const chartFile = args.quick ? path.join(outDir, 'lenet.png') : path.join(ROOT, 'docs/images/replication-lenet.png');
const pts = (c) => c.map((p) => ({ epoch: p.epoch, value: 100 * p.mean, std: 100 * p.std }));
await saveChart(compareChart([
  { name: `1cycle, ${N} epochs`, points: pts(summary.curves.onecycle) },
  { name: `Caffe inv, ${FACTOR * N} epochs`, points: pts(summary.curves.inv) },
].filter((r) => r.points.length > 0), {
  metric: 'test accuracy (%)',
  title: `Fashion-MNIST, LeNet-5, ${trainSet.count.toLocaleString('en-US')} train images, ${BACKEND}, mean ± std of ${seeds.length} seeds`,
  width: 720,
  height: 360,
}), chartFile);
if (!args.quick && !(await replaceSection(path.join(ROOT, 'docs/replication.md'), 'lenet', md.replace(/^# .*\n+/, '')))) {
  console.log('docs/replication.md has no <!-- lenet:begin/end --> markers: paste docs/results/lenet.md by hand');
}
console.log(`\n${md}`);
say(`wrote ${[path.join(resultsDir, 'lenet.json'), path.join(resultsDir, 'lenet.md'), chartFile].map((f) => path.relative(ROOT, f)).join(', ')} in ${final.wallSeconds} s`);
log.end();
process.exitCode = runs.every((r) => r.error === undefined) ? 0 : 1;
