import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { TopLevelSpec as ChartSpec } from '../index';
import { toVegaLite } from '../toVegaLite';

/** A chart's spec as vega-lite's type, to look inside it. */
const vl = (spec: ChartSpec): TopLevelSpec => toVegaLite(spec);
import { VizError, compileSpec, lrFinderChart, sweepChart } from '../index';
import type { LrFindResultLike } from '../index';
import { finderResult } from './fixtures';

function layersOf(chart: ChartSpec) {
  const spec = vl(chart);
  return 'layer' in spec ? spec.layer : [];
}
function marksOf(spec: TopLevelSpec) {
  return layersOf(spec).map((l) => ('mark' in l && typeof l.mark === 'object' ? l.mark.type : null));
}
/** The first layer whose mark passes `test` (by mark type, stroke width, colour). */
function unitWhere(spec: TopLevelSpec, test: (mark: { type?: unknown; strokeWidth?: unknown; color?: unknown }) => boolean) {
  return layersOf(spec).find((l) => 'mark' in l && typeof l.mark === 'object' && test(l.mark));
}
function valuesOf(chart: ChartSpec): unknown[] {
  const spec = vl(chart);
  return 'data' in spec && spec.data && 'values' in spec.data && Array.isArray(spec.data.values) ? spec.data.values : [];
}

describe('lrFinderChart', () => {
  it('draws raw loss faint and smoothed loss bold on a log lr axis, trimmed by skipStart/skipEnd', async () => {
    const r = finderResult();
    const spec = vl(lrFinderChart(r));
    const rows = valuesOf(spec);
    expect(rows).toHaveLength(20 - 2 - 3);
    expect(rows[0]).toEqual({ lr: r.lrs[2], raw: r.losses[2], smooth: r.smoothLosses[2] });
    const [, raw, smooth] = layersOf(spec);
    expect(raw).toMatchObject({ mark: { type: 'line', strokeWidth: 1 }, encoding: { x: { field: 'lr', scale: { type: 'log' } }, y: { field: 'raw' }, color: { datum: 'loss (raw)' } } });
    expect(smooth).toMatchObject({ mark: { type: 'line', strokeWidth: 2.5 }, encoding: { y: { field: 'smooth' }, color: { datum: 'loss (smoothed)' } } });
    expect(raw).toMatchObject({ encoding: { color: { scale: { domain: ['loss (raw)', 'loss (smoothed)'], range: ['#9ecae9', '#1f77b4'] } } } });
    expect((await compileSpec(spec)).warnings).toEqual([]);
  });

  it('labels each suggestion at the smoothed loss (labels stacked at the top), shades the range and marks the divergence', () => {
    const r = finderResult();
    const spec = vl(lrFinderChart(r));
    expect(marksOf(spec)).toEqual(['rect', 'line', 'line', 'rule', 'point', 'text', 'rule', 'point', 'text', 'rule', 'point', 'text', 'rule', 'text']);
    const layers = layersOf(spec);
    // Sorted by lr: steep (lrs[6]), valley (lrs[8]), minimum (lrs[12]); one label row each.
    expect([4, 7, 10].map((i) => layers[i])).toMatchObject([
      { data: { values: [{ lr: r.lrs[6], loss: r.smoothLosses[6], label: 'steep 6.4e-4' }] }, mark: { color: '#9467bd' } },
      { data: { values: [{ lr: r.lrs[8], loss: r.smoothLosses[8], label: 'valley 2.6e-3' }] }, mark: { color: '#2ca02c' } },
      { data: { values: [{ lr: r.lrs[12], loss: r.smoothLosses[12], label: 'minimum 4.1e-2' }] }, mark: { color: '#8c564b' } },
    ]);
    expect([5, 8, 11].map((i) => layers[i])).toMatchObject([
      { mark: { type: 'text', y: 4, align: 'left' } },
      { mark: { type: 'text', y: 19, align: 'left' } },
      { mark: { type: 'text', y: 34, align: 'right' } },
    ]);
    expect(layers[12]).toMatchObject({ data: { values: [{ lr: r.lrs[19], label: 'diverged at 5.2e+0' }] }, mark: { type: 'rule', color: '#d62728' } });
    expect(layers[13]).toMatchObject({ mark: { type: 'text', y: 316, baseline: 'bottom' } });
    expect(layers[0]).toMatchObject({ data: { values: [{ lr: r.lrs[6], lr2: r.lrs[10] }] } });
  });

  it('sets the loss axis from the smoothed curve so raw spikes are clipped, not flattening it', () => {
    const r = finderResult();
    const spiky = { ...r, losses: r.losses.map((l, i) => (i === 9 ? 100 : l)) };
    const layers = layersOf(lrFinderChart(spiky));
    const smooth = r.smoothLosses.slice(2, 17);
    const raw = spiky.losses.slice(2, 17);
    const lo = Math.min(...smooth, ...raw.filter((v) => v < 100));
    const hi = Math.max(...smooth);
    const pad = (hi - lo) * 0.05;
    expect(layers[1]).toMatchObject({ mark: { clip: true }, encoding: { y: { scale: { zero: false, domain: [lo - pad, hi + pad] } } } });
  });

  it('opts override the trim and the suggestions drawn; a completed run has no divergence mark', async () => {
    const r: LrFindResultLike = { ...finderResult(), stopReason: 'completed', suggestions: { valley: 1e-4, slide: null, minimum: null, steep: null, range: null } };
    const spec = vl(lrFinderChart(r, { skipStart: 0, skipEnd: 0, logX: false, title: 'x' }));
    expect(valuesOf(spec)).toHaveLength(20);
    expect(marksOf(spec)).toEqual(['line', 'line', 'rule', 'point', 'text']);
    expect(layersOf(spec)[0]).toMatchObject({ encoding: { x: { title: 'learning rate', scale: { zero: false } } } });
    expect((await compileSpec(spec)).warnings).toEqual([]);
  });

  it('draws a band for repeats and a second line for validation losses', async () => {
    const base = finderResult();
    const r: LrFindResultLike = {
      ...base,
      validLosses: base.losses.map((l) => l + 0.1),
      repeats: {
        n: 3, lrs: base.lrs, median: base.smoothLosses, low: base.smoothLosses.map((l) => l - 0.1), high: base.smoothLosses.map((l) => l + 0.1),
        suggestionSpread: { valley: { median: 1e-3, min: 5e-4, max: 2e-3 }, slide: { median: null, min: null, max: null }, minimum: { median: null, min: null, max: null }, steep: { median: null, min: null, max: null } },
      },
    };
    const spec = vl(lrFinderChart(r));
    expect(marksOf(spec)).toEqual(['area', 'rect', 'line', 'line', 'line', 'rule', 'point', 'text', 'rule', 'point', 'text', 'rule', 'point', 'text', 'rule', 'text']);
    expect(layersOf(spec)[0]).toMatchObject({ encoding: { y: { field: 'low' }, y2: { field: 'high' }, color: { datum: 'repeat spread' } } });
    expect(layersOf(spec)[4]).toMatchObject({ encoding: { y: { field: 'valid' }, color: { datum: 'valid loss' } } });
    expect((await compileSpec(spec)).warnings).toEqual([]);
  });

  it('with repeats draws the median (what the suggestions read) as the bold line and puts the points on it', () => {
    const base = finderResult();
    const median = base.smoothLosses.map((l) => l - 0.3);
    const lrs = [...base.lrs, 1e-5 * 2 ** 20]; // the longest run went one step further than run 0
    const r: LrFindResultLike = {
      ...base,
      repeats: {
        n: 5, lrs, median: [...median, 9], low: [...median, 9].map((l) => l - 0.1), high: [...median, 9].map((l) => l + 0.1),
        suggestionSpread: { valley: { median: 1e-3, min: 5e-4, max: 2e-3 }, slide: { median: null, min: null, max: null }, minimum: { median: null, min: null, max: null }, steep: { median: null, min: null, max: null } },
      },
    };
    const spec = vl(lrFinderChart(r));
    const bold = unitWhere(spec, (m) => m.type === 'line' && m.strokeWidth === 2.5);
    expect(bold).toMatchObject({ encoding: { color: { datum: 'loss (median of 5 runs)' } } });
    const drawn = (bold?.data as { values: Array<{ lr: number; smooth: number }> }).values;
    expect(drawn[0]).toEqual({ lr: lrs[2], smooth: median[2] });
    expect(drawn).toHaveLength(21 - 2 - 3);
    const valleyPoint = unitWhere(spec, (m) => m.type === 'point' && m.color === '#2ca02c');
    expect((valleyPoint?.data as { values: unknown[] }).values).toEqual([{ lr: base.lrs[8], loss: median[8], label: 'valley 2.6e-3' }]);
    expect(valuesOf(spec)[0]).toEqual({ lr: base.lrs[2], raw: base.losses[2] }); // raw: run 0
  });

  it('leaves out non-finite losses and rejects bad input with a VizError', () => {
    const r = finderResult();
    const spec = vl(lrFinderChart({ ...r, losses: r.losses.map((l, i) => (i === 5 ? Number.POSITIVE_INFINITY : l)) }));
    expect(valuesOf(spec)[3]).toEqual({ lr: r.lrs[5], smooth: r.smoothLosses[5] });
    expect(() => lrFinderChart(r, { skipStart: -1 })).toThrowError(new VizError('skipStart must be a non-negative integer, got -1'));
    expect(() => lrFinderChart(r, { skipStart: 10, skipEnd: 9 })).toThrowError(/skipStart=10 and skipEnd=9 leave 1 of 20: lower them/);
    expect(() => lrFinderChart({ ...r, losses: [1] })).toThrow(VizError);
  });
});

describe('sweepChart', () => {
  it('draws one smoothed curve per swept value, coloured by it, with its valley', async () => {
    const a = finderResult();
    const spec = vl(sweepChart({ param: 'mom', runs: [{ value: 0.9, result: a }, { value: 0.99, result: { ...a, smoothLosses: a.smoothLosses.map((l) => l * 1.1) } }] }));
    expect(spec).toMatchObject({ title: 'LR range test per momentum' });
    expect(valuesOf(spec)).toHaveLength(2 * 15);
    expect(valuesOf(spec)[15]).toEqual({ lr: a.lrs[2], smooth: (a.smoothLosses[2] ?? 0) * 1.1, value: 0.99 });
    expect(layersOf(spec)[0]).toMatchObject({ encoding: { color: { field: 'value', type: 'ordinal', title: 'momentum' }, x: { scale: { type: 'log' } } } });
    expect(layersOf(spec)[1]).toMatchObject({ data: { values: [{ lr: a.lrs[8], value: 0.9 }, { lr: a.lrs[8], value: 0.99 }] } });
    expect((await compileSpec(spec)).warnings).toEqual([]);
    expect(sweepChart({ param: 'wd', runs: [{ value: 1e-4, result: a }] })).toMatchObject({ title: 'LR range test per weight decay' });
    expect(() => sweepChart({ param: 'wd', runs: [] })).toThrow(VizError);
  });
});
