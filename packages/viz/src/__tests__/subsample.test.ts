import { describe, expect, it } from 'vitest';
import { VizError, subsample } from '../index';

describe('subsample', () => {
  it('returns a copy of a short series unchanged', () => {
    const rows = [{ x: 0, v: 1 }, { x: 1, v: 2 }];
    expect(subsample(rows, ['v'], 10)).toEqual(rows);
  });

  it('keeps at most maxPoints rows, in order, with first, last and every extreme', () => {
    // A sawtooth with 7 sharp peaks over 10,000 points.
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ x: i, v: i % 1429 === 700 ? 100 : Math.sin(i / 50) }));
    const out = subsample(rows, ['v'], 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out[0]).toEqual({ x: 0, v: 0 });
    expect(out.at(-1)).toEqual(rows[9999]);
    expect(out.filter((r) => r.v === 100).map((r) => r.x)).toEqual([700, 2129, 3558, 4987, 6416, 7845, 9274]);
    expect(out.map((r) => r.x)).toEqual([...out.map((r) => r.x)].sort((a, b) => a - b));
    expect(Math.min(...out.map((r) => r.v))).toBe(Math.min(...rows.map((r) => r.v)));
  });

  it('keeps the extremes of every key', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ x: i, a: i === 333 ? -5 : 0, b: i === 777 ? 9 : 0 }));
    const out = subsample(rows, ['a', 'b'], 20);
    expect(out.find((r) => r.a === -5)).toEqual({ x: 333, a: -5, b: 0 });
    expect(out.find((r) => r.b === 9)).toEqual({ x: 777, a: 0, b: 9 });
  });

  it('rejects a maxPoints below 8 with a VizError naming it', () => {
    expect(() => subsample([], ['v'], 3)).toThrowError(new VizError('maxPoints must be an integer >= 8, got 3: it is the most points drawn per series'));
    expect(() => subsample([], ['v'], 10.5)).toThrow(VizError);
  });
});
