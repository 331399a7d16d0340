import { describe, expect, it } from 'vitest';
import { combinedCos, combineScheds, createSchedule, schedCos, schedExp, schedLin, schedNo, schedPoly } from '../index';
import { expectClose } from './helpers';

const cos = (s: number, e: number, p: number): number => s + ((1 + Math.cos(Math.PI * (1 - p))) * (e - s)) / 2;

describe('fastai v2 annealers', () => {
  it('match sched_lin / sched_cos / sched_exp / sched_poly / sched_no', () => {
    expectClose(schedLin(1, 3)(0.25), 1.5);
    expectClose(schedCos(0, 1)(0), 0);
    expectClose(schedCos(0, 1)(0.5), 0.5);
    expectClose(schedCos(0, 1)(1), 1);
    expectClose(schedCos(2, 0)(0.25), 2 + ((1 + Math.cos(Math.PI * 0.75)) * -2) / 2);
    expectClose(schedExp(1e-7, 10)(0.5), 1e-3);
    expectClose(schedPoly(1, 0, 2)(0.5), 0.75);
    expect(schedNo(0.1, 5)(0.9)).toBe(0.1);
  });
  it('combineScheds switches phase at the cumulative pcts', () => {
    const f = combineScheds([0.3, 0.7], [schedLin(0.1, 1), schedCos(1, 0)]);
    expectClose(f(0), 0.1);
    expectClose(f(0.15), 0.55);
    expectClose(f(0.3), 1);
    expectClose(f(0.65), 0.5);
    expectClose(f(1), 0, 1e-12);
  });
  it('combinedCos is the 1cycle shape', () => {
    const f = combinedCos(0.25, 0.004, 0.1, 1e-6);
    expectClose(f(0), 0.004);
    expectClose(f(0.25), 0.1);
    expectClose(f(1), 1e-6);
    expectClose(f(0.125), cos(0.004, 0.1, 0.5));
  });
});

describe('oneCycle: fastai v2 fit_one_cycle', () => {
  const s = createSchedule({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 100 });
  it('fills the v2 defaults', () => {
    expect(s.spec).toEqual({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 100, pctStart: 0.25, div: 25, divFinal: 1e5, moms: [0.95, 0.85, 0.95] });
    expect(s.totalSteps).toBe(100);
    expect(s.peakLr).toBe(0.1);
    expect(s.boundaries()).toEqual([25]);
  });
  const cases: Array<[number, number, number]> = [
    [0, 0.004, 0.95],
    [10, cos(0.004, 0.1, 0.4), cos(0.95, 0.85, 0.4)],
    [24, cos(0.004, 0.1, 0.96), cos(0.95, 0.85, 0.96)],
    [25, 0.1, 0.85],
    [50, 0.1 - 0.25 * (0.1 - 1e-6), 0.875],
    [99, cos(0.1, 1e-6, 74 / 75), cos(0.85, 0.95, 74 / 75)],
  ];
  for (const [t, lr, mom] of cases) {
    it(`step ${t} (pos ${t}/100)`, () => {
      const h = s.at(t);
      expectClose(h.lr, lr, 1e-12, `lr@${t}`);
      expectClose(h.mom, mom, 1e-12, `mom@${t}`);
    });
  }
  it('custom pctStart, div, divFinal, moms', () => {
    const c = createSchedule({ kind: 'oneCycle', lrMax: 1, totalSteps: 10, pctStart: 0.3, div: 10, divFinal: 100, moms: [0.9, 0.8, 0.7] });
    expectClose(c.at(0).lr, 0.1);
    expectClose(c.at(3).lr, 1);
    expectClose(c.at(3).mom, 0.8);
    expectClose(c.at(9).lr, cos(1, 0.01, 6 / 7));
    expectClose(c.at(9).mom, cos(0.8, 0.7, 6 / 7));
  });
  it('moms: false leaves the momentum out and keeps the LR curve', () => {
    const on = createSchedule({ kind: 'oneCycle', lrMax: 1, totalSteps: 10 });
    const off = createSchedule({ kind: 'oneCycle', lrMax: 1, totalSteps: 10, moms: false });
    expect(off.spec).toMatchObject({ moms: false });
    for (let i = 0; i < 10; i++) expect(off.at(i)).toEqual({ lr: on.at(i).lr });
    expect(off.boundaries()).toEqual(on.boundaries());
  });
});
