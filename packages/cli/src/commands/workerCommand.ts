import { DEFAULT_QUEUE_NAME, SweepError, startQueueWorker } from '@onecycle/sweep';
import type { JsonObject } from '@onecycle/sweep';
import type { CliCommand, CommandContext } from '../cli/cliCommand';
import { parseFlags, parsePositiveInt } from '../cli/parseFlags';
import type { FlagSpec } from '../cli/parseFlags';
import { UsageError } from '../errors';
import { trainRunnerModule } from '../sweep/trainRunnerModule';
import { parseBackend } from './withBackend';

const FLAGS: Record<string, FlagSpec> = {
  queue: { type: 'string' },
  concurrency: { type: 'string' },
  'queue-name': { type: 'string' },
  backend: { type: 'string' },
  'data-dir': { type: 'string' },
  'work-dir': { type: 'string' },
  'lock-duration': { type: 'string' },
  'stalled-interval': { type: 'string' },
};

const USAGE = 'onecycle worker --queue redis://host:port [--concurrency N] [--queue-name <name>] [--backend <kind>] [--data-dir <dir>] [--work-dir <dir>]';

const HELP = `Serve the runs \`onecycle sweep --queue\` puts on a BullMQ queue in Redis: take a run, train it
in a worker process here, and send its results and files back to the sweep. Start as many as you
like, on any machines that reach the Redis server; stop with Ctrl-C (runs in progress finish first).
A worker that dies mid-run leaves its run to another worker (BullMQ's stalled-job check).

Options:
  --queue <redis://h:p[/db]>  the Redis server of the sweep
  --concurrency <N>           runs at a time, each in its own process (default 1; one per core you give it)
  --queue-name <name>         the queue (default ${DEFAULT_QUEUE_NAME}); the sweep must use the same
  --backend <kind>            tfjs backend of the runs: auto, tensorflow, cpu, wasm (default: the sweep's)
  --data-dir <dir>            this machine's folder of the dataset files (default: the sweep's)
  --work-dir <dir>            where the runs' folders are written here (default: <tmp>/onecycle-worker)
  --lock-duration <ms>        how long a run's lock lasts without renewal before it counts as stalled (default 30000)
  --stalled-interval <ms>     how often this worker looks for stalled runs (default 30000)`;

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (s: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

async function run(args: string[], ctx: CommandContext): Promise<number> {
  const values = parseFlags(args, FLAGS);
  const url = values.get('queue');
  if (typeof url !== 'string') throw new UsageError('missing --queue redis://host:port (the Redis server of the sweep)');
  const num = (flag: string): number | undefined => {
    const raw = values.get(flag);
    return typeof raw === 'string' ? parsePositiveInt(flag, raw) : undefined;
  };
  const concurrency = num('concurrency') ?? 1;
  const options: JsonObject = {};
  const backend = values.get('backend');
  if (backend !== undefined) options['backend'] = parseBackend(backend);
  const dataDir = values.get('data-dir');
  if (typeof dataDir === 'string') options['dataDir'] = ctx.resolvePath(dataDir);
  const workDir = values.get('work-dir');
  const queueName = values.get('queue-name');
  const lockDuration = num('lock-duration');
  const stalledInterval = num('stalled-interval');
  const { stdout } = ctx.io;
  let worker: Awaited<ReturnType<typeof startQueueWorker>>;
  try {
    worker = await startQueueWorker({
      url, runnerModule: trainRunnerModule(), concurrency, options,
      ...(typeof workDir === 'string' ? { workDir: ctx.resolvePath(workDir) } : {}),
      ...(typeof queueName === 'string' ? { queueName } : {}),
      ...(lockDuration === undefined ? {} : { lockDuration }),
      ...(stalledInterval === undefined ? {} : { stalledInterval }),
      onEvent: (e) => stdout.write(`worker: ${e.type} ${e.runId}${e.error === undefined ? '' : `: ${e.error}`}\n`),
    });
  } catch (err) {
    if (err instanceof SweepError) throw new UsageError(`--queue: ${err.message}`, { cause: err });
    throw err;
  }
  stdout.write(`worker ${worker.name}: serving queue ${typeof queueName === 'string' ? queueName : DEFAULT_QUEUE_NAME} at ${url}, ${concurrency} at a time (Ctrl-C to stop)\n`);
  const signal = await waitForSignal();
  stdout.write(`worker ${worker.name}: ${signal}, finishing the runs in progress\n`);
  await worker.close();
  return 0;
}

/**
 * `onecycle worker --queue redis://…`: serves the runs of `onecycle sweep --queue` on this
 * machine until stopped, each run in its own process.
 */
export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'serve the runs of `onecycle sweep --queue` from Redis on this machine',
  usage: USAGE,
  help: HELP,
  run,
};
