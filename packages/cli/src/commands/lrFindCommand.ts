import path from 'node:path';
import type { CliCommand, CommandContext } from '../cli/cliCommand';
import { parseFlags, parseNumber, parsePositiveInt } from '../cli/parseFlags';
import type { FlagSpec } from '../cli/parseFlags';
import { UsageError } from '../errors';
import { runLrFind } from '../train/runLrFind';
import { LrFinderError, resolveLrFinderOptions } from '@onecycle/lr-finder';
import { parseBackend, withBackend } from './withBackend';
import { kebab } from './kindFields';
import { readRunConfig } from './runConfig';

const FLAGS: Record<string, FlagSpec> = {
  config: { type: 'string', short: 'c' },
  out: { type: 'string', short: 'o' },
  backend: { type: 'string' },
  'data-dir': { type: 'string' },
  seed: { type: 'string' },
  'start-lr': { type: 'string' },
  'end-lr': { type: 'string' },
  'num-it': { type: 'string' },
  linear: { type: 'boolean' },
  repeats: { type: 'string' },
};

const USAGE = 'onecycle lr-find --config <run.json> [--out <dir>] [--start-lr 1e-7] [--end-lr 10] [--num-it 100] [--linear] [--repeats N] [--backend …] [--data-dir <dir>] [--seed N]';

const HELP = `Run the LR range test (Smith 2015; fastai's lr_find) for the model and data of a train config,
before training it: the LR grows every batch from --start-lr to --end-lr while the loss is
recorded, the test stops when the loss blows up, and the model is left as it was. Writes
lr-find.json (lrs, raw and smoothed losses, suggestions) and the lr-find chart (SVG and PNG), and
prints the suggestions; put the one you choose in the config's schedule (e.g. fitOneCycle.lrMax).

Options:
  -c, --config <run.json>  a train config (see onecycle train --help); its schedule is not used
  -o, --out <dir>          output folder (default out/<config name>-lr-find)
  --start-lr <lr>          first LR (default 1e-7)
  --end-lr <lr>            last LR (default 10)
  --num-it <N>             iterations (batches, not epochs; default 100)
  --linear                 grow the LR linearly instead of exponentially (fastai 0.7 linear=True)
  --repeats <N>            run the test N times with different data orders; suggestions on the median
  --backend <kind>         auto (default), tensorflow, cpu, wasm
  --data-dir <dir>         folder of the dataset files (overrides the config's dataDir)
  --seed <N>               overrides the config's seed (weights, data order)`;

const lr = (name: string, v: string | true | undefined): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const n = parseNumber(name, v);
  if (n <= 0) throw new UsageError(`--${name} must be a learning rate > 0, got '${v}'`);
  return n;
};

async function run(args: string[], ctx: CommandContext): Promise<number> {
  const values = parseFlags(args, FLAGS);
  const backend = parseBackend(values.get('backend'));
  const startLr = lr('start-lr', values.get('start-lr'));
  const endLr = lr('end-lr', values.get('end-lr'));
  const numIt = typeof values.get('num-it') === 'string' ? parsePositiveInt('num-it', String(values.get('num-it'))) : undefined;
  const repeats = typeof values.get('repeats') === 'string' ? parsePositiveInt('repeats', String(values.get('repeats'))) : undefined;
  const finder = {
    ...(startLr === undefined ? {} : { startLr }), ...(endLr === undefined ? {} : { endLr }), ...(numIt === undefined ? {} : { numIt }),
    ...(values.get('linear') === true ? { mode: 'linear' as const } : {}), ...(repeats === undefined ? {} : { repeats }),
  };
  try {
    resolveLrFinderOptions(finder); // startLr < endLr, numIt >= 10: say so before loading any data
  } catch (err) {
    if (err instanceof LrFinderError) throw new UsageError(err.message.replace(/^(startLr|endLr|numIt)/, (m) => `--${kebab(m)}`), { cause: err });
    throw err;
  }
  const { config, outDir, dataDir } = await readRunConfig(values, ctx, 'the run to find an LR for', '-lr-find');
  const { stdout } = ctx.io;
  const outcome = await withBackend(backend, ctx, async () => {
    stdout.write(`lr-find: ${config.dataset}, model ${config.model.name}, batch ${config.batchSize}, ${config.optimizer.name}, seed ${config.seed}\n`);
    return runLrFind(config, { outDir, stdout, finder, ...(dataDir === undefined ? {} : { dataDir }) });
  });
  const r = outcome.result;
  const e = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : v.toExponential(2));
  const s = r.suggestions;
  stdout.write(`${r.iterations} iterations on ${outcome.trainSamples} samples, stopped: ${r.stopReason}\n`);
  stdout.write(`suggestions: valley ${e(s.valley)}, steep ${e(s.steep)}, minimum ${e(s.minimum)}, slide ${e(s.slide)}\n`);
  if (s.range !== null) stdout.write(`1cycle range: ${e(s.range.min)} .. ${e(s.range.max)} (peak = range.max, e.g. "fitOneCycle": { "lrMax": ${Number(s.range.max.toPrecision(2))} })\n`);
  stdout.write(`wrote ${outcome.files.map((f) => path.relative(ctx.io.cwd, f)).join(', ')}\n`);
  return 0;
}

/**
 * `onecycle lr-find --config run.json`: the LR range test for a train config's model and data,
 * writing the curve with its suggestions as JSON and a chart. Bad usage exits 2; nothing is written.
 */
export const lrFindCommand: CliCommand = {
  name: 'lr-find',
  summary: 'run the LR range test for a train config and suggest a learning rate',
  usage: USAGE,
  help: HELP,
  run,
};
