import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LrFinderError, minimum, slide, steep, suggestAll, suggestRange, valley } from '../index';

const noSkip = { skipStart: 0, skipEnd: 0 };
const decades = (n: number, from = -6): number[] => Array.from({ length: n }, (_, i) => 10 ** (from + i));

describe('minimum', () => {
  it('is the lr at the lowest loss divided by 10', () => {
    expect(minimum([1e-3, 1e-2, 1e-1, 1, 10], [5, 4, 1, 0.5, 3], noSkip)).toBeCloseTo(0.1, 12);
  });
  it('skips 10 points at the start and 5 at the end by default', () => {
    const lrs = decades(20, -10);
    const losses = lrs.map((_, i) => (i < 10 ? -100 : i >= 15 ? -100 : 20 - i));
    // index 14 is the lowest loss among the kept points 10..14
    expect(minimum(lrs, losses)).toBeCloseTo((lrs[14] ?? 0) / 10, 20);
  });
});

describe('steep', () => {
  it('is the start of the steepest segment in log lr', () => {
    // slopes per decade: -1, -3, -0.5, +2.5
    expect(steep([1e-3, 1e-2, 1e-1, 1, 10], [5, 4, 1, 0.5, 3], noSkip)).toBe(1e-2);
  });
  it('measures slope against log lr, not lr', () => {
    // equal loss drops, but the second drop happens over a tenth of the log-lr distance
    expect(steep([1e-4, 1e-2, 10 ** -1.8], [3, 2, 1], noSkip)).toBe(1e-2);
  });
  it('is null for a curve that never falls', () => {
    expect(steep([1, 2, 3, 4], [1, 2, 3, 4], noSkip)).toBeNull();
  });
});

describe('valley', () => {
  it('follows fastai: start + floor(len/3) + floor(len/6) on a monotone valley', () => {
    const lrs = decades(15);
    const losses = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6];
    // longest decreasing sequence ends at 9 with length 10; start = -1; idx = -1 + 3 + 1 = 3
    expect(valley(lrs, losses, noSkip)).toBe(lrs[3]);
  });
  it('uses the longest decreasing subsequence, not only adjacent points', () => {
    const lrs = decades(7);
    // LDS 5 > 4 > 2 > 1 ends at index 5 with length 4: start 1, idx 1 + 1 + 0 = 2
    expect(valley(lrs, [3, 5, 4, 2, 6, 1, 7], noSkip)).toBe(lrs[2]);
  });
  it('is null when no decreasing run of 3 points exists', () => {
    expect(valley([1, 2, 3, 4], [1, 0.5, 2, 3], noSkip)).toBeNull();
  });
});

describe('slide', () => {
  it('slides the window left until the gradients at its ends agree', () => {
    const lrs = [1, 2, 3, 4, 5, 6, 7];
    // np.gradient = [0, 0, 0, .5, 1.5, 2.5, 3]; stops when window [0, 2] has equal ends
    expect(slide(lrs, [0, 0, 0, 0, 1, 3, 6], { ...noSkip, lrDiff: 2, thresh: 0.1 })).toBe(2);
  });
  it('applies adjustValue', () => {
    expect(slide([1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 1, 3, 6], { ...noSkip, lrDiff: 2, thresh: 0.1, adjustValue: 0.5 })).toBe(1);
  });
  it('is null when the curve is not longer than lrDiff', () => {
    expect(slide(decades(10), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], noSkip)).toBeNull();
  });
});

describe('suggestRange', () => {
  const lrs = decades(7);
  const losses = [5, 4.8, 4, 2.5, 1.5, 1.2, 3];
  it('takes max at the end of the fast-falling stretch and min = max / div', () => {
    // slopes per decade up to the minimum: -0.2, -0.8, -1.5, -1.0, -0.3; steepest -1.5;
    // still >= half as steep through segment 3 (ends at point 4)
    const r = suggestRange(lrs, losses, noSkip);
    expect(r).not.toBeNull();
    expect(r?.max).toBe(1e-2);
    expect(r?.div).toBe(10);
    expect(r?.min).toBeCloseTo(1e-3, 15);
  });
  it('honours div and fraction', () => {
    expect(suggestRange(lrs, losses, { ...noSkip, div: 25 })?.min).toBeCloseTo(1e-2 / 25, 15);
    // slopes across 3-point windows, centres 1..5: -0.5, -1.15, -1.25, -0.65, +0.75: the walk stops at the rise
    expect(suggestRange(lrs, losses, { ...noSkip, fraction: 0.1 })?.max).toBe(lrs[4]);
    expect(suggestRange(lrs, losses, { ...noSkip, fraction: 1 })?.max).toBe(lrs[3]);
  });
  it('keeps max below the lr of the lowest loss', () => {
    const r = suggestRange(lrs, losses, { ...noSkip, fraction: 0.01 });
    expect(r?.max).toBeLessThanOrEqual(lrs[5] ?? 0);
  });
  it('rejects div <= 1 and fraction outside (0, 1]', () => {
    expect(() => suggestRange(lrs, losses, { div: 1 })).toThrow(/div must be/);
    expect(() => suggestRange(lrs, losses, { fraction: 0 })).toThrow(LrFinderError);
  });
});

describe('degenerate curves', () => {
  const lrs = decades(30, -8);
  it('flat curves give null everywhere', () => {
    const s = suggestAll(lrs, lrs.map(() => 2.3));
    expect(s).toMatchObject({ valley: null, slide: null, minimum: null, steep: null, range: null });
    expect(s.reasons?.range).toBe('the smoothed loss does not change');
  });
  it('too-short curves give null everywhere', () => {
    const s = suggestAll(lrs.slice(0, 14), lrs.slice(0, 14).map((_, i) => 10 - i));
    expect(s).toMatchObject({ valley: null, slide: null, minimum: null, steep: null, range: null });
    expect(s.reasons?.steep).toMatch(/^only 0 points are left after skipStart\/skipEnd/);
    expect(suggestAll([], [])).toMatchObject({ valley: null, slide: null, minimum: null, steep: null, range: null });
  });
  it('a NaN tail is cut off before skipping', () => {
    const losses = [5, 4, 1, 0.5, NaN, Infinity, NaN];
    expect(minimum(decades(7), losses, noSkip)).toBeCloseTo(1e-4, 18);
    expect(steep(decades(7), losses, noSkip)).toBe(decades(7)[1]);
    const all = suggestAll(decades(7), [NaN, NaN, NaN, NaN, NaN, NaN, NaN], noSkip);
    expect(all.minimum).toBeNull();
  });
  it('mismatched arrays and bad lrs are LrFinderErrors', () => {
    expect(() => minimum([1, 2], [1])).toThrow(LrFinderError);
    expect(() => steep([1, -2], [1, 2])).toThrow(/lrs\[1\] must be a positive finite number, got -2/);
    expect(() => valley([1, 2], [1, 2], { skipStart: -1 })).toThrow(/skipStart/);
  });
  it('never crashes and only suggests lrs from the curve (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(NaN)), { maxLength: 60 }),
        (losses) => {
          const xs = losses.map((_, i) => 1e-7 * 1.2 ** i);
          const s = suggestAll(xs, losses);
          for (const v of [s.valley, s.slide, s.steep, s.range?.max ?? null]) {
            if (v !== null) expect(xs).toContain(v);
          }
          if (s.minimum !== null) expect(xs.map((x) => x / 10)).toContain(s.minimum);
        },
      ),
      { numRuns: 300 },
    );
  });
});
