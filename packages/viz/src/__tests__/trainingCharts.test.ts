import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { TopLevelSpec as ChartSpec } from '../index';
import { toVegaLite } from '../toVegaLite';

/** A chart's spec as vega-lite's type, to look inside it. */
const vl = (spec: ChartSpec): TopLevelSpec => toVegaLite(spec);
import { VizError, compareChart, compileSpec, lossChart, metricsChart } from '../index';
import { recorder } from './fixtures';

function valuesOf(chart: ChartSpec): unknown[] {
  const spec = vl(chart);
  return 'data' in spec && spec.data && 'values' in spec.data && Array.isArray(spec.data.values) ? spec.data.values : [];
}

describe('lossChart', () => {
  it('draws raw and smoothed train loss per iteration and valid loss per epoch on the same x', async () => {
    const spec = vl(lossChart(recorder));
    expect(valuesOf(spec)[1]).toEqual({ iteration: 1, loss: 1.8, smooth: 1.85 });
    expect('layer' in spec && spec.layer.map((l) => ('encoding' in l ? [l.encoding?.x, l.encoding?.y] : null))).toEqual([
      [{ field: 'iteration', type: 'quantitative', title: 'iterations', scale: { nice: false } }, { field: 'loss', type: 'quantitative', title: 'loss', scale: { zero: false } }],
      [{ field: 'iteration', type: 'quantitative', title: 'iterations', scale: { nice: false } }, { field: 'smooth', type: 'quantitative', title: 'loss', scale: { zero: false } }],
      [{ field: 'iteration', type: 'quantitative', title: 'iterations', scale: { nice: false } }, { field: 'valid', type: 'quantitative', title: 'loss', scale: { zero: false } }],
    ]);
    expect('layer' in spec && spec.layer[2]).toMatchObject({ data: { values: [{ iteration: 3, valid: 1.7, epoch: 0 }, { iteration: 6, valid: 1.3, epoch: 1 }] } });
    expect((await compileSpec(spec)).warnings).toEqual([]);
  });

  it('has no valid line without validation losses and rejects an empty recorder', async () => {
    const spec = vl(lossChart({ ...recorder, epochs: [] }));
    expect('layer' in spec && spec.layer).toHaveLength(2);
    expect((await compileSpec(spec)).warnings).toEqual([]);
    expect(() => lossChart({ version: 1, batches: [], epochs: [] })).toThrowError(new VizError('lossChart got a Recorder JSON with no batches: train first, then plot'));
  });
});

describe('metricsChart', () => {
  it('draws every metric per epoch', async () => {
    const spec = vl(metricsChart(recorder));
    expect(valuesOf(spec)).toEqual([{ epoch: 0, metric: 'accuracy', value: 0.5 }, { epoch: 1, metric: 'accuracy', value: 0.7 }]);
    expect((await compileSpec(spec)).warnings).toEqual([]);
    expect(() => metricsChart(recorder, { metrics: ['f1'] })).toThrowError(/no finite values for metrics \[f1\] in 2 epoch\(s\)/);
  });
});

describe('compareChart', () => {
  it('draws a mean line per run and a ±std band where std is given', async () => {
    const spec = compareChart(
      [
        { name: '1cycle', points: [{ epoch: 1, value: 0.8, std: 0.02 }, { epoch: 2, value: 0.9, std: 0.01 }] },
        { name: 'constant', points: [{ epoch: 1, value: 0.7 }, { epoch: 2, value: 0.75 }] },
      ],
      { metric: 'accuracy' },
    );
    expect(valuesOf(spec)).toEqual([
      { run: '1cycle', epoch: 1, value: 0.8, std: 0.02, lo: 0.78, hi: 0.8200000000000001 },
      { run: '1cycle', epoch: 2, value: 0.9, std: 0.01, lo: 0.89, hi: 0.91 },
      { run: 'constant', epoch: 1, value: 0.7 },
      { run: 'constant', epoch: 2, value: 0.75 },
    ]);
    expect(spec).toMatchObject({ title: 'accuracy', layer: [{ mark: { type: 'area' }, encoding: { y: { field: 'lo' }, y2: { field: 'hi' } } }, { mark: { type: 'line' } }] });
    expect((await compileSpec(spec)).warnings).toEqual([]);
  });

  it('has no band without std and rejects duplicate names', async () => {
    const spec = vl(compareChart([{ name: 'a', points: [{ epoch: 0, value: 1 }] }], { metric: 'loss', title: 'T' }));
    expect(spec).toMatchObject({ title: 'T', layer: [{ mark: { type: 'line' } }] });
    expect('layer' in spec && spec.layer).toHaveLength(1);
    expect((await compileSpec(spec)).warnings).toEqual([]);
    expect(() => compareChart([{ name: 'a', points: [] }, { name: 'a', points: [] }], { metric: 'm' })).toThrowError(/run name 'a' twice/);
  });
});
