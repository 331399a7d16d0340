// Hand-made inputs shaped like the other packages' outputs (viz tests import no other @onecycle package).
import type { LrFindResultLike, RecorderJSON, SamplePoint, StepScheduleLike } from '../index';

const cosAnneal = (start: number, end: number, pos: number): number => start + ((end - start) * (1 - Math.cos(Math.PI * pos))) / 2;

/** fastai v2 fit_one_cycle: lr lrMax/25 -> lrMax -> lrMax/1e5, mom 0.95 -> 0.85 -> 0.95, pctStart 0.25. */
export function oneCycle(totalSteps: number, lrMax = 1e-3, pctStart = 0.25): StepScheduleLike {
  const split = Math.round(totalSteps * pctStart);
  return {
    spec: { kind: 'oneCycle' },
    totalSteps,
    at(step: number) {
      const pos = step / totalSteps;
      if (pos < pctStart) {
        const p = pos / pctStart;
        return { lr: cosAnneal(lrMax / 25, lrMax, p), mom: cosAnneal(0.95, 0.85, p) };
      }
      const p = (pos - pctStart) / (1 - pctStart);
      return { lr: cosAnneal(lrMax, lrMax / 1e5, p), mom: cosAnneal(0.85, 0.95, p) };
    },
    boundaries: () => [split],
  };
}

/** A triangular CLR without momentum, open-ended (totalSteps undefined), cycles of 2 * half steps. */
export function triangular(half: number): StepScheduleLike {
  return {
    spec: { kind: 'torchCyclic' },
    totalSteps: undefined,
    at(step: number) {
      const c = step % (2 * half);
      return { lr: 0.001 + (0.009 * (c < half ? c : 2 * half - c)) / half };
    },
    boundaries: (until?: number) => {
      const out: number[] = [];
      for (let b = 2 * half; b < (until ?? 0); b += 2 * half) out.push(b);
      return out;
    },
  };
}

/** Three recorded points with momentum. */
export const threePoints: SamplePoint[] = [
  { step: 0, lr: 0.01, mom: 0.95 },
  { step: 1, lr: 0.1, mom: 0.85 },
  { step: 2, lr: 0.001, mom: 0.95 },
];

/** A small Recorder JSON: 2 epochs of 3 batches, one metric. */
export const recorder: RecorderJSON = {
  version: 1,
  batches: [0, 1, 2, 3, 4, 5].map((i) => ({ iteration: i, epoch: i < 3 ? 0 : 1, lr: 0.01 * (i + 1), mom: 0.9, loss: 2 - 0.2 * i, smoothLoss: 2 - 0.15 * i })),
  epochs: [
    { epoch: 0, iteration: 3, trainLoss: 1.8, validLoss: 1.7, metrics: { accuracy: 0.5 }, seconds: 1 },
    { epoch: 1, iteration: 6, trainLoss: 1.2, validLoss: 1.3, metrics: { accuracy: 0.7 }, seconds: 1 },
  ],
};

/** A finder result of 20 points, lr 1e-5 * 2^i, diverged at the end. */
export function finderResult(): LrFindResultLike {
  const lrs = Array.from({ length: 20 }, (_, i) => 1e-5 * 2 ** i);
  const losses = lrs.map((_, i) => (i < 14 ? 2.3 - 0.1 * i : 1 + 0.8 * (i - 13)));
  return {
    lrs,
    losses,
    smoothLosses: losses.map((l) => l + 0.05),
    stopReason: 'diverged',
    iterations: 20,
    mode: 'exp',
    skipStart: 2,
    skipEnd: 3,
    suggestions: { valley: lrs[8] ?? null, slide: null, minimum: lrs[12] ?? null, steep: lrs[6] ?? null, range: { min: lrs[6] ?? 0, max: lrs[10] ?? 0, div: 16 } },
  };
}
