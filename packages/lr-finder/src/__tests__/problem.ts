// A small learnable problem for the finder tests: 3 Gaussian blobs in 8-D, an 8-16-3 MLP.
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '@onecycle/core-schedules';

export interface Problem { x: tf.Tensor2D; y: tf.Tensor2D; vx: tf.Tensor2D; vy: tf.Tensor2D; dispose(): void }

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function blobs(n: number, seed: number, scale: number): { x: number[][]; y: number[][] } {
  const rand = mulberry32(seed);
  const centers = [0, 1, 2].map((c) => Array.from({ length: 8 }, (_, d) => (d % 3 === c ? 1.5 : -0.5)));
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    x.push((centers[c] ?? []).map((m) => scale * (m + gaussian(rand))));
    y.push([0, 1, 2].map((k) => (k === c ? 1 : 0)));
  }
  return { x, y };
}

export function makeProblem(n = 240, seed = 1, scale = 1): Problem {
  const t = blobs(n, seed, scale);
  const v = blobs(60, seed + 100, scale);
  const p = { x: tf.tensor2d(t.x), y: tf.tensor2d(t.y), vx: tf.tensor2d(v.x), vy: tf.tensor2d(v.y) };
  return { ...p, dispose: () => tf.dispose([p.x, p.y, p.vx, p.vy]) };
}

/**
 * An 8-16-3 MLP. With `logits` the last layer is linear and the loss is softmax cross-entropy on
 * logits, which is unbounded (tfjs's categoricalCrossentropy clips probabilities at 1e-7, so its
 * loss cannot exceed ~16 and a diverging run shows up late through the EMA).
 */
export function makeModel(optimizer: tf.Optimizer | undefined, seed = 7, logits = false): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: 3, activation: logits ? 'linear' : 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  const loss = logits ? (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor => tf.losses.softmaxCrossEntropy(yTrue, yPred) : 'categoricalCrossentropy';
  if (optimizer !== undefined) model.compile({ optimizer, loss });
  return model;
}

/** Every weight and optimizer-state value as plain arrays (Float32 bits compared exactly). */
export async function fingerprint(model: tf.LayersModel): Promise<Array<{ name: string; data: Float32Array | Int32Array | Uint8Array }>> {
  const out: Array<{ name: string; data: Float32Array | Int32Array | Uint8Array }> = [];
  for (const w of model.getWeights()) out.push({ name: 'w', data: await w.data() });
  const opt = model.optimizer;
  if (opt !== undefined) {
    for (const s of await opt.getWeights()) {
      out.push({ name: s.name, data: await s.tensor.data() });
      if (s.name === 'iter') s.tensor.dispose(); // a fresh scalar made by saveIterations()
    }
  }
  return out;
}
