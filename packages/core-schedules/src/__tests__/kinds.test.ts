import { describe, expect, it } from 'vitest';
import { createSchedule, scheduleKinds, type ScheduleSpec } from '../index';
import { expectClose } from './helpers';

describe('constant, multiStep, exponential', () => {
  it('constant gives the same values at every step', () => {
    const s = createSchedule({ kind: 'constant', lr: 0.1, mom: 0.9 });
    expect(s.at(0)).toEqual({ lr: 0.1, mom: 0.9 });
    expect(s.at(123456)).toEqual({ lr: 0.1, mom: 0.9 });
    expect(s.totalSteps).toBeUndefined();
    expect(createSchedule({ kind: 'constant', lr: 0.1 }).at(3)).toEqual({ lr: 0.1 });
  });
  it('multiStep multiplies by gamma at each milestone (PyTorch MultiStepLR)', () => {
    const s = createSchedule({ kind: 'multiStep', lr: 0.1, milestones: [10, 20] });
    expect(s.spec).toEqual({ kind: 'multiStep', lr: 0.1, milestones: [10, 20], gamma: 0.1 });
    expect(s.at(9).lr).toBe(0.1);
    expectClose(s.at(10).lr, 0.01);
    expectClose(s.at(19).lr, 0.01);
    expectClose(s.at(20).lr, 0.001);
    expect(s.boundaries(15)).toEqual([10]);
  });
  it('exponential is lr * gamma^step', () => {
    const s = createSchedule({ kind: 'exponential', lr: 0.1, gamma: 0.9 });
    expectClose(s.at(0).lr, 0.1);
    expectClose(s.at(10).lr, 0.1 * 0.9 ** 10);
  });
});

describe('PyTorch StepLR, CosineAnnealingLR, LinearLR, PolynomialLR', () => {
  it('torchStep multiplies by gamma every stepSize steps, with PyTorch\'s default gamma 0.1', () => {
    const s = createSchedule({ kind: 'torchStep', lr: 0.1, stepSize: 30, mom: 0.9 });
    expect(s.spec).toEqual({ kind: 'torchStep', lr: 0.1, stepSize: 30, gamma: 0.1, mom: 0.9 });
    expect(s.at(29)).toEqual({ lr: 0.1, mom: 0.9 });
    expectClose(s.at(30).lr, 0.01);
    expectClose(s.at(95).lr, 1e-4);
    expect(s.boundaries(91)).toEqual([30, 60, 90]);
  });
  it('torchCosineAnnealing reaches etaMin at tMax and climbs back after, as PyTorch\'s', () => {
    const s = createSchedule({ kind: 'torchCosineAnnealing', lr: 0.1, tMax: 100, etaMin: 0.001 });
    expect(s.at(0).lr).toBe(0.1);
    expectClose(s.at(50).lr, 0.001 + 0.099 / 2);
    expectClose(s.at(100).lr, 0.001);
    expectClose(s.at(150).lr, s.at(50).lr);
    expectClose(s.at(200).lr, 0.1);
    expect(s.spec).toEqual({ kind: 'torchCosineAnnealing', lr: 0.1, tMax: 100, etaMin: 0.001 });
  });
  it('torchLinear warms up from lr/3 over 5 steps by default, then holds', () => {
    const s = createSchedule({ kind: 'torchLinear', lr: 0.3 });
    expect(s.spec).toEqual({ kind: 'torchLinear', lr: 0.3, startFactor: 1 / 3, endFactor: 1, totalIters: 5 });
    expectClose(s.at(0).lr, 0.1);
    expectClose(s.at(1).lr, 0.3 * (1 / 3 + (2 / 3) / 5));
    expectClose(s.at(5).lr, 0.3);
    expectClose(s.at(500).lr, 0.3);
    expect(s.peakLr).toBe(0.3);
    expect(s.boundaries(10)).toEqual([5]);
  });
  it('torchPolynomial decays to 0 at totalIters and stays there', () => {
    const s = createSchedule({ kind: 'torchPolynomial', lr: 0.2, totalIters: 10, power: 2 });
    expectClose(s.at(5).lr, 0.2 * 0.25);
    expect(s.at(10).lr).toBe(0);
    expect(s.at(11).lr).toBe(0);
  });
  it("caffeInv is Caffe's inv policy: lr at step 0, then (1 + gamma step)^-power, with no end", () => {
    const s = createSchedule({ kind: 'caffeInv', lr: 0.01, gamma: 1e-4, power: 0.75, mom: 0.9 });
    expect(s.totalSteps).toBeUndefined();
    expect(s.at(0)).toEqual({ lr: 0.01, mom: 0.9 });
    // Caffe's LeNet solver after 10,000 iterations: 0.01 * 2^-0.75
    expectClose(s.at(10_000).lr, 0.01 * 2 ** -0.75);
    expect(s.at(1e6).lr).toBeGreaterThan(0);
  });
  it('run after a warm-up inside a sequence (PyTorch SequentialLR([LinearLR, CosineAnnealingLR]))', () => {
    const s = createSchedule({ kind: 'sequence', parts: [
      { steps: 5, spec: { kind: 'torchLinear', lr: 0.1, startFactor: 0.1, totalIters: 5 } },
      { steps: 95, spec: { kind: 'torchCosineAnnealing', lr: 0.1, tMax: 95 } },
    ] });
    expectClose(s.at(0).lr, 0.01);
    expectClose(s.at(5).lr, 0.1);
    expectClose(s.at(99).lr, 0.05 * (1 + Math.cos((Math.PI * 94) / 95)));
  });
});

describe('phases (fastai combine_scheds)', () => {
  const s = createSchedule({
    kind: 'phases',
    totalSteps: 100,
    phases: [
      { pct: 0.3, lr: { start: 0.01, end: 0.1, anneal: 'lin' }, mom: { start: 0.95, end: 0.85, anneal: 'cos' } },
      { pct: 0.7, lr: { start: 0.1, end: 0.001, anneal: 'exp' }, mom: { start: 0.85, end: 0.95, anneal: 'poly', power: 2 } },
    ],
  });
  it('follows each phase annealer on its own position', () => {
    expectClose(s.at(0).lr, 0.01);
    expectClose(s.at(15).lr, 0.055);
    expectClose(s.at(15).mom, 0.9);
    expectClose(s.at(30).lr, 0.1);
    expectClose(s.at(30).mom, 0.85);
    expectClose(s.at(65).lr, 0.1 * 0.01 ** 0.5);
    expectClose(s.at(65).mom, 0.85 + 0.1 * 0.25);
    expect(s.boundaries()).toEqual([30]);
    expect(s.peakLr).toBe(0.1);
  });
  it('schedules wd per phase', () => {
    const w = createSchedule({
      kind: 'phases',
      totalSteps: 10,
      phases: [{ pct: 1, lr: { start: 1, end: 1, anneal: 'no' }, wd: { start: 0.1, end: 0, anneal: 'lin' } }],
    });
    expect(w.at(5)).toEqual({ lr: 1, wd: 0.05 });
  });
});

describe('sequence (SequentialLR-like)', () => {
  const s = createSchedule({
    kind: 'sequence',
    parts: [
      { steps: 10, spec: { kind: 'phases', totalSteps: 10, phases: [{ pct: 1, lr: { start: 0.001, end: 0.1, anneal: 'lin' } }] } },
      { steps: 90, spec: { kind: 'torchCosineWarmRestarts', baseLr: 0.1, t0: 90 } },
    ],
  });
  it('runs each part from its own step 0', () => {
    expect(s.totalSteps).toBe(100);
    expectClose(s.at(0).lr, 0.001);
    expectClose(s.at(5).lr, 0.001 + 0.5 * 0.099);
    expectClose(s.at(10).lr, 0.1);
    expectClose(s.at(55).lr, 0.05);
    expect(s.boundaries()).toEqual([10]);
    expect(s.peakLr).toBe(0.1);
    expect(() => s.at(100)).toThrow(/step must be an integer in \[0, 99\]/);
  });
  it('fills the defaults of nested specs', () => {
    const part = s.spec.kind === 'sequence' ? s.spec.parts[1] : undefined;
    expect(part?.spec).toEqual({ kind: 'torchCosineWarmRestarts', baseLr: 0.1, t0: 90, tMult: 1, etaMin: 0 });
  });
});

describe("wd and wdSchedule: 'followLr' on every kind", () => {
  const specs: ScheduleSpec[] = [
    { kind: 'constant', lr: 0.1 },
    { kind: 'fastaiClrBeta', lr: 0.1, stepsPerCycle: 50 },
    { kind: 'fastaiClr', lr: 0.1, stepsPerCycle: 50 },
    { kind: 'fastaiSgdr', lr: 0.1, stepsPerCycle: 50 },
    { kind: 'oneCycle', lrMax: 0.1, totalSteps: 50 },
    { kind: 'torchOneCycle', maxLr: 0.1, totalSteps: 50 },
    { kind: 'torchCyclic', baseLr: 0.01, maxLr: 0.1, stepSizeUp: 10 },
    { kind: 'torchCosineWarmRestarts', baseLr: 0.1, t0: 20 },
    { kind: 'multiStep', lr: 0.1, milestones: [20] },
    { kind: 'exponential', lr: 0.1, gamma: 0.99 },
    { kind: 'torchStep', lr: 0.1, stepSize: 20 },
    { kind: 'torchCosineAnnealing', lr: 0.1, tMax: 40 },
    { kind: 'torchLinear', lr: 0.1, totalIters: 20 },
    { kind: 'torchPolynomial', lr: 0.1, totalIters: 60, power: 2 },
    { kind: 'caffeInv', lr: 0.01, gamma: 1e-4, power: 0.75 },
    { kind: 'phases', totalSteps: 50, phases: [{ pct: 1, lr: { start: 0.1, end: 0.01, anneal: 'cos' } }] },
    { kind: 'sequence', parts: [{ steps: 50, spec: { kind: 'constant', lr: 0.1 } }] },
  ];
  it('covers every kind', () => {
    expect(specs.map((s) => s.kind)).toEqual([...scheduleKinds]);
  });
  for (const base of specs) {
    it(`${base.kind}: constant wd and followLr wd = wd * lr / peakLr`, () => {
      const c = createSchedule({ ...base, wd: 1e-4 });
      expect(c.spec.wdSchedule).toBe('constant');
      expect(c.at(7).wd).toBe(1e-4);
      const f = createSchedule({ ...base, wd: 1e-4, wdSchedule: 'followLr' });
      for (const t of [0, 7, 33]) {
        const h = f.at(t);
        expectClose(h.wd, (1e-4 * h.lr) / f.peakLr, 1e-12, `${base.kind}@${t}`);
      }
      expect(createSchedule(base).at(7).wd).toBeUndefined();
    });
  }
});

describe('boundaries and returned objects', () => {
  it('PyTorch kinds report phase and cycle starts', () => {
    expect(createSchedule({ kind: 'torchOneCycle', maxLr: 0.1, totalSteps: 100 }).boundaries()).toEqual([29]); // ceil of PyTorch's float phase start (0.3 * 100 - 1)
    expect(createSchedule({ kind: 'torchOneCycle', maxLr: 0.1, totalSteps: 100, threePhase: true }).boundaries()).toEqual([29, 58]);
    expect(createSchedule({ kind: 'torchCyclic', baseLr: 0.001, maxLr: 0.01, stepSizeUp: 10, stepSizeDown: 30 }).boundaries(100)).toEqual([10, 40, 50, 80, 90]);
    expect(createSchedule({ kind: 'torchCosineWarmRestarts', baseLr: 0.1, t0: 5, tMult: 2 }).boundaries(90)).toEqual([5, 15, 35, 75]);
  });
  it('boundaries stay below totalSteps even when until is larger', () => {
    expect(createSchedule({ kind: 'oneCycle', lrMax: 1, totalSteps: 10 }).boundaries(1000)).toEqual([3]);
  });
  it('at() returns a fresh object each call', () => {
    const s = createSchedule({ kind: 'constant', lr: 0.1, mom: 0.9, wd: 0.01 });
    const a = s.at(0);
    a.lr = 5;
    expect(s.at(0)).toEqual({ lr: 0.1, mom: 0.9, wd: 0.01 });
  });
  it('a sequence-level wd overrides the parts; without it the parts keep their own', () => {
    const parts = [
      { steps: 5, spec: { kind: 'constant' as const, lr: 0.1, wd: 0.5 } },
      { steps: 5, spec: { kind: 'constant' as const, lr: 0.05 } },
    ];
    const own = createSchedule({ kind: 'sequence', parts });
    expect(own.at(0).wd).toBe(0.5);
    expect(own.at(7).wd).toBeUndefined();
    const top = createSchedule({ kind: 'sequence', parts, wd: 0.2, wdSchedule: 'followLr' });
    expect(top.at(0).wd).toBeCloseTo(0.2, 15);
    expect(top.at(7).wd).toBeCloseTo(0.1, 15);
  });
});
