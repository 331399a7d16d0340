// The entry of a worker process (forked by WorkerPool): loads the runner module named on its
// command line, then runs one config per request from the parent, one at a time.
import { mkdir } from 'node:fs/promises';
import { isHostRunRequest } from './hostMessage';
import type { HostMessage } from './hostMessage';
import { loadRunnerModule } from './sweepRunner';

const send = (m: HostMessage): void => {
  process.send?.(m);
};

// The parent went away (it exited or was killed): nobody will take this process's results, and an
// orphan would burn a core until its run ends.
process.on('disconnect', () => process.exit(0));

async function main(): Promise<void> {
  const specifier = process.argv[2];
  if (specifier === undefined) {
    send({ type: 'fatal', message: 'runnerHost needs the runner module as its argument' });
    process.exit(1);
  }
  let runner: Awaited<ReturnType<typeof loadRunnerModule>>;
  try {
    runner = await loadRunnerModule(specifier);
  } catch (err) {
    send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    process.disconnect?.();
    return;
  }
  let queue = Promise.resolve();
  process.on('message', (m: unknown) => {
    if (!isHostRunRequest(m)) return;
    queue = queue.then(async () => {
      try {
        await mkdir(m.dir, { recursive: true });
        const result = await runner.run(m.config, m.dir, {
          runId: m.runId, options: m.options, progress: (progress) => send({ type: 'progress', runId: m.runId, progress }),
        });
        send({ type: 'done', runId: m.runId, result });
      } catch (err) {
        send({ type: 'error', runId: m.runId, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      }
    });
  });
  send({ type: 'ready' });
}

void main();
