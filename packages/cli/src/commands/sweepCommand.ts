import os from 'node:os';
import path from 'node:path';
import { RunConfigError, SweepConfigError, SweepOutputError, localExecutor, parseSweepConfig, queueExecutor, runSweep } from '@onecycle/sweep';
import type { JsonObject, SweepConfig, SweepExecutor } from '@onecycle/sweep';
import type { CliCommand, CommandContext } from '../cli/cliCommand';
import { parseFlags, parsePositiveInt } from '../cli/parseFlags';
import type { FlagSpec } from '../cli/parseFlags';
import { UsageError } from '../errors';
import { sweepProgress } from '../sweep/sweepProgress';
import { trainRunnerModule } from '../sweep/trainRunnerModule';
import { validate } from '../sweep/trainRunner';
import { parseBackend } from './withBackend';
import { checkOutDir } from './checkOutDir';
import { readJsonFile } from './readJsonFile';

const FLAGS: Record<string, FlagSpec> = {
  config: { type: 'string', short: 'c' },
  out: { type: 'string', short: 'o' },
  workers: { type: 'string', short: 'w' },
  resume: { type: 'boolean' },
  queue: { type: 'string' },
  'queue-name': { type: 'string' },
  backend: { type: 'string' },
  'data-dir': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
};

const USAGE = 'onecycle sweep --config <sweep.json> [--workers N] [--out <dir>] [--resume] [--queue redis://host:port] [--backend auto|tensorflow|cpu|wasm] [--data-dir <dir>] [--quiet]';

const HELP = `Run many \`onecycle train\` runs — a grid of config values x seeds x named variants — in parallel
worker processes (or on a BullMQ queue served by \`onecycle worker\` on other machines), and compare
them: results.json (every run), summary.md (mean ± std per cell, paired differences from the
baseline with seeds above / below), sweep.svg / sweep.png and an offline report.html. Each run has
its own folder runs/<cell>/seed-<n>/ (config.json, recorder.json, history.json, charts, result.json).

Options:
  -c, --config <sweep.json>  the sweep (see below); relative paths in it are relative to the file
  -o, --out <dir>            output folder (its parent must exist). Default: out/<sweep name>
  -w, --workers <N>          worker processes on this machine (default: the number of cores)
  --resume                   continue the sweep in --out: complete runs are kept, the others run again
  --queue <redis://h:p[/db]> put the runs on a BullMQ queue in Redis instead; start \`onecycle worker\`s
  --queue-name <name>        the queue (default onecycle-sweep); workers must use the same
  --backend <kind>           the runs' tfjs backend: auto (default), tensorflow, cpu, wasm
  --data-dir <dir>           folder of the dataset files (overrides the base config's dataDir)
  -q, --quiet                no progress display

Sweep fields (unknown fields are rejected, naming the closest valid one):
  base         an \`onecycle train\` config (see onecycle train --help); every run starts from it
  grid         field paths -> lists of values; every combination is a cell, e.g.
               { "optimizer.weightDecay": [1e-4, 1e-3], "schedule.fit.useClrBeta": [[10, 10, 0.95, 0.85], [10, 10, 0.9, 0.9]] }
  variants     named sets of field values, for regimes that are not a product (each combined with the grid), e.g.
               { "1cycle": { "schedule": { "fit": { "lr": 0.8, "cycleLen": 4, "useClrBeta": [10, 10, 0.95, 0.85] } } },
                 "constant": { "schedule": { "kind": "constant", "lr": 0.1, "mom": 0.9 }, "epochs": 4 } }
  seeds        the seeds every cell runs with (default [0]); written to the config's "seed"
  metric       "accuracy" (at the last epoch), or { "name": "accuracy", "at": "last" | "best" | "epochsTo", "target": 0.9 }
               (series fields: accuracy, validLoss, trainLoss)
  baseline     the cell the paired differences are against (default: the first), e.g. "1cycle, weightDecay=0.0001"
  description  free text, the title of summary.md and report.html

Exit status: 0 all runs done, 1 some failed (run again with --resume), 2 bad usage or config.`;

function workersFlag(raw: string | true | undefined): number {
  if (typeof raw !== 'string') return Math.max(1, os.availableParallelism());
  return parsePositiveInt('workers', raw);
}

async function readSweep(configArg: string, ctx: CommandContext): Promise<SweepConfig> {
  try {
    return parseSweepConfig(await readJsonFile(ctx.resolvePath(configArg), configArg));
  } catch (err) {
    if (err instanceof SweepConfigError) throw new UsageError(`${configArg}: ${err.message}`, { cause: err });
    throw err;
  }
}

async function run(args: string[], ctx: CommandContext): Promise<number> {
  const values = parseFlags(args, FLAGS);
  const configArg = values.get('config');
  if (typeof configArg !== 'string') throw new UsageError('missing --config <sweep.json> (the sweep to run)');
  const sweep = await readSweep(configArg, ctx);
  const workers = workersFlag(values.get('workers'));
  const queue = values.get('queue');
  if (queue === true) throw new UsageError('--queue needs a value');
  const queueName = values.get('queue-name');
  if (typeof queueName === 'string' && queue === undefined) throw new UsageError('--queue-name needs --queue');
  if (queue !== undefined && values.has('workers')) throw new UsageError('--workers is for runs on this machine; with --queue, start `onecycle worker --concurrency N` where the runs should go');
  const backend = parseBackend(values.get('backend'));
  const outArg = values.get('out');
  const shownOut = typeof outArg === 'string' ? outArg : path.join('out', path.basename(configArg).replace(/\.json$/i, ''));
  const outDir = checkOutDir(ctx.resolvePath(shownOut), shownOut, { defaulted: typeof outArg !== 'string' });
  const dataArg = values.get('data-dir');
  const options: JsonObject = { backend, configDir: path.dirname(ctx.resolvePath(configArg)) };
  if (typeof dataArg === 'string') options['dataDir'] = ctx.resolvePath(dataArg);

  let executor: SweepExecutor;
  try {
    executor = typeof queue === 'string'
      ? queueExecutor({ url: queue, options, ...(typeof queueName === 'string' ? { queueName } : {}) })
      : localExecutor({ runnerModule: trainRunnerModule(), workers, options });
  } catch (err) {
    throw new UsageError(`--queue: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const { stdout } = ctx.io;
  let outcome: Awaited<ReturnType<typeof runSweep>>;
  try {
    outcome = await runSweep({
      sweep, outDir, executor, resume: values.get('resume') === true, validate,
      ...(values.get('quiet') === true ? {} : { onEvent: sweepProgress(stdout) }),
    });
  } catch (err) {
    if (err instanceof RunConfigError || err instanceof SweepConfigError || err instanceof SweepOutputError) {
      throw new UsageError(`${configArg}: ${err.message}`, { cause: err });
    }
    throw err;
  } finally {
    await executor.close();
  }
  const { results, failed } = outcome;
  const base = results.summary.cells.find((c) => c.name === results.baseline);
  const show = (x: number | null): string => (x === null ? '-' : x.toFixed(4));
  stdout.write(`${results.runs.length - failed} of ${results.runs.length} runs done; ${results.summary.cells.length} cells, baseline "${results.baseline}" ${results.metric.name} ${show(base?.mean ?? null)} ± ${show(base?.std ?? null)}\n`);
  stdout.write(`wrote ${outcome.files.map((f) => path.relative(ctx.io.cwd, f)).join(', ')}\n`);
  if (failed > 0) {
    ctx.io.stderr.write(`onecycle sweep: ${failed} run${failed === 1 ? '' : 's'} failed (see results.json); run the same command with --resume to run ${failed === 1 ? 'it' : 'them'} again\n`);
    return 1;
  }
  return 0;
}

/**
 * `onecycle sweep --config sweep.json`: Smith's tuning runs as one command — a grid of `train`
 * config values x seeds x variants, run in parallel worker processes here or on a BullMQ queue,
 * resumable, summarised as mean ± std and paired differences with a chart and an offline report.
 */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  summary: 'run a grid of train configs x seeds in parallel (or on a Redis queue) and compare them',
  usage: USAGE,
  help: HELP,
  run,
};
