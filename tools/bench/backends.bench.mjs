// Training and inference speed per backend, side by side in one process: samples/s of one train
// step (forward, loss, backward, SGD with momentum) and of inference, for the demo's MLP
// (784-256-128-10 with batch norm), LeNet-5 on 28x28 and ResNet-8 (option-A shortcuts) on 32x32,
// all from the cli's model zoo, batch 64, random data. Backends: `cpu` (pure JS, with the faster
// filter-gradient kernel the cli swaps in) and `wasm` (with the learner's training kernels). Where
// /usr/bin/python3 has torch, the same models in PyTorch (torch_models.py, one thread, as wasm in
// Node) run in the same bench, and wasm's speed is given as a fraction of PyTorch's.
// Each figure is the median of a few timed rounds after a warm-up; backends alternate per model.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '@onecycle/learner';
import { lenet, mlp, resnet, useFastConvFilterGrad } from '@onecycle/cli';

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
 * Samples/s of `step` (one batch): the median over 3 rounds of at least `minMs` each, after one
 * warm-up step; a step slower than `minMs` (ResNet-8 on cpu) is timed once, to stay in the budget.
 */
async function rate(step, minMs) {
  const w0 = performance.now();
  step();
  if (performance.now() - w0 > minMs) {
    const t0 = performance.now();
    step();
    return BATCH / ((performance.now() - t0) / 1000);
  }
  const rounds = [];
  for (let r = 0; r < 3; r++) {
    let n = 0;
    const t0 = performance.now();
    do {
      step();
      n++;
    } while (performance.now() - t0 < minMs);
    rounds.push((n * BATCH) / ((performance.now() - t0) / 1000));
  }
  return median(rounds);
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
  const out = { train: await rate(train, minMs), infer: await rate(infer, minMs / 2) };
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
    res[m.key] = { wasm: await measure('wasm', m), cpu: await measure('cpu', m) };
  }
  restore();
  await tf.setBackend('wasm');
  const torch = torchRates();
  const rows = [];
  const f = (v) => v.toFixed(0);
  for (const m of MODELS) {
    const { cpu, wasm } = res[m.key];
    const where = `${m.label}, batch ${BATCH}`;
    rows.push({ name: `backends: cpu train samples/s (${where})`, value: f(cpu.train), target: '' });
    rows.push({ name: `backends: wasm train samples/s (${where})`, value: f(wasm.train), target: '' });
    rows.push({ name: `backends: cpu inference samples/s (${where})`, value: f(cpu.infer), target: '' });
    rows.push({ name: `backends: wasm inference samples/s (${where})`, value: f(wasm.infer), target: '' });
    const target = m.key === 'mlp' ? '>= 4' : m.key === 'lenet' ? '>= 3' : '';
    rows.push({ name: `backends: wasm / cpu train samples/s (${where})`, value: (wasm.train / cpu.train).toFixed(2), target });
    rows.push({ name: `backends: wasm / cpu inference samples/s (${where})`, value: (wasm.infer / cpu.infer).toFixed(2), target: '' });
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
