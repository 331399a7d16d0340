import type { View } from 'vega';
import { LiveFeed } from './liveFeed';
import type { LiveFeedOptions } from './liveFeed';
import { LIVE_CHARTS, LIVE_CHART_DATA, liveSpecs } from './liveSpecs';
import type { LiveChartName, LiveSpecOptions } from './liveSpecs';
import type { LiveBatchRow, LiveEpochRow, LiveRunInfo, LiveSink } from './liveCallback';
import { Throttle } from './throttle';
import { toVegaLite } from './toVegaLite';
import { VizError } from './errors';

/** Options of {@link liveCharts}. */
export interface LiveChartsOptions extends LiveFeedOptions, LiveSpecOptions {
  /** Shortest time between two redraws in milliseconds; 100 keeps a long run at 10 redraws a second. @default 100 */
  throttleMs?: number;
  /**
   * Most fraction of the time spent redrawing: after a redraw that took `d` ms the next waits at
   * least `d (1 - drawBudget) / drawBudget` ms, so where drawing is slow (no GPU, a busy page) the
   * charts update less often rather than slow training. 1 leaves only `throttleMs`. @default 0.01
   */
  drawBudget?: number;
}

/** Where each live chart goes; charts without an element are not drawn. */
export type LiveChartTargets = Partial<Record<LiveChartName, HTMLElement>>;

/** The callback {@link liveCharts} returns: a bus callback plus access to what it draws. */
export interface LiveChartsCallback extends LiveFeed {
  /** @returns the Vega views of the current run (embedded at its start), by chart */
  views(): Partial<Record<LiveChartName, View>>;
  /** Draws every point still waiting for the next redraw. */
  flush(): Promise<void>;
}

/** Draws into vega-embed views: one embed per run, then changesets, at most one redraw per throttle interval. */
class VegaSink implements LiveSink {
  readonly views: Partial<Record<LiveChartName, View>> = {};
  readonly throttle: Throttle;
  private readonly targets: LiveChartTargets;
  private readonly opts: LiveSpecOptions;
  private pending: { batches: LiveBatchRow[]; epochs: LiveEpochRow[] } = { batches: [], epochs: [] };

  constructor(targets: LiveChartTargets, opts: LiveChartsOptions) {
    this.targets = targets;
    this.opts = { ...(opts.width === undefined ? {} : { width: opts.width }), ...(opts.height === undefined ? {} : { height: opts.height }) };
    this.throttle = new Throttle(() => this.draw(), opts.throttleMs ?? 100, opts.drawBudget ?? 0.01);
  }

  async begin(info: LiveRunInfo): Promise<void> {
    this.throttle.cancel();
    await this.throttle.flush().catch(() => undefined);
    this.pending = { batches: [], epochs: [] };
    // loaded on first use, so importing @onecycle/viz in Node does not load vega-embed
    const { default: embed } = await import('vega-embed');
    const specs = liveSpecs(info, this.opts);
    for (const name of LIVE_CHARTS) {
      const el = this.targets[name];
      if (el === undefined) continue;
      this.views[name]?.finalize();
      el.replaceChildren();
      const { view } = await embed(el, toVegaLite(specs[name]), { actions: false, renderer: 'canvas' });
      this.views[name] = view;
    }
  }

  batch(row: LiveBatchRow): void {
    this.pending.batches.push(row);
    this.throttle.request();
  }

  epoch(rows: LiveEpochRow[]): void {
    if (rows.length === 0) return;
    this.pending.epochs.push(...rows);
    this.throttle.request();
  }

  end(): Promise<void> {
    return this.throttle.flush();
  }

  private async draw(): Promise<void> {
    const rows = this.pending;
    this.pending = { batches: [], epochs: [] };
    const runs: Array<Promise<View>> = [];
    for (const name of LIVE_CHARTS) {
      const view = this.views[name];
      if (view === undefined) continue;
      let changed = false;
      for (const data of LIVE_CHART_DATA[name]) {
        if (rows[data].length === 0) continue;
        // each view gets its own objects: vega stamps an id on every tuple it ingests
        view.insert(data, rows[data].map((r) => ({ ...r })));
        changed = true;
      }
      if (changed) runs.push(view.runAsync());
    }
    await Promise.all(runs);
  }
}

function isElement(target: HTMLElement | LiveChartTargets): target is HTMLElement {
  return typeof Reflect.get(target, 'appendChild') === 'function';
}

function describeValue(x: unknown): string {
  if (x === null || typeof x !== 'object') return String(x);
  return `an object with keys [${Object.keys(x).join(', ')}]`;
}

/** Makes one child element per chart in `parent`, in page order. */
function childTargets(parent: HTMLElement): LiveChartTargets {
  const targets: LiveChartTargets = {};
  for (const name of LIVE_CHARTS) {
    const div = parent.ownerDocument.createElement('div');
    div.className = `onecycle-live onecycle-live-${name}`;
    parent.append(div);
    targets[name] = div;
  }
  return targets;
}

class LiveCharts extends LiveFeed implements LiveChartsCallback {
  private readonly vega: VegaSink;

  constructor(sink: VegaSink, opts: LiveChartsOptions) {
    super(sink, opts);
    this.vega = sink;
  }

  views(): Partial<Record<LiveChartName, View>> {
    return { ...this.vega.views };
  }

  flush(): Promise<void> {
    return this.vega.throttle.flush();
  }
}

/**
 * Live charts of a training run in a browser page, drawn while it trains (as fastai's
 * `ShowGraph` or tfjs-vis's `fitCallbacks`): learning rate and momentum on two axes with the
 * planned schedule faint ahead of the current step, training loss raw and smoothed with the
 * validation loss per epoch, and validation loss and metrics per epoch. Each chart is embedded
 * with vega-embed once per run; batches then stream in as Vega changesets, redrawn at most once
 * per `throttleMs` and within `drawBudget` of the time, so a 10,000-batch run stays smooth and
 * training is not slowed by more than about 1 %. The values are the Recorder's.
 * It is a callback for a `CallbackBus`, so it goes to a Learner's fit, or to `model.fit`
 * through `toTfjsCallback`.
 * @param target - an element to put the three charts in, or one element per chart
 * @param opts - see {@link LiveChartsOptions}
 * @example
 * ```ts
 * await learn.fitOneCycle(5, 1e-2, { callbacks: [liveCharts(document.getElementById('charts'))] });
 * // or with model.fit
 * const bus = new CallbackBus([new ParamScheduler(spec), liveCharts(el)]);
 * await model.fit(xs, ys, { epochs: 5, callbacks: [toTfjsCallback(bus)] });
 * ```
 */
export function liveCharts(target: HTMLElement | LiveChartTargets, opts: LiveChartsOptions = {}): LiveChartsCallback {
  const valid = typeof target === 'object' && target !== null;
  let targets: LiveChartTargets | undefined;
  if (valid && isElement(target)) targets = childTargets(target);
  else if (valid && LIVE_CHARTS.some((n) => target[n] !== undefined)) {
    const unknown = Object.keys(target).filter((k) => !LIVE_CHARTS.some((n) => n === k));
    if (unknown.length > 0) {
      throw new VizError(`liveCharts target has unknown chart names [${unknown.join(', ')}]: the charts are ${LIVE_CHARTS.join(', ')}`);
    }
    targets = target;
  }
  if (targets === undefined) {
    throw new VizError(`liveCharts target must be an HTMLElement or { ${LIVE_CHARTS.map((n) => `${n}?`).join(', ')} } with at least one element, got ${describeValue(target)}`);
  }
  return new LiveCharts(new VegaSink(targets, opts), opts);
}
