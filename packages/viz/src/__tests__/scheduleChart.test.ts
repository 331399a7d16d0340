import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { TopLevelSpec as ChartSpec } from '../index';
import { toVegaLite } from '../toVegaLite';

/** A chart's spec as vega-lite's type, to look inside it. */
const vl = (spec: ChartSpec): TopLevelSpec => toVegaLite(spec);
import { VizError, compileSpec, scheduleChart, toSvg } from '../index';
import type { StepScheduleLike } from '../index';
import { oneCycle, recorder, threePoints, triangular } from './fixtures';

async function expectClean(spec: ChartSpec): Promise<void> {
  expect((await compileSpec(spec)).warnings).toEqual([]);
}

describe('scheduleChart', () => {
  it('draws LR and momentum on two independent y axes, LR left and momentum right, with a legend', async () => {
    const spec = vl(scheduleChart(threePoints));
    const legend = { direction: 'horizontal', orient: 'top', title: null };
    const colorScale = { domain: ['learning rate', 'momentum'], range: ['#1f77b4', '#ff7f0e'] };
    const tooltip = [
      { field: 'step', title: 'iteration', type: 'quantitative' },
      { field: 'lr', format: '~g', title: 'learning rate', type: 'quantitative' },
      { field: 'mom', format: '.4~f', title: 'momentum', type: 'quantitative' },
    ];
    const x = { axis: { tickCount: 6 }, field: 'step', scale: { nice: false }, title: 'iterations', type: 'quantitative' };
    // Both lines share everything but their colour datum and y channel.
    const line = (datum: string, y: object): object => ({
      encoding: { color: { datum, legend, scale: colorScale, type: 'nominal' }, tooltip, x, y },
      mark: { strokeWidth: 2, type: 'line' },
    });
    expect(spec).toStrictEqual({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: {
        axis: { labelFontSize: 11, labelOverlap: true, titleFontSize: 13, titlePadding: 8 },
        background: 'white',
        font: 'DejaVu Sans',
        legend: { labelFontSize: 12, labelLimit: 260, symbolOpacity: 1, titleFontSize: 12 },
        padding: 8,
        title: { anchor: 'start', fontSize: 15, offset: 10 },
        view: { stroke: '#dddddd' },
      },
      data: {
        values: [
          { lr: 0.01, mom: 0.95, step: 0 },
          { lr: 0.1, mom: 0.85, step: 1 },
          { lr: 0.001, mom: 0.95, step: 2 },
        ],
      },
      height: 320,
      layer: [
        line('learning rate', { axis: { format: '~g', titleColor: '#1f77b4' }, field: 'lr', title: 'learning rate', type: 'quantitative' }),
        line('momentum', {
          axis: { format: '.3~f', orient: 'right', titleColor: '#ff7f0e' },
          field: 'mom',
          scale: { zero: false },
          title: 'momentum',
          type: 'quantitative',
        }),
      ],
      resolve: { scale: { y: 'independent' } },
      width: 640,
    });
    await expectClean(spec);
  });

  it('draws a single LR line when there is no momentum', async () => {
    const spec = vl(scheduleChart([{ step: 0, lr: 1 }, { step: 5, lr: 2 }], { width: 300, height: 100, title: 'constant' }));
    expect(spec).toEqual({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'constant',
      config: expect.any(Object),
      data: { values: [{ step: 0, lr: 1 }, { step: 5, lr: 2 }] },
      width: 300,
      height: 100,
      layer: [{
        mark: { type: 'line', strokeWidth: 2, color: '#1f77b4' },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: 'iterations', scale: { nice: false }, axis: { tickCount: 3 } },
          y: { field: 'lr', type: 'quantitative', title: 'learning rate', axis: { format: '~g', titleColor: '#1f77b4' } },
          tooltip: [
            { field: 'step', type: 'quantitative', title: 'iteration' },
            { field: 'lr', type: 'quantitative', title: 'learning rate', format: '~g' },
          ],
        },
      }],
    });
    await expectClean(spec);
  });

  it('samples a StepSchedule at every step and draws its phase boundaries as faint rules', async () => {
    const spec = vl(scheduleChart(oneCycle(100)));
    expect('layer' in spec && spec.layer[0]).toEqual({
      data: { values: [{ step: 25 }] },
      mark: { type: 'rule', color: '#7f7f7f', opacity: 0.45, strokeDash: [4, 4] },
      encoding: { x: { field: 'step', type: 'quantitative', title: 'iterations', scale: { nice: false }, axis: { tickCount: 6 } } },
    });
    const values = 'data' in spec && spec.data && 'values' in spec.data ? spec.data.values : [];
    expect(Array.isArray(values) && values.length).toBe(100);
    expect(Array.isArray(values) && values[25]).toEqual({ step: 25, lr: 1e-3, mom: 0.85 });
    await expectClean(spec);
  });

  it("gives two aligned panels with layout 'stacked'", async () => {
    const spec = vl(scheduleChart(oneCycle(40), { layout: 'stacked' }));
    expect('vconcat' in spec && spec.vconcat.map((p) => ('layer' in p ? p.layer.map((l) => ('mark' in l ? l.mark : null)) : null))).toEqual([
      [{ type: 'rule', color: '#7f7f7f', opacity: 0.45, strokeDash: [4, 4] }, { type: 'line', color: '#1f77b4', strokeWidth: 2 }],
      [{ type: 'rule', color: '#7f7f7f', opacity: 0.45, strokeDash: [4, 4] }, { type: 'line', color: '#ff7f0e', strokeWidth: 2 }],
    ]);
    await expectClean(spec);
    await expectClean(scheduleChart([{ step: 0, lr: 1 }, { step: 1, lr: 2 }], { layout: 'stacked' }));
  });

  it('reads a Recorder JSON (lr and mom per iteration)', () => {
    const spec = vl(scheduleChart(recorder));
    expect('data' in spec && spec.data).toEqual({ values: recorder.batches.map((b) => ({ step: b.iteration, lr: b.lr, mom: 0.9 })) });
  });

  it('subsamples 10,000 steps to at most maxPoints without losing the peak', async () => {
    const spec = vl(scheduleChart(oneCycle(10_000), { maxPoints: 500 }));
    const values = 'data' in spec && spec.data && 'values' in spec.data && Array.isArray(spec.data.values) ? spec.data.values : [];
    expect(values.length).toBeLessThanOrEqual(500);
    expect(values).toContainEqual({ step: 2500, lr: 1e-3, mom: 0.85 });
    expect(values[0]).toEqual({ step: 0, lr: 4e-5, mom: 0.95 });
    await expectClean(spec);
  });

  it('needs opts.steps for an open-ended schedule and then draws its cycle boundaries', () => {
    expect(() => scheduleChart(triangular(10))).toThrowError(
      new VizError("opts.steps is required for the open-ended schedule 'torchCyclic' (its totalSteps is undefined): say how many steps to draw"),
    );
    const spec = vl(scheduleChart(triangular(10), { steps: 70 }));
    expect('layer' in spec && spec.layer[0]).toMatchObject({ data: { values: [{ step: 20 }, { step: 40 }, { step: 60 }] } });
  });

  it('evaluates a plain spec only through opts.createSchedule', () => {
    const spec = { kind: 'oneCycle', lrMax: 1e-3, totalSteps: 8 };
    expect(() => scheduleChart(spec)).toThrowError(/no opts\.createSchedule.*pass createSchedule from @onecycle\/core-schedules/);
    const seen: unknown[] = [];
    const createSchedule = (s: { kind: string }): StepScheduleLike => {
      seen.push(s);
      return oneCycle(8);
    };
    // A fresh spec literal type-checks too (its extra fields are fine).
    const chart = vl(scheduleChart({ kind: 'oneCycle', lrMax: 1e-3, totalSteps: 8 }, { createSchedule }));
    expect(seen).toEqual([spec]);
    expect('data' in chart && chart.data && 'values' in chart.data && Array.isArray(chart.data.values) && chart.data.values.length).toBe(8);
  });

  it('rejects empty or non-finite input with a VizError', () => {
    expect(() => scheduleChart([])).toThrowError(new VizError('points is empty: there is nothing to draw'));
    expect(() => scheduleChart([{ step: 0, lr: Number.NaN }])).toThrowError(new VizError('points[0] has step 0 and lr NaN: both must be finite numbers'));
    expect(() => scheduleChart(oneCycle(10), { steps: 0 })).toThrowError(new VizError('opts.steps must be a positive integer, got 0'));
  });
});

describe('scheduleChart on very long schedules', () => {
  it('evaluates at most ~200,000 steps of a 10M-step schedule and still hits the phase peak', () => {
    let calls = 0;
    const base = oneCycle(10_000_000);
    const counted: StepScheduleLike = { ...base, at: (step) => { calls++; return base.at(step); } };
    const spec = vl(scheduleChart(counted));
    expect(calls).toBeLessThanOrEqual(200_003);
    const values = 'data' in spec && spec.data && 'values' in spec.data && Array.isArray(spec.data.values) ? spec.data.values : [];
    expect(values).toContainEqual({ step: 2_500_000, lr: 1e-3, mom: 0.85 });
    expect(values.length).toBeLessThanOrEqual(2000);
  });
});

describe("scheduleChart with weight decay", () => {
  it("adds a weight-decay panel in the stacked layout only", async () => {
    const pts = [{ step: 0, lr: 0.1, mom: 0.9, wd: 0.01 }, { step: 1, lr: 0.2, mom: 0.8, wd: 0.02 }];
    const stacked = vl(scheduleChart(pts, { layout: 'stacked' }));
    expect('vconcat' in stacked && stacked.vconcat.map((p) => ('layer' in p ? p.layer.map((l) => ('encoding' in l ? l.encoding?.y : null)) : null))).toEqual([
      [{ field: 'lr', type: 'quantitative', title: 'learning rate', axis: { format: '~g', titleColor: '#1f77b4' } }],
      [{ field: 'mom', type: 'quantitative', title: 'momentum', scale: { zero: false }, axis: { format: '.3~f', titleColor: '#ff7f0e', orient: 'left' } }],
      [{ field: 'wd', type: 'quantitative', title: 'weight decay', axis: { format: '~g', titleColor: '#2ca02c' } }],
    ]);
    expect('data' in stacked && stacked.data).toEqual({ values: pts });
    expect((await compileSpec(stacked)).warnings).toEqual([]);
    const layered = vl(scheduleChart(pts));
    expect('data' in layered && layered.data).toEqual({ values: [{ step: 0, lr: 0.1, mom: 0.9 }, { step: 1, lr: 0.2, mom: 0.8 }] });
  });
});

describe('scheduleChart of a constant series', () => {
  const flat = (lr: number, mom?: number, wd?: number): StepScheduleLike => ({
    spec: { kind: 'constant' },
    totalSteps: 100,
    at: () => ({ lr, ...(mom === undefined ? {} : { mom }), ...(wd === undefined ? {} : { wd }) }),
  });
  const yOf = (chart: ChartSpec, spec = vl(chart)): unknown[] =>
    'layer' in spec ? spec.layer.flatMap((l) => ('encoding' in l && l.encoding?.y !== undefined ? [l.encoding.y] : [])) : [];

  it('pads the LR axis to [0, 1.25 lr] and the momentum axis to mom ± 0.05, so neither line sits on an edge', async () => {
    const spec = vl(scheduleChart(flat(0.01, 0.9)));
    expect(yOf(spec)).toEqual([
      expect.objectContaining({ field: 'lr', scale: { domain: [0, 0.0125] } }),
      expect.objectContaining({ field: 'mom', scale: { zero: false, domain: [0.85, 0.95] } }),
    ]);
    await expectClean(spec);
    // Several readable ticks on both axes (without the padding the momentum axis had one, "0.9").
    const svg = await toSvg(spec);
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
    expect(labels.filter((t) => /^0\.(8[5-9]|9\d?)$/.test(t)).length).toBeGreaterThanOrEqual(3);
    expect(labels.filter((t) => /^0\.01\d*$|^0\.00\d+$/.test(t)).length).toBeGreaterThanOrEqual(3);
  });

  it('treats float noise as constant, clips momentum at 0 and pads weight decay in the stacked layout', () => {
    const noisy: StepScheduleLike = { spec: { kind: 'constant' }, totalSteps: 10, at: (s) => ({ lr: s % 2 === 0 ? 0.1 : 0.1 * (1 + 1e-12) }) };
    expect(yOf(scheduleChart(noisy))).toEqual([expect.objectContaining({ scale: { domain: [0, 0.1 * (1 + 1e-12) * 1.25] } })]);
    expect(yOf(scheduleChart(flat(0.02, 0.01)))[1]).toMatchObject({ scale: { zero: false, domain: [0, 0.06] } });
    expect(yOf(scheduleChart(flat(0)))).toEqual([expect.objectContaining({ scale: { domain: [0, 1] } })]);
    const stacked = vl(scheduleChart(flat(0.01, 0.9, 1e-4), { layout: 'stacked' }));
    expect('vconcat' in stacked && stacked.vconcat.map((p) => ('layer' in p ? yOf(p) : null))).toEqual([
      [expect.objectContaining({ field: 'lr', scale: { domain: [0, 0.0125] } })],
      [expect.objectContaining({ field: 'mom', scale: { zero: false, domain: [0.85, 0.95] } })],
      [expect.objectContaining({ field: 'wd', scale: { domain: [0, 1.25e-4] } })],
    ]);
  });

  it('keeps the domain Vega chooses for a series that changes', () => {
    const spec = vl(scheduleChart([{ step: 0, lr: 0.01, mom: 0.9 }, { step: 1, lr: 0.0100001, mom: 0.9000001 }]));
    expect(yOf(spec)).toEqual([
      expect.not.objectContaining({ scale: expect.anything() }),
      expect.objectContaining({ scale: { zero: false } }),
    ]);
  });
});
