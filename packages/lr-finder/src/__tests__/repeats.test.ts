import { describe, expect, it } from 'vitest';
import type { LrFindResult } from '../index';
import { combineRepeats, finderLr, suggestAll } from '../index';

function run(shift: number, length = 40): LrFindResult {
  const opts = { startLr: 1e-5, endLr: 1, numIt: 40, mode: 'exp' as const };
  const lrs = Array.from({ length }, (_, i) => finderLr(i, opts));
  const smooth = lrs.map((_, i) => 1 + ((i - 25 - shift) / 10) ** 2);
  return {
    lrs, losses: smooth, smoothLosses: smooth, stopReason: 'completed', iterations: length, mode: 'exp',
    skipStart: 5, skipEnd: 2, suggestions: suggestAll(lrs, smooth, { skipStart: 5, skipEnd: 2 }),
  };
}

describe('combineRepeats', () => {
  it('gives per-lr median while every run goes on, and low and high over the runs that reached each lr', () => {
    const runs = [run(-2), run(0), run(2, 30)];
    const c = combineRepeats(runs);
    expect(c.repeats?.n).toBe(3);
    expect(c.repeats?.lrs).toEqual(runs[0]?.lrs);
    const k = 10;
    const vals = runs.map((r) => r.smoothLosses[k] ?? NaN).sort((a, b) => a - b);
    expect(c.repeats?.median[k]).toBe(vals[1]);
    expect(c.repeats?.low[k]).toBe(vals[0]);
    expect(c.repeats?.high[k]).toBe(vals[2]);
    // only two runs reach k = 35: no median there (it would jump from a 3-run to a 2-run median) ...
    expect(c.repeats?.median.slice(30).every(Number.isNaN)).toBe(true);
    expect(c.repeats?.median.slice(0, 30).every(Number.isFinite)).toBe(true);
    // ... but the band still shows how far the other runs went
    const two = [runs[0]?.smoothLosses[35] ?? NaN, runs[1]?.smoothLosses[35] ?? NaN];
    expect(c.repeats?.low[35]).toBe(Math.min(...two));
    expect(c.repeats?.high[35]).toBe(Math.max(...two));
    // and the suggestions read the median only: none past the point where a run stopped
    expect(c.suggestions.steep).toBeLessThanOrEqual(runs[0]?.lrs[29] ?? 0);
  });
  it('reports the spread of each suggestion and suggests on the median curve', () => {
    const runs = [run(-2), run(0), run(2)];
    const c = combineRepeats(runs);
    const minima = runs.map((r) => r.suggestions.minimum ?? NaN);
    expect(c.repeats?.suggestionSpread.minimum).toEqual({
      median: [...minima].sort((a, b) => a - b)[1], min: Math.min(...minima), max: Math.max(...minima),
    });
    expect(c.suggestions).toEqual(suggestAll(c.repeats?.lrs ?? [], c.repeats?.median ?? [], { skipStart: 5, skipEnd: 2 }));
    expect(c.lrs).toEqual(runs[0]?.lrs);
  });
  it('gives null spreads when no run has a suggestion', () => {
    const flat = run(0);
    flat.suggestions = { valley: null, slide: null, minimum: null, steep: null, range: null };
    expect(combineRepeats([flat]).repeats?.suggestionSpread.valley).toEqual({ median: null, min: null, max: null });
  });
});

