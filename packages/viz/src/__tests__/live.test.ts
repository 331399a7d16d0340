// The live-chart pieces that need no browser: the throttle (fake timers), the rows LiveFeed makes
// from bus events, the specs (compiled by vega-lite without a warning) and the typed errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIVE_CHARTS, LiveFeed, Throttle, VizError, compileSpec, liveCharts, liveSpecs } from '../index';
import type { LiveBatchRow, LiveEpochRow, LiveRunInfo, LiveSink, LiveTrainState } from '../index';
import { oneCycle } from './fixtures';

afterEach(() => {
  vi.useRealTimers();
});

describe('Throttle', () => {
  it('merges any number of requests within one interval into one trailing run', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const t = new Throttle(() => { runs++; }, 100);
    t.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    for (let i = 0; i < 1000; i++) {
      t.request();
      await vi.advanceTimersByTimeAsync(0.05);
    }
    // 50 ms of requests: one run waits for the end of the interval
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
  });

  it('runs at most once per interval under a steady stream of requests (10 a second at 100 ms)', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const t = new Throttle(() => { runs++; }, 100);
    for (let ms = 0; ms < 1000; ms++) {
      t.request();
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(runs).toBeGreaterThanOrEqual(9);
    expect(runs).toBeLessThanOrEqual(11);
  });

  it('with a budget, waits after a run in proportion to what the run cost', async () => {
    vi.useFakeTimers();
    const starts: number[] = [];
    const t0 = performance.now();
    // each run costs 10 ms; a 10 % budget leaves 90 ms after it
    const t = new Throttle(() => {
      starts.push(performance.now());
      vi.advanceTimersByTime(10);
    }, 0, 0.1);
    for (let ms = 0; ms < 1000; ms++) {
      t.request();
      await vi.advanceTimersByTimeAsync(1);
    }
    const gaps = starts.slice(1).map((s, i) => s - (starts[i] ?? 0));
    // the runs' own 10 ms moved the clock too: one run per 100 ms of it
    const total = performance.now() - t0;
    expect(starts.length).toBeLessThanOrEqual(Math.floor(total / 100) + 1);
    expect(starts.length).toBeGreaterThanOrEqual(Math.floor(total / 100) - 1);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
    expect(() => new Throttle(() => undefined, 0, 0)).toThrow(/^drawBudget must be in \(0, 1\], got 0/);
  });

  it('flush runs a waiting redraw at once, and rethrows the first error a redraw threw', async () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    let n = 0;
    const t = new Throttle(() => {
      n++;
      seen.push(n);
      if (n === 2) throw new Error('view gone');
    }, 100);
    t.request();
    await t.flush();
    t.request();
    await expect(t.flush()).rejects.toThrow('view gone');
    expect(seen).toEqual([1, 2]);
    await expect(t.flush()).resolves.toBeUndefined();
  });

  it('rejects a throttle interval that is not a finite number >= 0, naming it', () => {
    for (const bad of [-1, Number.NaN, Infinity]) {
      expect(() => new Throttle(() => undefined, bad)).toThrow(VizError);
    }
    expect(() => new Throttle(() => undefined, -1)).toThrow(/^throttleMs must be a finite number >= 0, got -1/);
  });
});

/** A sink that keeps everything it is told. */
class MemorySink implements LiveSink {
  readonly infos: LiveRunInfo[] = [];
  readonly batches: LiveBatchRow[] = [];
  readonly epochs: LiveEpochRow[] = [];
  ended = 0;
  begin(info: LiveRunInfo): void { this.infos.push(info); }
  batch(row: LiveBatchRow): void { this.batches.push(row); }
  epoch(rows: LiveEpochRow[]): void { this.epochs.push(...rows); }
  end(): void { this.ended++; }
}

function state(patch: Partial<LiveTrainState>): LiveTrainState {
  return { epoch: 0, iteration: 0, numIterations: undefined, lastLoss: undefined, smoothLoss: undefined, validLoss: undefined, metrics: {}, hyper: { lr: 0 }, ...patch };
}

describe('LiveFeed', () => {
  it('takes the plan from a ParamScheduler-like callback on the bus, and the hyper-parameters from the hyper handle', () => {
    const sink = new MemorySink();
    const feed = new LiveFeed(sink);
    const schedule = oneCycle(100);
    const bus = { list: () => [{ name: 'Recorder' }, { name: 'ParamScheduler', schedule }, feed] };
    let h = { lr: 0.5, mom: 0.9, wd: 0.01 };
    const ctx = { bus, hyper: { get: () => h } };
    void feed.onTrainBegin(state({ numIterations: 50 }), ctx);
    expect(sink.infos[0]?.totalSteps).toBe(100);
    expect(sink.infos[0]?.hasMom).toBe(true);
    expect(sink.infos[0]?.plan).toHaveLength(100);
    expect(sink.infos[0]?.plan[40]).toEqual({ iteration: 40, lr: schedule.at(40).lr, mom: schedule.at(40).mom });

    feed.onBatchBegin(state({ hyper: { lr: 99 } }), ctx);
    h = { lr: 7, mom: 0.8, wd: 0.02 }; // read at batch begin, as the Recorder does
    feed.onBatchEnd(state({ iteration: 0, lastLoss: 2, smoothLoss: 2 }));
    feed.onBatchBegin(state({}), { bus });
    feed.onBatchEnd(state({ iteration: 1 })); // no loss reported: no row, but it counts as done
    feed.onBatchBegin(state({ hyper: { lr: 0.25 } }), {});
    feed.onBatchEnd(state({ iteration: 2, epoch: 0, lastLoss: 1.5, smoothLoss: 1.75 }));
    expect(sink.batches).toEqual([
      { iteration: 0, epoch: 0, lr: 0.5, mom: 0.9, wd: 0.01, loss: 2, smooth: 2 },
      { iteration: 2, epoch: 0, lr: 0.25, loss: 1.5, smooth: 1.75 },
    ]);
    feed.onEpochEnd(state({ epoch: 0, validLoss: 1.25, metrics: { accuracy: 0.5, broken: Number.NaN } }));
    expect(sink.epochs).toEqual([
      { epoch: 0, iteration: 3, series: 'valid loss', value: 1.25 },
      { epoch: 0, iteration: 3, series: 'accuracy', value: 0.5 },
    ]);
    void feed.onTrainEnd();
    expect(sink.ended).toBe(1);
  });

  it('draws no plan without a schedule, and a given schedule over a bus one; subsamples long plans', () => {
    const sink = new MemorySink();
    void new LiveFeed(sink).onTrainBegin(state({ numIterations: 40, hyper: { lr: 0.1 } }), { bus: { list: () => [] } });
    expect(sink.infos[0]).toEqual({ totalSteps: 40, plan: [], hasMom: false });
    void new LiveFeed(sink, { schedule: oneCycle(10_000), planPoints: 500 }).onTrainBegin(state({}), { bus: { list: () => [{ schedule: oneCycle(20) }] } });
    expect(sink.infos[1]?.totalSteps).toBe(10_000);
    expect(sink.infos[1]?.plan.length).toBeLessThanOrEqual(500);
    expect(sink.infos[1]?.plan.at(-1)?.iteration).toBe(9_999);
  });

  it('rejects a planPoints that is not an integer >= 8, naming it', () => {
    expect(() => new LiveFeed(new MemorySink(), { planPoints: 3 })).toThrow(/^planPoints must be an integer >= 8, got 3/);
  });
});

describe('liveSpecs', () => {
  const plan = [{ iteration: 0, lr: 0.001, mom: 0.95 }, { iteration: 9, lr: 0.01, mom: 0.85 }];
  it.each([
    ['with a plan and momentum', { totalSteps: 10, plan, hasMom: true }],
    ['without a plan or momentum', { totalSteps: undefined, plan: [], hasMom: false }],
  ])('compiles each chart without a warning (%s), streaming into named datasets', async (_, info: LiveRunInfo) => {
    const specs = liveSpecs(info);
    expect(Object.keys(specs)).toEqual([...LIVE_CHARTS]);
    for (const spec of Object.values(specs)) {
      const { vega, warnings } = await compileSpec(spec);
      expect(warnings).toEqual([]);
      const names = (vega.data ?? []).map((d) => d.name);
      if (spec === specs.metrics) expect(names).toContain('epochs');
      else expect(names).toContain('batches');
      if (spec === specs.schedule) expect(names.includes('plan')).toBe(info.plan.length > 0);
    }
    const text = JSON.stringify(specs.schedule);
    expect(text.includes('"domain":[0,10]')).toBe(info.totalSteps === 10);
    expect(text.includes('momentum')).toBe(info.hasMom);
  });
});

describe('liveCharts input checks', () => {
  it('rejects a target that is neither an element nor chart elements, naming what is allowed', () => {
    expect(() => liveCharts({})).toThrow(/^liveCharts target must be an HTMLElement or \{ schedule\?, loss\?, metrics\? \} with at least one element, got an object with keys \[\]/);
    // @ts-expect-error a wrong type on purpose
    expect(() => liveCharts('#charts')).toThrow(VizError);
  });

  it('rejects unknown chart names and a bad throttleMs', () => {
    const el = {} as HTMLElement;
    // @ts-expect-error an unknown chart name on purpose
    expect(() => liveCharts({ schedule: el, lr: el })).toThrow(/unknown chart names \[lr\]: the charts are schedule, loss, metrics/);
    expect(() => liveCharts({ loss: el }, { throttleMs: -5 })).toThrow(/^throttleMs must be a finite number >= 0, got -5/);
  });
});
