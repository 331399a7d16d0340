import { describe, expect, it } from 'vitest';
import { createSchedule } from '../index';
import { expectClose } from './helpers';

// Values computed by hand from fastai 0.7's CircularLR_beta / CircularLR / CosAnneal formulas.

describe('fastaiClrBeta: the request example use_clr_beta=(10, 10, 0.95, 0.85), lr 0.01', () => {
  // 100 batches per cycle: c = floor(100 * 0.9 / 2) = 45, 2c = 90, last phase 10 steps.
  const s = createSchedule({ kind: 'fastaiClrBeta', lr: 0.01, stepsPerCycle: 100, div: 10, pct: 10, maxMom: 0.95, minMom: 0.85 });
  const cases: Array<[number, number, number]> = [
    [0, 0.001, 0.95], // start: L/div, max momentum
    [20, 0.001 * (1 + (20 / 45) * 9), 0.95 - (20 / 45) * 0.1],
    [44, 0.001 * (1 + (44 / 45) * 9), 0.95 - (44 / 45) * 0.1],
    [45, 0.01, 0.85], // peak LR, min momentum
    [46, 0.001 * (1 + (44 / 45) * 9), 0.95 - (44 / 45) * 0.1],
    [60, 0.007, 0.95 - (2 / 3) * 0.1],
    [90, 0.001, 0.95], // back to L/div
    [91, 0.001 * (1 - 0.99 * 0.1), 0.95], // last phase: momentum stays at max
    [95, 0.001 * (1 - 0.99 * 0.5), 0.95],
    [99, 0.001 * (1 - 0.99 * 0.9), 0.95],
    [100, 0.001, 0.95], // next cycle
    [145, 0.01, 0.85],
  ];
  for (const [t, lr, mom] of cases) {
    it(`step ${t}`, () => {
      const h = s.at(t);
      expectClose(h.lr, lr, 1e-12, `lr@${t}`);
      expectClose(h.mom, mom, 1e-12, `mom@${t}`);
    });
  }
  it('fills defaults, is open-ended and reports phase starts', () => {
    expect(s.totalSteps).toBeUndefined();
    expect(s.peakLr).toBe(0.01);
    expect(s.boundaries(250)).toEqual([45, 90, 100, 145, 190, 200, 245]);
    expect(s.boundaries()).toEqual([]);
    expect(createSchedule({ kind: 'fastaiClrBeta', lr: 0.01, stepsPerCycle: 100 }).spec).toEqual({
      kind: 'fastaiClrBeta', lr: 0.01, stepsPerCycle: 100, div: 10, pct: 10,
    });
  });
  it('a 2-tuple (no maxMom/minMom) leaves momentum alone', () => {
    expect(createSchedule({ kind: 'fastaiClrBeta', lr: 0.01, stepsPerCycle: 100 }).at(45)).toEqual({ lr: 0.01 });
  });
});

describe('fastaiClrBeta: the replication setting (lr 0.8, div 10, pct 13.68, 95 epochs of 98 batches)', () => {
  // n = 9310, c = floor(9310 * 0.8632 / 2) = floor(4018.196) = 4018 (= 41 epochs up), 2c = 8036, tail 1274.
  const s = createSchedule({ kind: 'fastaiClrBeta', lr: 0.8, stepsPerCycle: 95 * 98, div: 10, pct: 13.68, maxMom: 0.95, minMom: 0.85 });
  const cases: Array<[number, number, number]> = [
    [0, 0.08, 0.95],
    [2009, 0.08 * (1 + 0.5 * 9), 0.9],
    [4018, 0.8, 0.85],
    [4019, 0.08 * (1 + (1 - 1 / 4018) * 9), 0.95 - (1 - 1 / 4018) * 0.1],
    [6027, 0.08 * (1 + 0.5 * 9), 0.9],
    [8036, 0.08, 0.95],
    [8036 + 637, 0.08 * (1 - 0.99 * 0.5), 0.95],
    [9309, 0.08 * (1 - (0.99 * 1273) / 1274), 0.95],
    [9310, 0.08, 0.95],
  ];
  for (const [t, lr, mom] of cases) {
    it(`step ${t}`, () => {
      const h = s.at(t);
      expectClose(h.lr, lr, 1e-12, `lr@${t}`);
      expectClose(h.mom, mom, 1e-12, `mom@${t}`);
    });
  }
  it('phase starts fall on the epochs of the write-up (41 up, 41 down, 13 tail)', () => {
    expect(s.boundaries(9310)).toEqual([41 * 98, 82 * 98]);
  });
});

describe('fastaiClr: use_clr=(4, 8)', () => {
  // 80 batches: cut = 10.
  const s = createSchedule({ kind: 'fastaiClr', lr: 0.01, stepsPerCycle: 80, maxMom: 0.95, minMom: 0.85 });
  const cases: Array<[number, number, number]> = [
    [0, 0.0025, 0.95],
    [5, (0.01 * (1 + 0.5 * 3)) / 4, 0.9],
    [10, 0.01, 0.85],
    [45, (0.01 * (1 + 0.5 * 3)) / 4, 0.9],
    [79, (0.01 * (1 + (1 / 70) * 3)) / 4, 0.95 - (1 / 70) * 0.1],
    [80, 0.0025, 0.95],
  ];
  for (const [t, lr, mom] of cases) {
    it(`step ${t}`, () => {
      const h = s.at(t);
      expectClose(h.lr, lr, 1e-12, `lr@${t}`);
      expectClose(h.mom, mom, 1e-12, `mom@${t}`);
    });
  }
  it('fills div = 4, cutDiv = 8', () => {
    expect(createSchedule({ kind: 'fastaiClr', lr: 1, stepsPerCycle: 80 }).spec).toEqual({ kind: 'fastaiClr', lr: 1, stepsPerCycle: 80, div: 4, cutDiv: 8 });
    expect(s.boundaries(170)).toEqual([10, 80, 90, 160]);
  });
});

describe('fastaiSgdr: cycle_len / cycle_mult (CosAnneal)', () => {
  it('warms up at L/100 for the first n/20 steps, then cosine, restarting every cycle', () => {
    const s = createSchedule({ kind: 'fastaiSgdr', lr: 0.1, stepsPerCycle: 100 });
    expectClose(s.at(0).lr, 0.001, 1e-12);
    expectClose(s.at(4).lr, 0.001, 1e-12);
    expectClose(s.at(5).lr, 0.05 * (1 + Math.cos((Math.PI * 5) / 100)), 1e-12);
    expectClose(s.at(50).lr, 0.05, 1e-12);
    expectClose(s.at(99).lr, 0.05 * (1 + Math.cos((Math.PI * 99) / 100)), 1e-12);
    expectClose(s.at(100).lr, 0.1, 1e-12); // restart, no second warm-up
    expectClose(s.at(150).lr, 0.05, 1e-12);
    expect(s.boundaries(250)).toEqual([5, 100, 200]);
    expect(s.spec).toEqual({ kind: 'fastaiSgdr', lr: 0.1, stepsPerCycle: 100, cycleMult: 1, warmup: true });
  });
  it('cycleMult 2 doubles each cycle', () => {
    const s = createSchedule({ kind: 'fastaiSgdr', lr: 0.1, stepsPerCycle: 10, cycleMult: 2, warmup: false });
    expectClose(s.at(0).lr, 0.1, 1e-12);
    expectClose(s.at(5).lr, 0.05, 1e-12);
    expectClose(s.at(10).lr, 0.1, 1e-12);
    expectClose(s.at(20).lr, 0.05, 1e-12);
    expectClose(s.at(30).lr, 0.1, 1e-12);
    expectClose(s.at(50).lr, 0.05, 1e-12);
    expect(s.boundaries(80)).toEqual([10, 30, 70]);
  });
});
