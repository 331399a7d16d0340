// Training and inference speed per backend, side by side in one process: samples/s of one train
// step (forward, loss, backward, SGD with momentum) and of inference, for the demo's MLP
// (784-256-128-10 with batch norm), LeNet-5 on 28x28 and ResNet-8 (option-A shortcuts) on 32x32,
// all from the cli's model zoo, batch 64, random data. Backends: `cpu` (pure JS, with the faster
// filter-gradient kernel the cli swaps in) and `wasm` (with the learner's training kernels). Where
// /usr/bin/python3 has torch, the same models in PyTorch (torch_models.py, one thread, as wasm in
// Node) run in the same bench, and wasm's speed is given as a fraction of PyTorch's.
// Backends alternate in pairs per model; each figure is the median over the pairs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '@onecycle/learner';
import { useFastConvFilterGrad } from '@onecycle/learner';
import { lenet, mlp, resnet } from '@onecycle/zoo';

const BATCH = 64;
const here = import.meta.dirname;

const MODELS = [
  { key: 'mlp', label: 'MLP 784-256-128-10 + BN', shape: [784], build: () => mlp({ inputShape: [784], numClasses: 10, hidden: [256, 128], batchNorm: true, seed: 1 }) },
  { key: 'lenet', label: 'LeNet-5 28x28', shape: [28, 28, 1], build: () => lenet({ inputShape: [28, 28, 1], numClasses: 10, seed: 1 }) },
  { key: 'resnet8', label: 'ResNet-8 32x32', shape: [32, 32, 3], build: () => resnet({ inputShape: [32, 32, 3], numClasses: 10, depth: 8, seed: 1 }) },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Samples/s of `step` (one batch) over one round of at least `minMs`, after one warm-up step; a
 * step slower than `minMs` (ResNet-8 on cpu) is timed once, to stay in the budget.
 */
function rate(step, minMs) {
  const w0 = performance.now();
  step();
  let n = 0;
  const t0 = performance.now();
  do {
    step();
    n++;
  } while (performance.now() - w0 < minMs && performance.now() - t0 < minMs);
  return (n * BATCH) / ((performance.now() - t0) / 1000);
}

async function measure(backend, m) {
  await tf.setBackend(backend);
  const model = m.build();
  const x = tf.randomNormal([BATCH, ...m.shape], 0, 1, 'float32', 3);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 4), 10).toFloat());
  const opt = tf.train.momentum(0.01, 0.9);
  const train = () => {
    const loss = opt.minimize(() => tf.mean(tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }))), true);
    loss.dataSync();
    loss.dispose();
  };
  const infer = () => tf.tidy(() => model.predict(x).dataSync());
  const minMs = backend === 'cpu' && m.key !== 'mlp' ? 1200 : 700;
  const out = { train: rate(train, minMs), infer: rate(infer, minMs / 2) };
  opt.dispose();
  model.dispose();
  tf.dispose([x, y]);
  return out;
}

function torchRates() {
  const py = '/usr/bin/python3';
  const r = spawnSync(py, [path.join(here, 'torch_models.py'), String(BATCH)], { encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) return { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').at(-1) };
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

export async function run() {
  registerWasmTrainingKernels();
  const restore = useFastConvFilterGrad();
  const res = {};
  for (const m of MODELS) {
    // alternating pairs (which goes first alternates too): the ratio is the median of the
    // per-pair ratios, robust to a shared machine whose load drifts
    const pairs = m.key === 'resnet8' ? 1 : 3;
    const runs = [];
    for (let i = 0; i < pairs; i++) {
      const first = i % 2 === 0 ? 'wasm' : 'cpu';
      const a = await measure(first, m);
      const b = await measure(first === 'wasm' ? 'cpu' : 'wasm', m);
      runs.push(first === 'wasm' ? { wasm: a, cpu: b } : { wasm: b, cpu: a });
    }
    const med = (f) => median(runs.map(f));
    res[m.key] = {
      cpu: { train: med((r) => r.cpu.train), infer: med((r) => r.cpu.infer) },
      wasm: { train: med((r) => r.wasm.train), infer: med((r) => r.wasm.infer) },
      ratio: { train: med((r) => r.wasm.train / r.cpu.train), infer: med((r) => r.wasm.infer / r.cpu.infer) },
      pairs,
    };
  }
  restore();
  await tf.setBackend('wasm');
  const torch = torchRates();
  const rows = [];
  const f = (v) => v.toFixed(0);
  for (const m of MODELS) {
    const { cpu, wasm, ratio, pairs } = res[m.key];
    const where = `${m.label}, batch ${BATCH}`;
    rows.push({ name: `backends: cpu train samples/s (${where})`, value: f(cpu.train), target: '' });
    rows.push({ name: `backends: wasm train samples/s (${where})`, value: f(wasm.train), target: '' });
    rows.push({ name: `backends: cpu inference samples/s (${where})`, value: f(cpu.infer), target: '' });
    rows.push({ name: `backends: wasm inference samples/s (${where})`, value: f(wasm.infer), target: '' });
    const target = m.key === 'mlp' ? '>= 4' : m.key === 'lenet' ? '>= 3' : '';
    rows.push({ name: `backends: wasm / cpu train samples/s (${where}; median of ${pairs} alternating pairs)`, value: ratio.train.toFixed(2), target });
    rows.push({ name: `backends: wasm / cpu inference samples/s (${where}; median of ${pairs} alternating pairs)`, value: ratio.infer.toFixed(2), target: '' });
    const t = torch[m.key];
    if (t !== undefined) {
      rows.push({ name: `backends: PyTorch ${torch.version} (1 thread) train samples/s (${where})`, value: f(t.train), target: '' });
      rows.push({ name: `backends: PyTorch ${torch.version} (1 thread) inference samples/s (${where})`, value: f(t.infer), target: '' });
      rows.push({ name: `backends: wasm / PyTorch train samples/s (${where})`, value: (wasm.train / t.train).toFixed(2), target: '>= 0.5' });
      rows.push({ name: `backends: wasm / PyTorch inference samples/s (${where})`, value: (wasm.infer / t.infer).toFixed(2), target: '' });
    }
  }
  if (torch.error !== undefined) rows.push({ name: 'backends: PyTorch comparison', value: `skipped (${torch.error})`, target: 'informative' });
  return rows;
}
