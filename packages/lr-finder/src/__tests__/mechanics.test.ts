import { describe, expect, it } from 'vitest';
import { DebiasedEma } from '@onecycle/core-schedules';
import { DivergenceTracker, LrFinderError, finderLr, resolveLrFinderOptions } from '../index';

describe('finderLr', () => {
  const exp = { startLr: 1e-7, endLr: 10, numIt: 100, mode: 'exp' as const };
  it('exp mode hits both ends and has a constant ratio', () => {
    expect(finderLr(0, exp)).toBe(1e-7);
    expect(finderLr(99, exp)).toBe(10);
    const ratio = (1e8) ** (1 / 99);
    for (let i = 1; i < 100; i++) expect(finderLr(i, exp) / finderLr(i - 1, exp)).toBeCloseTo(ratio, 10);
  });
  it('linear mode is evenly spaced', () => {
    const lin = { startLr: 0.1, endLr: 1, numIt: 10, mode: 'linear' as const };
    for (let i = 0; i < 10; i++) expect(finderLr(i, lin)).toBeCloseTo(0.1 + 0.1 * i, 14);
    expect(finderLr(9, lin)).toBe(1);
  });
  it('rejects iterations outside [0, numIt)', () => {
    expect(() => finderLr(100, exp)).toThrow(LrFinderError);
    expect(() => finderLr(-1, exp)).toThrow(/iteration must be/);
  });
});

describe('DebiasedEma', () => {
  it('returns the first loss unchanged and keeps a constant series constant', () => {
    const e = new DebiasedEma();
    expect(e.update(2)).toBeCloseTo(2, 12);
    for (let i = 0; i < 50; i++) expect(e.update(2)).toBeCloseTo(2, 12);
  });
  it('matches fastai\'s formula', () => {
    const e = new DebiasedEma(0.98);
    e.update(1);
    e.update(2);
    const avg = 0.98 * (0.02 * 1) + 0.02 * 2;
    expect(e.update(3)).toBeCloseTo((0.98 * avg + 0.02 * 3) / (1 - 0.98 ** 3), 12);
  });
});

describe('DivergenceTracker', () => {
  it('tracks the best only after the warm-up and stops above factor x best', () => {
    const d = new DivergenceTracker(4, 2);
    expect(d.check(0, 0.1)).toBe('ok'); // not tracked
    expect(d.check(1, 100)).toBe('ok'); // best still Infinity
    expect(d.check(2, 1)).toBe('ok');
    expect(d.best).toBe(1);
    expect(d.check(3, 3.9)).toBe('ok');
    expect(d.check(4, 4.1)).toBe('diverged');
  });
  it('reports non-finite losses', () => {
    expect(new DivergenceTracker().check(0, NaN)).toBe('nonFinite');
    expect(new DivergenceTracker().check(0, Infinity)).toBe('nonFinite');
  });
});

describe('resolveLrFinderOptions', () => {
  it('fills in fastai defaults', () => {
    expect(resolveLrFinderOptions()).toEqual({
      startLr: 1e-7, endLr: 10, numIt: 100, mode: 'exp', stopDiv: true, divergeFactor: 4,
      mom: undefined, wd: undefined, validLoss: false, skipStart: 10, skipEnd: 5, beta: 0.98,
    });
  });
  it.each([
    [{ startLr: 1, endLr: 1 }, /startLr must be < endLr, got startLr 1 and endLr 1/],
    [{ startLr: 0 }, /startLr must be a finite number > 0, got 0/],
    [{ numIt: 9 }, /numIt must be an integer >= 10, got 9/],
    [{ numIt: 10.5 }, /numIt/],
    [{ divergeFactor: 1 }, /divergeFactor/],
    [{ mom: 1 }, /mom must be in \[0, 1\), got 1/],
    [{ wd: -1 }, /wd must be/],
    [{ skipEnd: -1 }, /skipEnd/],
  ])('rejects %o', (opts, msg) => {
    expect(() => resolveLrFinderOptions(opts)).toThrow(msg);
    expect(() => resolveLrFinderOptions(opts)).toThrow(LrFinderError);
  });
});
