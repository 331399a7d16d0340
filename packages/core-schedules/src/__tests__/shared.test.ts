import { describe, expect, it } from 'vitest';
import { DebiasedEma, ScheduleError, SeededRng, mulberry32, seededPermutation } from '../index';

describe('SeededRng', () => {
  it('gives the mulberry32 sequence every earlier release gave (data orders and splits stay the same)', () => {
    const r = mulberry32(42);
    expect([r(), r(), r()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    expect(Array.from(seededPermutation(10, 7))).toEqual([6, 5, 8, 1, 2, 3, 4, 7, 9, 0]);
  });

  it('is deterministic, resumable from its state, and seeds differ', () => {
    const a = new SeededRng(7);
    const first = [a.next(), a.next()];
    const saved = a.state;
    const rest = [a.next(), a.next()];
    const b = new SeededRng(0);
    b.state = saved;
    expect([b.next(), b.next()]).toEqual(rest);
    expect(new SeededRng(7).next()).toBe(first[0]);
    expect(new SeededRng(8).next()).not.toBe(first[0]);
  });

  it('permutations hold every index once', () => {
    const p = Array.from(new SeededRng(3).permutation(1000));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(new SeededRng(3).permutation(0))).toEqual([]);
  });

  it('refuses bad seeds and lengths with a ScheduleError naming them', () => {
    expect(() => new SeededRng(Number.NaN)).toThrow(/seed must be a finite number, got NaN/);
    expect(() => new SeededRng('1' as unknown as number)).toThrow(/seed must be a finite number, got string/);
    expect(() => new SeededRng(1).permutation(-1)).toThrow(ScheduleError);
    expect(() => seededPermutation(2.5, 1)).toThrow(/n must be a non-negative integer, got 2.5/);
  });
});

describe('DebiasedEma', () => {
  it('is the debiased EMA of fastai: the first value unchanged, then beta-weighted', () => {
    const e = new DebiasedEma(0.5);
    expect(e.value).toBeNaN();
    expect(e.update(2)).toBe(2);
    // avg = 0.5*1 + 0.5*4 = ... debiased: (0.25*2*... ) computed by hand: avg1 = 1, avg2 = 0.5 + 2 = 2.5, /0.75
    expect(e.update(4)).toBeCloseTo(2.5 / 0.75, 12);
    expect(e.count).toBe(2);
  });

  it('saves and restores its state exactly, with or without the age sums', () => {
    const a = new DebiasedEma(0.98);
    for (const x of [3, 2.5, 2.4, 2.2]) a.update(x);
    const b = new DebiasedEma(0.98);
    b.restore(a.toJSON());
    const c = new DebiasedEma(0.98);
    c.restore({ avg: a.toJSON().avg, count: a.count });
    expect(b.update(2)).toBe(a.update(2));
    expect(c.update(2)).toBe(b.value);
    expect(c.meanAge).toBeCloseTo(b.meanAge, 12);
    a.reset();
    expect(a.count).toBe(0);
    expect(a.meanAge).toBe(0);
  });

  it('refuses a beta outside [0, 1)', () => {
    expect(() => new DebiasedEma(1)).toThrow(/beta must be a number in \[0, 1\), got 1/);
    expect(() => new DebiasedEma(Number.NaN)).toThrow(ScheduleError);
  });
});
