import path from 'node:path';
import type { CliCommand, CommandContext } from '../cli/cliCommand';
import { parseFlags } from '../cli/parseFlags';
import type { FlagSpec } from '../cli/parseFlags';
import { UsageError } from '../errors';
import { ConfigError } from '../errors';
import { runTraining } from '../train/runTraining';
import { parseBackend, withBackend } from './withBackend';
import { DASHBOARD_FLAGS, DASHBOARD_USAGE, dashboardHelp, parseDashboardFlags, startCommandDashboard } from './dashboardFlags';
import { readRunConfig } from './runConfig';

const FLAGS: Record<string, FlagSpec> = {
  config: { type: 'string', short: 'c' },
  out: { type: 'string', short: 'o' },
  backend: { type: 'string' },
  'data-dir': { type: 'string' },
  seed: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  ...DASHBOARD_FLAGS,
};

const USAGE = `onecycle train --config <run.json> [--out <dir>] [--backend auto|tensorflow|cpu|wasm] [--data-dir <dir>] [--seed N] [--quiet] ${DASHBOARD_USAGE}`;

const HELP = `Train a model of the zoo (mlp, lenet, resnet) as a JSON config says, with the @onecycle Learner.
Writes config.json (as run), recorder.json (per batch lr/mom/loss, per epoch losses), history.json
(per epoch validation loss, accuracy and seconds) and the schedule and loss charts (SVG and PNG).

Options:
  -c, --config <run.json>  the run (see below); relative paths in it are relative to the file
  -o, --out <dir>          output folder (created; its parent must exist). Default: out/<config name>
  --backend <kind>         auto (tfjs-node-gpu > tfjs-node > wasm > pure-JS cpu; default), tensorflow, cpu, wasm
  --data-dir <dir>         folder of the dataset files (overrides the config's dataDir)
  --seed <N>               overrides the config's seed (split and subset unless dataSeed is set, weights, shuffles, augmentation)
  -q, --quiet              no progress bar or epoch table
${dashboardHelp(27)}

Config fields (unknown fields are rejected; errors name the field):
  dataset      "mnist-digits" | "fashion-mnist" | "mnist" | "cifar10"
  dataDir      folder of the files (fashion-mnist defaults to /usr/share/datasets/fashion-mnist)
  trainSubset  train on a seeded subset of N samples
  validation   "test" (default) or { "fraction": 0.2 } held out of the training set
  model        { "name": "mlp", "hidden": [256, 128], "batchNorm": true, "dropout": 0 }
               { "name": "lenet" } | { "name": "resnet", "depth": 20, "shortcut": "A" | "projection" }
  batchSize, epochs (epochs follow from schedule.fit and may be left out there)
  optimizer    { "name": "sgdw" | "adamw", "momentum": 0.9, "weightDecay": 0 }
  schedule     { "fit": { "lr": 0.8, "nCycle": 1, "cycleLen": 10, "useClrBeta": [10, 10, 0.95, 0.85] } }
               { "fitOneCycle": { "lrMax": 0.1, "pctStart": 0.25, "moms": [0.95, 0.85, 0.95] } }
               { "fitFlatCos": { "lr": 0.01, "pctStart": 0.75 } } | { "fitSgdr": { "nCycles": 3, "cycleLen": 1, "lrMax": 0.1 } }
               or any @onecycle/core-schedules spec { "kind": "oneCycle", … } (steps are batches)
  augment      { "padCrop": 4, "flip": true } (random crops of the padded image, mirror flips)
  seed         default 0
  dataSeed     seed of the split and trainSubset only (default: seed), to vary weights on fixed data

Example (fastai 0.7 learn.fit(0.8, 1, cycle_len=10, use_clr_beta=(10, 10, 0.95, 0.85))):
  { "dataset": "fashion-mnist", "trainSubset": 10000, "model": { "name": "mlp", "hidden": [256, 128], "batchNorm": true },
    "batchSize": 128, "schedule": { "fit": { "lr": 0.8, "cycleLen": 10, "useClrBeta": [10, 10, 0.95, 0.85] } } }`;

const fmt = (n: number | undefined, digits = 4): string => (n === undefined ? '-' : n.toFixed(digits));

async function run(args: string[], ctx: CommandContext): Promise<number> {
  const values = parseFlags(args, FLAGS);
  const backend = parseBackend(values.get('backend'));
  const dashboardRequest = parseDashboardFlags(values);
  const { config, configArg, outDir, dataDir } = await readRunConfig(values, ctx, 'the run to train');

  const { stdout } = ctx.io;
  const outcome = await withBackend(backend, ctx, async (info) => {
    stdout.write(`train: ${config.dataset}, model ${config.model.name}, ${config.epochs} epochs of batch ${config.batchSize}, ${config.optimizer.name}, seed ${config.seed}\n`);
    const dashboard = await startCommandDashboard(dashboardRequest, stdout, `onecycle train: ${config.dataset}, ${config.model.name}`);
    try {
      const done = await runTraining(config, {
        outDir, stdout, backend: info.backend, progress: values.get('quiet') !== true, ...(dataDir === undefined ? {} : { dataDir }),
        ...(dashboard === undefined ? {} : { callbacks: dashboard.callbacks }),
      });
      await dashboard?.finish();
      return done;
    } catch (err) {
      await dashboard?.close();
      if (err instanceof ConfigError) throw new UsageError(`${configArg}: ${err.message}`, { cause: err });
      throw err;
    }
  });
  const h = outcome.history;
  stdout.write(`${h.trainSamples} train / ${h.validSamples} valid samples; final valid loss ${fmt(h.finalValidLoss)}, accuracy ${fmt(h.finalValidAccuracy)} after ${h.epochs.length} epochs in ${h.seconds.toFixed(1)} s\n`);
  stdout.write(`wrote ${outcome.files.map((f) => path.relative(ctx.io.cwd, f)).join(', ')}\n`);
  return 0;
}

/**
 * `onecycle train --config run.json`: config-driven training of a zoo model on MNIST digits,
 * Fashion-MNIST, MNIST (IDX) or CIFAR-10 with any schedule, writing the recorder JSON, per-epoch
 * history and charts. A bad config is a usage error (exit 2) naming the field; nothing is written.
 */
export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train a zoo model (mlp, lenet, resnet) from a JSON config with any schedule',
  usage: USAGE,
  help: HELP,
  run,
};
