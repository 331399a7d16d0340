// Shared helpers of the experiment drivers in tools/experiments: statistics, the machine
// description, atomic writes, Markdown sections, and running the built `onecycle` executable.
import { spawn } from 'node:child_process';
import { writeFileAtomic } from '@onecycle/atomic-write';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, '../../..');
/** The built `onecycle` executable (packages/cli/dist/bin.js). */
export const BIN = path.join(ROOT, 'packages/cli/dist/bin.js');
/** The built cli's sweep runner module (one sweep run = one `onecycle train` run). */
export const TRAIN_RUNNER = path.join(ROOT, 'packages/cli/dist/trainRunner.js');

/** Arithmetic mean; NaN for an empty list. */
export function mean(xs) {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (n - 1 in the denominator, as Smith's ± figures); 0 for one value. */
export function std(xs) {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

/**
 * Paired differences `a - b` over the seeds both lists have (runs with the same seed share their
 * initial weights and data order): mean, std, and how many seeds came out above / below / level.
 * @param {Array<{ seed: number, value: number }>} a
 * @param {Array<{ seed: number, value: number }>} b
 */
export function paired(a, b) {
  const diffs = [];
  for (const x of a) {
    const y = b.find((v) => v.seed === x.seed);
    if (y !== undefined) diffs.push({ seed: x.seed, diff: x.value - y.value });
  }
  const d = diffs.map((x) => x.diff);
  return { n: d.length, mean: mean(d), std: std(d), above: d.filter((v) => v > 0).length, below: d.filter((v) => v < 0).length, diffs };
}

/** "+0.45 ± 0.30 (4/1)": a {@link paired} result of accuracies, in points, with seeds above/below. */
export function pairedPoints(p, digits = 2) {
  if (p.n === 0) return 'n/a';
  const sign = p.mean >= 0 ? '+' : '−';
  return `${sign}${Math.abs(100 * p.mean).toFixed(digits)} ± ${(100 * p.std).toFixed(digits)} (${p.above}/${p.below})`;
}

/** Mean, std, values and seeds of `{ seed, value }` pairs (one per run). */
export function seedStats(list) {
  const values = list.map((x) => x.value);
  return { values, seeds: list.map((x) => x.seed), mean: mean(values), std: std(values) };
}

/**
 * Mean and std per epoch of one variant's test accuracy, over the runs of `runs` (entries of
 * {@link readRunEntry}) that reached that epoch.
 */
export function accuracyCurve(runs, variant) {
  const mine = runs.filter((r) => r.variant === variant && r.error === undefined);
  const last = Math.max(0, ...mine.map((r) => r.epochs.length));
  return Array.from({ length: last }, (_, i) => {
    const values = mine.map((r) => r.epochs[i]?.testAccuracy).filter((v) => v !== undefined);
    return { epoch: i + 1, mean: mean(values), std: std(values), n: values.length };
  });
}

/**
 * For each `{ seed, value }` target, the first epoch at which the run of `runs` with that seed
 * reaches the value (runs with the same seed share initial weights and data order), that epoch
 * over `budget`, and the mean ± std of the ratio over the seeds that reached it.
 */
export function epochsToMatch(targets, runs, budget) {
  const perSeed = targets.map((t) => {
    const r = runs.find((x) => x.seed === t.seed && x.error === undefined);
    const epochs = r === undefined ? null : firstEpochReaching(r.epochs.map((e) => e.testAccuracy), t.value);
    return { seed: t.seed, target: t.value, epochs, ratio: epochs === null ? null : epochs / budget };
  });
  const ratios = perSeed.filter((x) => x.ratio !== null).map((x) => x.ratio);
  return { perSeed, ratioMean: ratios.length > 0 ? mean(ratios) : null, ratioStd: ratios.length > 1 ? std(ratios) : null, reachedSeeds: ratios.length };
}

/** The first epoch (1-based) whose value is >= `target`, or null when none is. */
export function firstEpochReaching(values, target) {
  const i = values.findIndex((v) => v !== undefined && v >= target);
  return i < 0 ? null : i + 1;
}

/** "91.23 ± 0.45" from fractions in [0, 1], in percent with `digits` decimals. */
export function pctPm(xs, digits = 2) {
  return `${(100 * mean(xs)).toFixed(digits)} ± ${(100 * std(xs)).toFixed(digits)}`;
}

/** The machine, Node and load, for the results files (the machine is shared: the load matters). */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

export { writeFileAtomic };

/**
 * Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->` in a Markdown file
 * (the markers stay), so generated tables in hand-written docs always hold the printed numbers.
 * @returns false when the file or its markers are absent (nothing is written)
 */
export async function replaceSection(file, name, body) {
  if (!fs.existsSync(file)) return false;
  const text = fs.readFileSync(file, 'utf8');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) return false;
  await writeFileAtomic(file, `${text.slice(0, i + begin.length)}\n${body.trimEnd()}\n${text.slice(j)}`);
  return true;
}

/** Checks that the CLI is built and has a `train` command; exits with a clear message if not. */
export function requireTrainCommand() {
  if (!fs.existsSync(BIN)) {
    console.error(`${path.relative(ROOT, BIN)} is missing: build the CLI first (npx nx run @onecycle/cli:build, or npx tsup in packages/cli)`);
    process.exit(1);
  }
}

/**
 * Runs `onecycle <args…>` in a child Node process.
 * @param args - arguments after the executable
 * @param opts - `cwd`, `log` (a writable stream that gets stdout and stderr), `env`
 * @returns `{ code, seconds, stdout, stderr }`
 */
export function runOnecycle(args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      opts.log?.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.log?.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, seconds: (performance.now() - t0) / 1000, stdout, stderr }));
  });
}

/**
 * Reads a `--seeds 0,1,2` value (or the default) into whole numbers >= 0.
 * @param {string | undefined} arg - the flag's value
 * @param {string} fallback - used when the flag is absent
 * @returns {number[]}
 */
export function parseSeeds(arg, fallback) {
  const text = arg ?? fallback;
  const seeds = text.split(',').map((s) => Number(s.trim()));
  if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`--seeds must be whole numbers >= 0 separated by commas, got '${text}'`);
  return seeds;
}

/**
 * Opens an experiment's train.log in `outDir` (appending with `resume`) and returns a `say(line)`
 * that prints a time-stamped line and appends it to the log, plus `end()`.
 * @param {string} outDir - the experiment's output folder (created)
 * @param {boolean} resume - append instead of starting the log over
 * @returns {{ say: (line: string) => void, log: import('node:fs').WriteStream, end: () => void }}
 */
export function experimentLog(outDir, resume) {
  fs.mkdirSync(outDir, { recursive: true });
  const log = fs.createWriteStream(path.join(outDir, 'train.log'), { flags: resume ? 'a' : 'w' });
  const say = (line) => {
    const stamped = `[${new Date().toISOString().slice(11, 19)}] ${line}`;
    console.log(stamped);
    log.write(`${stamped}\n`);
  };
  return { say, log, end: () => log.end() };
}

/**
 * Runs an experiment's runs as one sweep (@onecycle/sweep): a named variant per `train` config
 * (its seed replaced by each of `seeds`), in `workers` processes of the built cli's runner, into
 * `outDir` (results.json, summary.md, report.html and runs/<variant>/seed-<n>/).
 * @param {{ description: string, outDir: string, variants: Array<[string, object]>, seeds: number[], workers: number, resume: boolean, say: (line: string) => void, backend?: string, metric?: string }} opts
 * @returns {Promise<{ results: object, runDirOf: (id: string, seed: number) => string, recordOf: (id: string, seed: number) => object | undefined }>}
 */
export async function runVariantSweep(opts) {
  const { localExecutor, parseSweepConfig, runSweep } = await import('@onecycle/sweep');
  const variants = Object.fromEntries(opts.variants.map(([id, config]) => {
    const set = { ...config };
    delete set.seed;
    return [id, set];
  }));
  // every field comes from the variant: the base is empty, so a run's config is exactly its variant's
  const sweep = parseSweepConfig({ description: opts.description, base: {}, variants, seeds: opts.seeds, metric: opts.metric ?? 'accuracy', baseline: opts.variants[0][0] });
  const executor = localExecutor({ runnerModule: TRAIN_RUNNER, workers: opts.workers, options: { backend: opts.backend ?? 'cpu' } });
  opts.say(`sweep: ${opts.variants.length} variants x ${opts.seeds.length} seeds on ${opts.workers} worker process${opts.workers === 1 ? '' : 'es'}, backend ${opts.backend ?? 'cpu'} -> ${path.relative(ROOT, opts.outDir)}`);
  let outcome;
  try {
    outcome = await runSweep({
      sweep, outDir: opts.outDir, executor, resume: opts.resume,
      onEvent: (e) => {
        if (e.type === 'plan' && e.complete > 0) opts.say(`sweep: ${e.complete} runs complete from before, ${e.pending} to run`);
        if (e.type === 'finish') opts.say(`${e.runId}: ${e.status === 'done' ? `done in ${e.seconds?.toFixed(1)} s` : `FAILED ${e.error}`}`);
      },
    });
  } finally {
    await executor.close();
  }
  const recordOf = (id, seed) => outcome.results.runs.find((r) => r.cell === id && r.seed === seed);
  const runDirOf = (id, seed) => path.join(opts.outDir, recordOf(id, seed)?.dir ?? `missing-${id}-seed-${seed}`);
  return { results: outcome.results, runDirOf, recordOf };
}

/**
 * One run of a variant sweep as the experiments record it: its config, the sweep's status and
 * timing, and from the `train` run's history.json the backend, sizes and test numbers per epoch.
 * @param {{ variant: string, seed: number, config: object, record: object | undefined, runDir: string }} run
 * @returns {{ entry: object, history: object | null }} `entry.error` is set when the run did not complete
 */
export function readRunEntry({ variant, seed, config, record, runDir }) {
  const historyFile = path.join(runDir, 'history.json');
  if (record?.status !== 'done' || !fs.existsSync(historyFile)) {
    return { entry: { variant, seed, config, error: record?.error ?? 'not run', epochs: [] }, history: null };
  }
  const h = JSON.parse(fs.readFileSync(historyFile, 'utf8'));
  const entry = {
    variant, seed, config, wallSeconds: record.timing?.seconds, backend: h.backend, trainSamples: h.trainSamples, validSamples: h.validSamples,
    batchesPerEpoch: h.batchesPerEpoch, schedule: h.schedule, trainSeconds: Number(h.seconds.toFixed(1)),
    epochs: h.epochs.map((e) => ({ epoch: e.epoch, trainLoss: e.trainLoss, testLoss: e.validLoss, testAccuracy: e.accuracy, seconds: Number(e.seconds.toFixed(2)) })),
  };
  return { entry, history: h };
}

/** "83.10 84.02 …": an entry's test accuracy per epoch, in percent. */
export const accuracyByEpoch = (entry) => entry.epochs.map((e) => (100 * e.testAccuracy).toFixed(2)).join(' ');

/**
 * Reads `--workers` (default: one per core).
 * @param {string | undefined} arg - the flag's value
 * @returns {number}
 */
export function parseWorkers(arg) {
  const n = arg === undefined ? os.availableParallelism() : Number(arg);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--workers must be a whole number >= 1, got '${arg}'`);
  return n;
}
