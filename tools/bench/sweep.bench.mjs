// @onecycle/sweep: wall time of one tiny sweep (8 real `onecycle train` runs on generated IDX
// data, pure-JS CPU backend) on 1 worker process and on 2, side by side (alternating, twice; the
// faster of each), and the BullMQ queue's
// overhead per run (a sweep of 40 empty runs through Redis minus the same through 1 local worker;
// only when Debian's redis-server is installed). Needs packages/cli built (dist/trainRunner.js).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { localExecutor, parseSweepConfig, queueExecutor, runSweep, startQueueWorker } from '@onecycle/sweep';

const root = path.resolve(import.meta.dirname, '../..');
const trainRunner = path.join(root, 'packages/cli/dist/trainRunner.js');

function idx(magic, dims, payload) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(payload)]);
}

/** n 12x12 images of 4 classes (a bright band per class over seeded noise), MNIST file names. */
function writeIdx(dir, train, test) {
  const make = (n, seed) => {
    const images = new Uint8Array(n * 144);
    const labels = new Uint8Array(n);
    let s = seed;
    for (let i = 0; i < n; i++) {
      const c = i % 4;
      labels[i] = c;
      for (let p = 0; p < 144; p++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        images[i * 144 + p] = ((s >>> 24) % 90) + (Math.floor(p / 36) === c ? 150 : 0);
      }
    }
    return { images, labels };
  };
  const tr = make(train, 1);
  const te = make(test, 2);
  writeFileSync(path.join(dir, 'train-images-idx3-ubyte'), idx(0x803, [train, 12, 12], tr.images));
  writeFileSync(path.join(dir, 'train-labels-idx1-ubyte'), idx(0x801, [train], tr.labels));
  writeFileSync(path.join(dir, 't10k-images-idx3-ubyte'), idx(0x803, [test, 12, 12], te.images));
  writeFileSync(path.join(dir, 't10k-labels-idx1-ubyte'), idx(0x801, [test], te.labels));
}

async function timeSweep(sweep, outDir, executor) {
  const t0 = performance.now();
  try {
    const { failed, results } = await runSweep({ sweep, outDir, executor });
    if (failed > 0) throw new Error(`${failed} runs of the bench sweep failed, e.g. ${results.runs.find((r) => r.error !== undefined)?.error}`);
  } finally {
    await executor.close();
  }
  return (performance.now() - t0) / 1000;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function queueOverhead(dir) {
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((resolve) => redis.stdout.on('data', (d) => String(d).includes('Ready to accept') && resolve()));
  const empty = path.join(dir, 'emptyRunner.mjs');
  writeFileSync(empty, 'export async function run(config) { return { series: [{ epoch: 1, accuracy: config.x }] }; }\n');
  const sweep = parseSweepConfig({ base: { x: 0 }, grid: { x: Array.from({ length: 40 }, (_, i) => i) }, metric: 'accuracy' });
  const url = `redis://127.0.0.1:${port}`;
  try {
    const local = await timeSweep(sweep, path.join(dir, 'q-local'), localExecutor({ runnerModule: empty, workers: 1 }));
    const worker = await startQueueWorker({ url, runnerModule: empty, workDir: path.join(dir, 'q-work') });
    let queued;
    try {
      queued = await timeSweep(sweep, path.join(dir, 'q-queue'), queueExecutor({ url }));
    } finally {
      await worker.close();
    }
    return ((queued - local) / 40) * 1000;
  } finally {
    redis.kill('SIGTERM');
  }
}

export async function run() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onecycle-sweep-bench-'));
  try {
    writeIdx(dir, 2400, 400);
    const sweep = parseSweepConfig({
      base: { dataset: 'mnist', dataDir: dir, model: { name: 'mlp', hidden: [256, 128] }, batchSize: 32, epochs: 3, optimizer: { name: 'sgdw' }, schedule: { fitOneCycle: { lrMax: 0.1 } } },
      grid: { 'schedule.fitOneCycle.lrMax': [0.05, 0.1, 0.2, 0.4], 'optimizer.weightDecay': [0, 1e-3] },
      metric: 'accuracy',
    });
    const options = { backend: 'cpu' };
    // 1 and 2 workers alternate, twice, and the faster of each counts: a shared machine's load
    // changes over minutes, and a spike should not decide the ratio
    const times = { 1: [], 2: [] };
    for (const round of [0, 1]) {
      for (const workers of [1, 2]) {
        times[workers].push(await timeSweep(sweep, path.join(dir, `w${workers}-r${round}`), localExecutor({ runnerModule: trainRunner, workers, options })));
      }
    }
    const one = Math.min(...times[1]);
    const two = Math.min(...times[2]);
    const overhead = await queueOverhead(dir);
    return [
      { name: 'sweep: 8 tiny train runs, 1 worker (s)', value: one.toFixed(1), target: 'informative' },
      { name: 'sweep: 8 tiny train runs, 2 workers (s)', value: two.toFixed(1), target: 'informative' },
      { name: 'sweep: speed-up, 2 workers vs 1 (x)', value: (one / two).toFixed(2), target: '>= 1.7' },
      { name: 'sweep: BullMQ queue overhead per run (ms)', value: overhead === null ? 'skipped (no redis-server)' : overhead.toFixed(1), target: '< 100' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) console.table(await run());
