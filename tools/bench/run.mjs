#!/usr/bin/env node
// `npm run bench`: runs every tools/bench/*.bench.mjs, each in its own Node process (a fresh tfjs
// engine and heap per bench, and a timeout so one slow bench cannot eat the whole budget), prints
// each figure next to its target with a verdict, and writes out/bench/report.{json,md} with the
// machine, the load, the backend and the Node version.
//
//   node tools/bench/run.mjs [--only <substring>] [--out <dir>] [--timeout <s per bench>] [--budget <s in all>]
//
// The whole run stays under --budget (default 840 s = 14 min, so `npm run bench` ends within 15):
// each bench gets at most --timeout seconds (default 300) and never more than what is left.
//
// A bench module exports `async function run()` returning `[{ name, value, target }]` (strings).
// Exit code 1 when a bench failed or timed out, or a figure the issue asks for is missing
// (the report is written anyway); a missed target is reported, not an error.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@onecycle/atomic-write';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const RESULT_MARK = '@@bench-result ';

// Child mode: run one bench module and print its rows (plus the backend it left) as one JSON line.
if (process.argv[2] === '--child') {
  const file = process.argv[3];
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.run !== 'function') throw new Error(`${file} must export \`async function run()\``);
  const rows = await mod.run();
  if (!Array.isArray(rows)) throw new Error(`${file}: run() must return an array of { name, value, target }, got ${typeof rows}`);
  let backend = null;
  const tfLoaded = '_tfengine' in globalThis;
  if (tfLoaded) {
    const tf = await import('@tensorflow/tfjs');
    backend = tf.getBackend() ?? null;
  }
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ rows, backend })}\n`);
  process.exit(0);
}

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string', default: path.join(root, 'out/bench') },
    timeout: { type: 'string', default: '300' },
    budget: { type: 'string', default: '840' },
  },
});
const timeoutMs = Number(args.timeout) * 1000;
const budgetMs = Number(args.budget) * 1000;
if (!(timeoutMs > 0)) throw new Error(`--timeout must be a positive number of seconds, got '${args.timeout}'`);
if (!(budgetMs > 0)) throw new Error(`--budget must be a positive number of seconds, got '${args.budget}'`);

// Figures the benchmarks must give: a regex over the figure names, and what it stands for.
const REQUIRED = [
  [/^core-schedules: .* at\(\) calls\/s/, 'schedule at() calls per second per kind'],
  [/^callbacks: bus/, 'callback bus cost per batch'],
  [/^learner: learner\.fit \/ model\.fit/, 'learner.fit / model.fit samples/s ratio'],
  [/^learner: cpu CNN fast \/ stock/, "the cpu-backend Learner's CNN speed, fast / stock filter-gradient kernel"],
  [/^lr-finder: findLr time \/ one epoch/, 'LR finder cost as a fraction of an epoch'],
  [/^viz: .*chart/, 'chart rendering time'],
  [/^runtime-deps: @onecycle\/cli third-party/, 'runtime dependency tree of each package (count and list)'],
  [/^backends: wasm \/ cpu train samples\/s \(MLP/, 'wasm / cpu train samples/s of the demo MLP'],
  [/^backends: wasm \/ cpu train samples\/s \(LeNet/, 'wasm / cpu train samples/s of LeNet 28x28'],
  [/^backends: wasm \/ cpu train samples\/s \(ResNet-8/, 'wasm / cpu train samples/s of ResNet-8 32x32'],
  [/^viz: liveCharts .* \/ MLP step/, 'liveCharts cost per batch against a small MLP step'],
  [/^viz: dashboard .* \/ MLP step/, 'dashboard SSE feed cost per batch against a small MLP step'],
  [/^sweep: speed-up, 2 workers vs 1/, 'sweep wall time, 2 workers vs 1'],
  [/^sweep: BullMQ queue overhead per run/, 'sweep queue overhead per run'],
];

/** Splits "12.5M", "3.1 µs", "0.95" into a number (k/M/G scaled) or null. */
export function parseFigure(text) {
  const m = /^\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*([kMG]?)/.exec(String(text));
  if (m === null) return null;
  const scale = { '': 1, k: 1e3, M: 1e6, G: 1e9 }[m[2]];
  return Number(m[1]) * scale;
}

/** 'met', 'missed' or '' (target not numeric, e.g. 'informative'). */
export function verdict(value, target) {
  const m = /^\s*(<=|>=|<|>)\s*(.+)$/.exec(String(target ?? ''));
  const v = parseFigure(value);
  if (m === null || v === null) return '';
  const t = parseFigure(m[2]);
  if (t === null) return '';
  const ok = { '<': v < t, '<=': v <= t, '>': v > t, '>=': v >= t }[m[1]];
  return ok ? 'met' : 'missed';
}

function runChild(file, limitMs) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [import.meta.filename, '--child', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - t0) / 1000;
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (code === 0 && line !== undefined) {
        const { rows, backend } = JSON.parse(line.slice(RESULT_MARK.length));
        resolve({ ok: true, rows, backend, seconds });
      } else {
        const why = timedOut ? `stopped after ${(limitMs / 1000).toFixed(0)} s (--timeout ${args.timeout}, --budget ${args.budget})` : `exited with code ${code}`;
        const tail = err.split('\n').filter((l) => l.trim() !== '' && !/TensorFlow\.js in Node|tfjs-node|^=+$/.test(l)).slice(-6).join(' | ');
        resolve({ ok: false, error: `${why}${tail === '' ? '' : `: ${tail}`}`, seconds });
      }
    });
  });
}

const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && (args.only === undefined || f.includes(args.only)))
  .sort();
const cpus = os.cpus();
const report = {
  version: 1,
  date: new Date().toISOString(),
  node: process.version,
  tfjs: JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@tensorflow/tfjs/package.json'), 'utf8')).version,
  backends: [],
  machine: {
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadavgStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    loadavgEnd: null,
  },
  totalSeconds: 0,
  benches: [],
  results: [],
  missing: [],
};

const t0 = performance.now();
for (const file of files) {
  const left = budgetMs - (performance.now() - t0);
  process.stdout.write(`bench: ${file} … `);
  const r = left < 1000 ? { ok: false, error: `not run: the ${args.budget} s budget was used up`, seconds: 0 } : await runChild(path.join(here, file), Math.min(timeoutMs, left));
  const entry = { file, seconds: Number(r.seconds.toFixed(1)), ok: r.ok, backend: r.backend ?? null };
  if (r.ok) {
    for (const row of r.rows) {
      report.results.push({ bench: file, name: String(row.name), value: String(row.value), target: String(row.target ?? ''), verdict: verdict(row.value, row.target) });
    }
    if (r.backend !== null && !report.backends.includes(r.backend)) report.backends.push(r.backend);
    console.log(`${r.rows.length} figures in ${r.seconds.toFixed(1)} s${r.backend === null ? '' : ` (${r.backend} backend)`}`);
  } else {
    entry.error = r.error;
    console.log(`FAILED (${r.error})`);
  }
  report.benches.push(entry);
}
report.totalSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
report.machine.loadavgEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
if (args.only === undefined) {
  report.missing = REQUIRED.filter(([re]) => !report.results.some((r) => re.test(r.name))).map(([, what]) => what);
}

const esc = (s) => s.replaceAll('|', '\\|');
const table = [
  '| figure | value | target | verdict |',
  '| --- | --- | --- | --- |',
  ...report.results.map((r) => `| ${esc(r.name)} | ${esc(r.value)} | ${esc(r.target)} | ${r.verdict} |`),
];
const m = report.machine;
const md = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` (tools/bench/run.mjs) on ${report.date}; each bench ran in its own Node process.`,
  '',
  `- machine: ${m.cpus} × ${m.model}, ${m.memGiB} GiB, ${m.platform}`,
  `- load average (1/5/15 min): ${m.loadavgStart.join(' / ')} at start, ${m.loadavgEnd.join(' / ')} at end (the machine may be shared)`,
  `- Node ${report.node}, @tensorflow/tfjs ${report.tfjs}, backend: ${report.backends.join(', ') || 'none'}`,
  `- ${report.totalSeconds} s in all`,
  '',
  ...table,
  '',
  ...report.benches.map((b) => `- ${b.file}: ${b.ok ? `${b.seconds} s${b.backend === null ? '' : `, ${b.backend} backend`}` : `FAILED: ${b.error}`}`),
  ...(report.missing.length === 0 ? [] : ['', `Missing figures: ${report.missing.join('; ')}.`]),
  '',
].join('\n');

fs.mkdirSync(args.out, { recursive: true });
for (const [name, text] of [['report.json', JSON.stringify(report, null, 2) + '\n'], ['report.md', md]]) {
  await writeFileAtomic(path.join(args.out, name), text);
}
console.log(files.length === 0 ? 'bench: no benchmarks found' : `\n${table.join('\n')}`);
if (report.missing.length > 0) console.log(`missing figures: ${report.missing.join('; ')}`);
console.log(`report: ${path.relative(process.cwd(), args.out) || '.'}/report.{json,md} (${report.totalSeconds} s)`);
process.exitCode = report.benches.every((b) => b.ok) && report.missing.length === 0 ? 0 : 1;
