import { describe, expect, it } from 'vitest';
import { SweepConfigError, UnknownFieldError, expandSweep, metricValue, parseSweepConfig, setFieldPath } from '@onecycle/sweep';

const base = { lr: 0.1, optimizer: { name: 'sgdw' }, schedule: { fit: { lr: 0.8 } }, seed: 0 };

describe('parseSweepConfig', () => {
  it('fills in defaults', () => {
    const s = parseSweepConfig({ base, metric: 'accuracy' });
    expect(s).toMatchObject({ grid: [], variants: [], seeds: [0], seedField: 'seed', metric: { name: 'accuracy', at: 'last', goal: 'max' } });
    expect(parseSweepConfig({ base, metric: 'validLoss' }).metric.goal).toBe('min');
  });

  it('rejects an unknown field, naming the closest valid one', () => {
    expect(() => parseSweepConfig({ base, metric: 'accuracy', seed: [0, 1] })).toThrow(UnknownFieldError);
    expect(() => parseSweepConfig({ base, metric: 'accuracy', seed: [0, 1] })).toThrow(/^seed is not a known field \(did you mean 'seeds'\?\)/);
    expect(() => parseSweepConfig({ base, metric: 'accuracy', grids: {} })).toThrow(/did you mean 'grid'/);
    expect(() => parseSweepConfig({ base, metric: { name: 'accuracy', att: 'best' } })).toThrow(/^metric\.att is not a known field \(did you mean 'at'\?\)/);
  });

  it('names the field, the value and what is allowed', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ base, metric: 'accuracy', seeds: [0, -1] }, /^seeds must be a non-empty list of distinct whole numbers >= 0, like \[0, 1, 2\], got \[0,-1\]/],
      [{ base, metric: 'accuracy', seeds: [1, 1] }, /^seeds must be .* distinct/],
      [{ base, metric: 'accuracy', grid: { 'optimizer.weightDecay': [] } }, /^grid\["optimizer.weightDecay"\] must be a non-empty list/],
      [{ base, metric: 'accuracy', grid: { 'a..b': [1] } }, /^grid\["a..b"\] must be a dotted field path/],
      [{ base, metric: 'accuracy', grid: { seed: [1, 2] } }, /the seed field 'seed' \(list the seeds in "seeds"\)/],
      [{ base, metric: 'accuracy', grid: { schedule: [1], 'schedule.fit.lr': [1] } }, /overlaps it/],
      [{ base, metric: { name: 'accuracy', at: 'first' } }, /^metric\.at must be one of "last", "best", "epochsTo", got "first"/],
      [{ base, metric: { name: 'accuracy', at: 'epochsTo' } }, /^metric\.target must be the value "epochsTo" waits for/],
      [{ base: [], metric: 'accuracy' }, /^base must be the run config/],
      [{ base }, /^metric must be a series field name/],
      [{ base, metric: 'accuracy', variants: { a: { lr: 1 } }, grid: { lr: [1, 2] } }, /^variants\.a\["lr"\] must be a field the grid does not set too/],
    ];
    for (const [json, message] of cases) {
      expect(() => parseSweepConfig(json)).toThrow(SweepConfigError);
      expect(() => parseSweepConfig(json)).toThrow(message);
    }
  });
});

describe('expandSweep', () => {
  it('makes variants x grid cells x seeds, each run its own config and folder', () => {
    const plan = expandSweep(parseSweepConfig({
      base, metric: 'accuracy', seeds: [3, 4], baseline: 'clr, weightDecay=0.001',
      variants: { clr: { 'schedule.fit.useClrBeta': [10, 10, 0.95, 0.85] }, const: { 'schedule.fit.lr': 0.1 } },
      grid: { 'optimizer.weightDecay': [1e-4, 1e-3] },
    }));
    expect(plan.cells.map((c) => c.name)).toEqual(['clr, weightDecay=0.0001', 'clr, weightDecay=0.001', 'const, weightDecay=0.0001', 'const, weightDecay=0.001']);
    expect(plan.runs).toHaveLength(8);
    expect(plan.baseline).toBe('clr, weightDecay=0.001');
    const run = plan.runs[1];
    expect(run).toMatchObject({ id: 'c01-clr_weightDecay=0.0001/seed-4', dir: 'runs/c01-clr_weightDecay=0.0001/seed-4', seed: 4 });
    expect(run?.config).toEqual({ lr: 0.1, optimizer: { name: 'sgdw', weightDecay: 1e-4 }, schedule: { fit: { lr: 0.8, useClrBeta: [10, 10, 0.95, 0.85] } }, seed: 4 });
    expect(plan.runs[6]?.config).toMatchObject({ schedule: { fit: { lr: 0.1 } }, optimizer: { weightDecay: 1e-3 }, seed: 3 });
    expect(base).toEqual({ lr: 0.1, optimizer: { name: 'sgdw' }, schedule: { fit: { lr: 0.8 } }, seed: 0 }); // untouched
    expect(expandSweep(parseSweepConfig({ base, metric: 'accuracy', seeds: [3, 4], variants: { clr: {}, const: {} } })).hash)
      .not.toBe(plan.hash);
  });

  it('rejects a baseline that names no cell, listing the cells', () => {
    expect(() => expandSweep(parseSweepConfig({ base, metric: 'accuracy', grid: { lr: [1, 2] }, baseline: 'lr=3' })))
      .toThrow(/^baseline must be the name of a cell: "lr=1", "lr=2", got "lr=3"/);
  });

  it('setFieldPath sets array items and refuses to go through a number', () => {
    expect(setFieldPath({ a: [1, 2] }, 'a.1', 5)).toEqual({ a: [1, 5] });
    expect(() => setFieldPath({ a: 1 }, 'a.b', 5)).toThrow(/a path through objects, but a is 1/);
  });
});

describe('metricValue', () => {
  const series = [{ accuracy: 0.5, loss: 1 }, { accuracy: 0.9, loss: 0.4 }, { accuracy: 0.8, loss: 0.5 }];
  it('reads the last, the best, and the epochs to a target', () => {
    expect(metricValue(series, { name: 'accuracy', at: 'last', goal: 'max' })).toBe(0.8);
    expect(metricValue(series, { name: 'accuracy', at: 'best', goal: 'max' })).toBe(0.9);
    expect(metricValue(series, { name: 'loss', at: 'best', goal: 'min' })).toBe(0.4);
    expect(metricValue(series, { name: 'accuracy', at: 'epochsTo', target: 0.85, goal: 'max' })).toBe(2);
    expect(metricValue(series, { name: 'accuracy', at: 'epochsTo', target: 0.95, goal: 'max' })).toBeNull();
    expect(metricValue(series, { name: 'missing', at: 'last', goal: 'max' })).toBeNull();
  });
});
