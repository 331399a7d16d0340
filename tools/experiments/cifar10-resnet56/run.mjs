#!/usr/bin/env node
// Smith's Table 1 (arXiv 1803.09820) in the paper's own setting: CIFAR-10, ResNet-56 (He et al.
// 2016, option-A shortcuts), random 32x32 crops of the 4-pixel zero-padded image and horizontal
// flips, batch 512, weight decay 1e-4, 95 epochs:
//   1cycle-cm     LR 0.08 -> 0.8 (41 epochs) -> 0.08 (41) -> 0.0008 (13), momentum 0.95 -> 0.85 -> 0.95
//   1cycle-mom09  the same LR, constant momentum 0.9
//   constant-lr   LR 0.1, momentum 0.9
// Each run is `onecycle train --config configs/<variant>.json` (the built CLI). Meant for a GPU
// (`npm install @tensorflow/tfjs-node-gpu`; the CLI picks it up) and your own copy of the CIFAR-10
// binary version (the cifar-10-batches-bin folder):
//
//   node tools/experiments/cifar10-resnet56/run.mjs --data-dir <cifar-10-batches-bin> [--seeds 0,1,2]
//        [--variants 1cycle-cm,1cycle-mom09,constant-lr] [--backend auto|tensorflow|cpu] [--out <dir>]
//   node tools/experiments/cifar10-resnet56/run.mjs --smoke [--out <dir>]
//
// --smoke runs the same configs and pipeline on generated CIFAR-format files (64 training images in
// the five data_batch files, 16 test images) with ResNet-8, 2 epochs, pure-JS CPU (see SMOKE below),
// so the pipeline is tested on every `npm test` (packages/cli/src/__tests__/experiments-smoke.test.ts).
// Writes <out>/<variant>-seed<N>/ (the CLI's files) and <out>/results.{json,md}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ROOT, machineInfo, mean, pctPm, requireTrainCommand, runOnecycle, std, writeFileAtomic } from '../lib/common.mjs';
import { writeSmokeCifar } from './smokeData.mjs';

const VARIANTS = {
  '1cycle-cm': { file: '1cycle-cm.json', smith: '92.0 ± 0.2', what: '1cycle LR 0.08-0.8, cyclical momentum 0.95-0.85' },
  '1cycle-mom09': { file: '1cycle-mom09.json', smith: '91.4 ± 0.3', what: '1cycle LR 0.08-0.8, constant momentum 0.9' },
  'constant-lr': { file: 'constant-lr.json', smith: '88.1 ± 0.1', what: 'constant LR 0.1, momentum 0.9' },
};

// The pure-JS CPU backend's Conv2DBackpropFilter is a plain loop, far slower than the forward
// convolution (a batch of 32 through ResNet-8 took ~100 s to train here; batches of 4 ~1 s). So the
// smoke run trains on a seeded 8 of the 64 generated images, batch 4 (2 batches per epoch), for each
// of the three configs: it checks the pipeline (data files, configs, model, schedules, training,
// evaluation, outputs), not the method.
const SMOKE = { trainImages: 64, testImages: 16, trainSubset: 8, batchSize: 4, epochs: 2, depth: 8, variants: Object.keys(VARIANTS).join(',') };

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    seeds: { type: 'string', default: '0' },
    variants: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
  },
});
const usage = 'usage: node tools/experiments/cifar10-resnet56/run.mjs --data-dir <cifar-10-batches-bin> [--seeds 0,1,2] [--variants …] [--backend …] [--out <dir>] | --smoke [--out <dir>]';
const fail = (msg) => {
  console.error(`${msg}\n${usage}`);
  process.exit(2);
};
const seeds = args.seeds.split(',').map((s) => Number(s.trim()));
if (seeds.some((s) => !Number.isInteger(s) || s < 0)) fail(`--seeds must be whole numbers >= 0 separated by commas, got '${args.seeds}'`);
const variants = (args.variants ?? (args.smoke ? SMOKE.variants : Object.keys(VARIANTS).join(','))).split(',').map((v) => v.trim());
for (const v of variants) if (!(v in VARIANTS)) fail(`--variants: unknown variant '${v}' (known: ${Object.keys(VARIANTS).join(', ')})`);
if (!args.smoke && args['data-dir'] === undefined) fail('--data-dir is required (the cifar-10-batches-bin folder of the CIFAR-10 binary version), or pass --smoke');
if (args.smoke && args['data-dir'] !== undefined) fail('--smoke generates its own data: leave out --data-dir');

requireTrainCommand();
const outDir = path.resolve(args.out ?? path.join(ROOT, 'out/experiments', args.smoke ? 'cifar10-resnet56-smoke' : 'cifar10-resnet56'));
fs.mkdirSync(outDir, { recursive: true });
let dataDir = args['data-dir'] === undefined ? undefined : path.resolve(args['data-dir']);
if (dataDir !== undefined) {
  const missing = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'].filter((f) => !fs.existsSync(path.join(dataDir, f)));
  if (missing.length > 0) fail(`--data-dir ${dataDir} lacks ${missing.join(', ')}: give the cifar-10-batches-bin folder of the CIFAR-10 binary version (https://www.cs.toronto.edu/~kriz/cifar.html)`);
}
let tmp;
if (args.smoke) {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecycle-cifar-smoke-'));
  dataDir = tmp;
  writeSmokeCifar(tmp, { train: SMOKE.trainImages, test: SMOKE.testImages, seed: 7 });
}

/** The config of one run: the committed file, with --smoke's small sizes when asked. */
function planned(variant, seed) {
  const c = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'configs', VARIANTS[variant].file), 'utf8'));
  c.seed = seed;
  c.dataDir = dataDir;
  if (args.smoke) {
    c.description = `SMOKE (generated data, ResNet-${SMOKE.depth}, ${SMOKE.epochs} epochs): ${c.description}`;
    c.model.depth = SMOKE.depth;
    c.trainSubset = SMOKE.trainSubset;
    c.batchSize = SMOKE.batchSize;
    if (c.schedule.fit !== undefined) c.schedule.fit.cycleLen = SMOKE.epochs;
    else c.epochs = SMOKE.epochs;
  }
  return c;
}

const t0 = performance.now();
const runs = [];
try {
  for (const seed of seeds) {
    for (const variant of variants) {
      const runDir = path.join(outDir, `${variant}-seed${seed}`);
      fs.rmSync(runDir, { recursive: true, force: true });
      fs.mkdirSync(runDir, { recursive: true });
      const config = planned(variant, seed);
      await writeFileAtomic(path.join(runDir, 'planned.json'), JSON.stringify(config, null, 2) + '\n');
      const backend = args.backend ?? (args.smoke ? 'cpu' : 'auto');
      console.log(`${variant} seed ${seed}: onecycle train --backend ${backend} …`);
      const r = await runOnecycle(['train', '--config', 'planned.json', '--out', '.', '--backend', backend, ...(args.smoke ? ['--quiet'] : [])], {
        cwd: runDir, log: args.smoke ? undefined : process.stdout,
      });
      const historyFile = path.join(runDir, 'history.json');
      const entry = { variant, seed, config, wallSeconds: Number(r.seconds.toFixed(1)), exitCode: r.code };
      if (r.code !== 0 || !fs.existsSync(historyFile)) {
        entry.error = `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
        console.log(`${variant} seed ${seed}: FAILED ${entry.error}`);
      } else {
        const h = JSON.parse(fs.readFileSync(historyFile, 'utf8'));
        Object.assign(entry, {
          backend: h.backend, trainSamples: h.trainSamples, testSamples: h.validSamples, batchesPerEpoch: h.batchesPerEpoch,
          schedule: h.schedule, trainSeconds: Number(h.seconds.toFixed(1)), finalTestAccuracy: h.finalValidAccuracy,
          epochs: h.epochs.map((e) => ({ epoch: e.epoch, trainLoss: e.trainLoss, testLoss: e.validLoss, testAccuracy: e.accuracy, seconds: e.seconds })),
        });
        console.log(`${variant} seed ${seed}: final test accuracy ${(100 * h.finalValidAccuracy).toFixed(2)} % (${entry.trainSeconds} s, ${h.backend})`);
      }
      runs.push(entry);
    }
  }
} finally {
  if (tmp !== undefined) fs.rmSync(tmp, { recursive: true, force: true });
}

const summary = variants.map((v) => {
  const accs = runs.filter((r) => r.variant === v && r.error === undefined).map((r) => r.finalTestAccuracy);
  return { variant: v, what: VARIANTS[v].what, smithTable1: VARIANTS[v].smith, n: accs.length, mean: mean(accs), std: std(accs), values: accs };
});
const results = {
  version: 1,
  experiment: 'cifar10-resnet56',
  smoke: args.smoke,
  date: new Date().toISOString(),
  machine: machineInfo(),
  data: args.smoke ? `generated CIFAR-10 binary files: ${SMOKE.trainImages} training images (data_batch_1..5, of which a seeded ${SMOKE.trainSubset} are trained on), ${SMOKE.testImages} test images` : dataDir,
  runs,
  summary,
  wallSeconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
};
const md = [
  `# CIFAR-10 ResNet-${args.smoke ? '8 SMOKE run (generated data: the numbers mean nothing)' : '56'}`,
  '',
  `${results.date.slice(0, 16).replace('T', ' ')} UTC, ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}, backend ${[...new Set(runs.map((r) => r.backend).filter(Boolean))].join(', ') || 'n/a'}, ${results.wallSeconds} s.`,
  '',
  '| run | epochs | test accuracy %, mean ± std | Smith Table 1 |',
  '| --- | --- | --- | --- |',
  ...summary.map((s) => `| ${s.what} | ${runs.find((r) => r.variant === s.variant)?.epochs?.length ?? 0} | ${s.n === 0 ? 'failed' : `${pctPm(s.values)} (n=${s.n})`} | ${s.smithTable1} |`),
  '',
].join('\n');
await writeFileAtomic(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
await writeFileAtomic(path.join(outDir, 'results.md'), md);
console.log(`\n${md}\nwrote ${path.join(outDir, 'results.json')} and results.md`);
process.exitCode = runs.every((r) => r.error === undefined) ? 0 : 1;
