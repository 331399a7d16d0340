import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The built executable; the sweep tests need it (nx builds the cli before its tests). */
export const BIN = path.resolve(import.meta.dirname, '../../dist/bin.js');

/** Fails loudly when the cli is not built: worker processes load dist/trainRunner.js. */
export function requireBuiltCli(): void {
  if (!existsSync(BIN) || !existsSync(path.join(path.dirname(BIN), 'trainRunner.js'))) {
    throw new Error(`${BIN} is not built: run \`npx tsup\` in packages/cli first (nx does it before the tests)`);
  }
}

/** A process of the built `onecycle`, with its output collected. */
export interface Spawned {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
  /** Resolves when stdout has matched `re`. */
  waitFor: (re: RegExp) => Promise<RegExpExecArray>;
}

/**
 * Starts `onecycle <args>` from the built executable.
 * @param args - the arguments
 * @param cwd - the working folder
 * @returns the process and its output
 */
export function onecycle(args: string[], cwd: string): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: Array<{ re: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (d: string) => {
    out += d;
    for (const w of [...waiters]) {
      const m = w.re.exec(out);
      if (m !== null) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  child.stderr?.on('data', (d: string) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child, out: () => out, err: () => err, exit,
    waitFor: (re) => new Promise((resolve, reject) => {
      const m = re.exec(out);
      if (m !== null) return resolve(m);
      waiters.push({ re, resolve });
      void exit.then(() => setTimeout(() => reject(new Error(`exited before printing ${re}; stdout:\n${out}\nstderr:\n${err}`)), 50));
    }),
  };
}

/**
 * results.json without each run's timing (seconds, worker): what two identical sweeps share.
 * @param file - the path
 * @returns the parsed file
 */
export function resultsWithoutTiming(file: string): unknown {
  const results: { runs: Array<Record<string, unknown>> } = JSON.parse(readFileSync(file, 'utf8'));
  for (const run of results.runs) delete run['timing'];
  return results;
}

/** A tiny sweep on the tiny IDX folder of `idxWorkspace`: 4 cells x 2 seeds. */
export const TINY_SWEEP = {
  description: 'tiny grid',
  base: { dataset: 'mnist', dataDir: 'idx', model: { name: 'mlp', hidden: [8] }, batchSize: 32, epochs: 2, schedule: { fitOneCycle: { lrMax: 0.1 } }, optimizer: { name: 'sgdw' } },
  grid: { 'schedule.fitOneCycle.lrMax': [0.05, 0.2], 'optimizer.weightDecay': [0, 0.01] },
  seeds: [0, 1],
  metric: 'accuracy',
};
