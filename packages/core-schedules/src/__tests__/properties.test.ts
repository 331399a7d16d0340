import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSchedule, type AnnealSpec, type PhaseSpec, type ScheduleSpec, type StepSchedule } from '../index';

/** A random valid spec plus what must hold for it. */
interface Case {
  spec: ScheduleSpec;
  lr: [number, number];
  mom?: [number, number];
  /** Boundaries where the schedule is continuous (cycle restarts are jumps by design). */
  continuousAt?: (b: number) => boolean;
}

const lr = fc.double({ min: 1e-5, max: 10, noNaN: true });
const mom = fc.double({ min: 0.5, max: 0.99, noNaN: true });
const range = (a: number, b: number): [number, number] => [Math.min(a, b), Math.max(a, b)];
const span = (...xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

const arbs: Record<ScheduleSpec['kind'], fc.Arbitrary<Case>> = {
  constant: fc.record({ lr, mom: fc.option(mom, { nil: undefined }) }).map(({ lr: l, mom: m }) =>
    m === undefined ? { spec: { kind: 'constant', lr: l }, lr: [l, l] } : { spec: { kind: 'constant', lr: l, mom: m }, lr: [l, l], mom: [m, m] },
  ),
  fastaiClrBeta: fc
    .record({ lr, n: fc.integer({ min: 20, max: 600 }), div: fc.double({ min: 1, max: 50, noNaN: true }), pct: fc.double({ min: 0, max: 40, noNaN: true }), a: mom, b: mom })
    .map(({ lr: l, n, div, pct, a, b }) => ({
      spec: { kind: 'fastaiClrBeta', lr: l, stepsPerCycle: n, div, pct, maxMom: Math.max(a, b), minMom: Math.min(a, b) },
      lr: [(l / div) * 0.01, l],
      mom: range(a, b),
      continuousAt: (t: number) => t % n !== 0,
    })),
  fastaiClr: fc
    .record({ lr, n: fc.integer({ min: 20, max: 600 }), div: fc.double({ min: 1, max: 50, noNaN: true }), cutDiv: fc.double({ min: 1.5, max: 6, noNaN: true }), a: mom, b: mom })
    .map(({ lr: l, n, div, cutDiv, a, b }) => ({
      spec: { kind: 'fastaiClr', lr: l, stepsPerCycle: n, div, cutDiv, maxMom: Math.max(a, b), minMom: Math.min(a, b) },
      lr: [l / div, l],
      mom: range(a, b),
      continuousAt: (t: number) => t % n !== 0,
    })),
  fastaiSgdr: fc
    .record({ lr, n: fc.integer({ min: 1, max: 300 }), cycleMult: fc.integer({ min: 1, max: 3 }), warmup: fc.boolean() })
    .map(({ lr: l, n, cycleMult, warmup }) => ({ spec: { kind: 'fastaiSgdr', lr: l, stepsPerCycle: n, cycleMult, warmup }, lr: [0, l] })),
  oneCycle: fc
    .record({ lr, T: fc.integer({ min: 1, max: 1500 }), pct: fc.double({ min: 0.05, max: 0.95, noNaN: true }), div: fc.double({ min: 1, max: 100, noNaN: true }), divFinal: fc.double({ min: 1, max: 1e6, noNaN: true }), m: fc.tuple(mom, mom, mom) })
    .map(({ lr: l, T, pct, div, divFinal, m }) => ({
      spec: { kind: 'oneCycle', lrMax: l, totalSteps: T, pctStart: pct, div, divFinal, moms: m },
      lr: span(l, l / div, l / divFinal),
      mom: span(...m),
      continuousAt: () => true,
    })),
  torchOneCycle: fc
    .record({ lr, T: fc.integer({ min: 20, max: 1500 }), pct: fc.double({ min: 0.1, max: 0.45, noNaN: true }), strat: fc.constantFrom('cos' as const, 'linear' as const), three: fc.boolean(), cm: fc.boolean(), a: mom, b: mom, divF: fc.double({ min: 1, max: 100, noNaN: true }), fin: fc.double({ min: 1, max: 1e5, noNaN: true }) })
    .map(({ lr: l, T, pct, strat, three, cm, a, b, divF, fin }): Case => {
      const spec: ScheduleSpec = {
        kind: 'torchOneCycle', maxLr: l, totalSteps: T, pctStart: pct, annealStrategy: strat, threePhase: three, cycleMomentum: cm,
        baseMomentum: Math.min(a, b), maxMomentum: Math.max(a, b), divFactor: divF, finalDivFactor: fin,
      };
      const c: Case = { spec, lr: span(l, l / divF, l / divF / fin), continuousAt: () => true };
      if (cm) c.mom = range(a, b);
      return c;
    }),
  torchCyclic: fc
    .record({ base: lr, top: lr, up: fc.integer({ min: 3, max: 200 }), down: fc.integer({ min: 3, max: 200 }), mode: fc.constantFrom('triangular' as const, 'triangular2' as const, 'expRange' as const), gamma: fc.double({ min: 0.9, max: 1, noNaN: true }), a: mom, b: mom })
    .map(({ base, top, up, down, mode, gamma, a, b }) => ({
      spec: { kind: 'torchCyclic', baseLr: base, maxLr: top, stepSizeUp: up, stepSizeDown: down, mode, gamma, baseMomentum: Math.min(a, b), maxMomentum: Math.max(a, b) },
      lr: range(base, top),
      mom: range(a, b),
      continuousAt: () => true,
    })),
  torchCosineWarmRestarts: fc
    .record({ base: lr, t0: fc.integer({ min: 1, max: 200 }), tMult: fc.integer({ min: 1, max: 3 }), etaMin: fc.double({ min: 0, max: 1e-3, noNaN: true }) })
    .map(({ base, t0, tMult, etaMin }) => ({ spec: { kind: 'torchCosineWarmRestarts', baseLr: base, t0, tMult, etaMin }, lr: range(base, etaMin) })),
  multiStep: fc
    .record({ lr, ms: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { maxLength: 5 }), gamma: fc.double({ min: 0.01, max: 3, noNaN: true }) })
    .map(({ lr: l, ms, gamma }) => {
      const sorted = [...ms].sort((x, y) => x - y);
      const lrs = sorted.map((_, i) => l * gamma ** (i + 1));
      return { spec: { kind: 'multiStep', lr: l, milestones: sorted, gamma }, lr: span(l, ...lrs) };
    }),
  exponential: fc
    .record({ lr, gamma: fc.double({ min: 0.95, max: 1, noNaN: true }) })
    .map(({ lr: l, gamma }) => ({ spec: { kind: 'exponential', lr: l, gamma }, lr: [l * gamma ** 2000, l] })),
  torchStep: fc
    .record({ lr, stepSize: fc.integer({ min: 1, max: 300 }), gamma: fc.double({ min: 0.05, max: 1, noNaN: true }), mom: fc.option(mom, { nil: undefined }) })
    .map(({ lr: l, stepSize, gamma, mom: m }) => ({
      spec: { kind: 'torchStep', lr: l, stepSize, gamma, ...(m === undefined ? {} : { mom: m }) },
      lr: [l * gamma ** Math.floor(1999 / stepSize), l],
      ...(m === undefined ? {} : { mom: [m, m] as [number, number] }),
    })),
  torchCosineAnnealing: fc
    .record({ lr, tMax: fc.integer({ min: 1, max: 500 }), etaMin: fc.double({ min: 0, max: 1e-3, noNaN: true }) })
    .map(({ lr: l, tMax, etaMin }) => ({ spec: { kind: 'torchCosineAnnealing', lr: l, tMax, etaMin }, lr: range(l, etaMin), continuousAt: () => true })),
  torchLinear: fc
    .record({ lr, startFactor: fc.double({ min: 0.01, max: 1, noNaN: true }), endFactor: fc.double({ min: 0, max: 1, noNaN: true }), totalIters: fc.integer({ min: 1, max: 300 }) })
    .map(({ lr: l, startFactor, endFactor, totalIters }) => ({
      spec: { kind: 'torchLinear', lr: l, startFactor, endFactor, totalIters }, lr: range(l * startFactor, l * endFactor), continuousAt: () => true,
    })),
  torchPolynomial: fc
    .record({ lr, totalIters: fc.integer({ min: 1, max: 300 }), power: fc.double({ min: 1, max: 3, noNaN: true }) }) // power < 1 falls steepest in its last step
    .map(({ lr: l, totalIters, power }) => ({ spec: { kind: 'torchPolynomial', lr: l, totalIters, power }, lr: [0, l], continuousAt: () => true })),
  caffeInv: fc
    .record({ lr, gamma: fc.double({ min: 1e-6, max: 1, noNaN: true }), power: fc.double({ min: 0.01, max: 3, noNaN: true }) })
    .map(({ lr: l, gamma, power }) => ({ spec: { kind: 'caffeInv', lr: l, gamma, power }, lr: [l * (1 + gamma * 1999) ** -power, l], continuousAt: () => true })),
  phases: fc
    .record({
      T: fc.integer({ min: 1, max: 1500 }),
      parts: fc.array(fc.record({ w: fc.integer({ min: 1, max: 10 }), v: lr, m: mom, anneal: fc.constantFrom('lin' as const, 'cos' as const, 'poly' as const, 'no' as const) }), { minLength: 1, maxLength: 5 }),
      v0: lr,
      m0: mom,
    })
    .map(({ T, parts, v0, m0 }): Case => {
      const total = parts.reduce((s, p) => s + p.w, 0);
      let v = v0;
      let m = m0;
      const lrs = [v0];
      const moms = [m0];
      const phases: PhaseSpec[] = parts.map((p) => {
        const next = p.anneal === 'no' ? v : p.v;
        const nextM = p.anneal === 'no' ? m : p.m;
        const a: AnnealSpec = p.anneal === 'poly' ? { start: v, end: next, anneal: 'poly', power: 2 } : { start: v, end: next, anneal: p.anneal };
        const b: AnnealSpec = { ...a, start: m, end: nextM };
        v = next;
        m = nextM;
        lrs.push(v);
        moms.push(m);
        return { pct: p.w / total, lr: a, mom: b };
      });
      return { spec: { kind: 'phases', totalSteps: T, phases }, lr: span(...lrs), mom: span(...moms), continuousAt: () => true };
    }),
  sequence: fc
    .record({ a: lr, b: lr, w: fc.integer({ min: 1, max: 300 }), T: fc.integer({ min: 20, max: 500 }) })
    .map(({ a, b, w, T }) => ({
      spec: {
        kind: 'sequence',
        parts: [
          { steps: w, spec: { kind: 'phases', totalSteps: w, phases: [{ pct: 1, lr: { start: a / 10, end: a, anneal: 'lin' } }] } },
          { steps: T, spec: { kind: 'oneCycle', lrMax: b, totalSteps: T } },
        ],
      },
      lr: span(a / 10, a, b, b / 25, b / 1e5),
    })),
};

function horizon(s: StepSchedule): number {
  return Math.min(s.totalSteps ?? 2000, 2000);
}

function within(x: number | undefined, [lo, hi]: [number, number], what: string): void {
  const v = x ?? NaN;
  const eps = 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
  if (!(Number.isFinite(v) && v >= lo - eps && v <= hi + eps)) expect.fail(`${what} = ${v} outside [${lo}, ${hi}]`);
}

function jumpsOk(xs: number[], bounds: number[], ok: (b: number) => boolean, what: string): void {
  const d = (t: number): number => Math.abs((xs[t] ?? 0) - (xs[t - 1] ?? 0));
  const edges = [0, ...bounds, xs.length];
  bounds.forEach((b, i) => {
    if (!ok(b) || b + 1 >= xs.length) return;
    const l0 = (edges[i] ?? 0) + 1;
    const r1 = edges[i + 2] ?? xs.length;
    // A phase of a single step has no step-to-step change to compare with.
    if (l0 >= b || b + 1 >= r1) return;
    let left = 0;
    for (let t = l0; t < b; t++) left = Math.max(left, d(t));
    let right = 0;
    for (let t = b + 1; t < r1; t++) right = Math.max(right, d(t));
    const scale = Math.max(...xs.map(Math.abs));
    // 1.5: a curved phase's last step can be a little larger than its previous ones.
    if (!(d(b) <= (left + right) * 1.5 + 1e-12 * scale)) expect.fail(`${what}: jump ${d(b)} at join ${b} exceeds one step's change (left ${left}, right ${right})`);
  });
}

describe('property tests over random valid specs of every kind', () => {
  for (const [kind, arb] of Object.entries(arbs)) {
    it(`${kind}: finite, inside its range, continuous at joins, JSON round trip`, () => {
      fc.assert(
        fc.property(arb, (c) => {
          const s = createSchedule(c.spec);
          const n = horizon(s);
          const lrs: number[] = [];
          const moms: number[] = [];
          for (let t = 0; t < n; t++) {
            const h = s.at(t);
            within(h.lr, c.lr, `lr@${t}`);
            if (!(h.lr <= s.peakLr * (1 + 1e-12))) expect.fail(`lr@${t} = ${h.lr} above peakLr ${s.peakLr}`);
            lrs.push(h.lr);
            if (c.mom !== undefined) {
              within(h.mom, c.mom, `mom@${t}`);
              moms.push(h.mom ?? NaN);
            }
          }
          const bounds = s.boundaries(n);
          bounds.forEach((b, i) => {
            expect(Number.isInteger(b) && b > 0 && b < n).toBe(true);
            if (i > 0) expect(b).toBeGreaterThan(bounds[i - 1] ?? 0);
          });
          if (c.continuousAt !== undefined) {
            jumpsOk(lrs, bounds, c.continuousAt, 'lr');
            if (c.mom !== undefined) jumpsOk(moms, bounds, c.continuousAt, 'mom');
          }
          const round: unknown = JSON.parse(JSON.stringify(s.spec));
          expect(round).toEqual(s.spec);
          const again = createSchedule(s.spec);
          expect(again.spec).toEqual(s.spec);
          for (const t of [0, n >> 1, n - 1]) expect(again.at(t)).toEqual(s.at(t));
        }),
        { numRuns: 40, seed: 20180326 },
      );
    });
  }
});
