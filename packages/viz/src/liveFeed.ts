import type {
  LiveBatchRow, LiveCallback, LiveContext, LiveEpochRow, LivePlanRow, LiveRunInfo, LiveSink, LiveTrainState,
} from './liveCallback';
import { schedulePoints } from './schedulePoints';
import { subsample } from './subsample';
import type { HyperLike, StepScheduleLike } from './stepScheduleLike';
import { VizError } from './errors';

/** Options of {@link LiveFeed}. */
export interface LiveFeedOptions {
  /** Name on the bus. @default 'LiveCharts' */
  name?: string;
  /** The planned schedule drawn faint ahead. @default the schedule of a `ParamScheduler` on the same bus, if any */
  schedule?: StepScheduleLike;
  /** Most points of the planned schedule (min/max decimated, so peaks survive). @default 1000 */
  planPoints?: number;
}

/** Series name of the validation loss among the per-epoch rows. */
export const VALID_LOSS_SERIES = 'valid loss';

function isSchedule(x: unknown): x is StepScheduleLike {
  return typeof x === 'object' && x !== null && 'at' in x && typeof x.at === 'function' && 'totalSteps' in x && 'spec' in x;
}

/**
 * A callback that turns a training run's events into chart rows, the same values a Recorder keeps
 * (lr / mom / wd from the optimizer's hyper handle when the bus has one, the bus's debiased loss
 * EMA), and hands them to a {@link LiveSink}. The browser's `liveCharts` and the Node dashboard
 * are two sinks behind it, so both draw the same numbers.
 */
export class LiveFeed implements LiveCallback {
  /** Name on the bus. */
  readonly name: string;
  /** After the Recorder (50), so it reads the same state. @default 60 */
  readonly order = 60;
  private readonly sink: LiveSink;
  private readonly schedule: StepScheduleLike | undefined;
  private readonly planPoints: number;
  private hyper: HyperLike = { lr: 0 };
  private done = 0;

  /**
   * @param sink - where the rows go
   * @param opts - see {@link LiveFeedOptions}
   */
  constructor(sink: LiveSink, opts: LiveFeedOptions = {}) {
    const planPoints = opts.planPoints ?? 1000;
    if (!Number.isInteger(planPoints) || planPoints < 8) {
      throw new VizError(`planPoints must be an integer >= 8, got ${String(planPoints)}: it is the most points drawn for the planned schedule`);
    }
    this.sink = sink;
    this.name = opts.name ?? 'LiveCharts';
    this.schedule = opts.schedule;
    this.planPoints = planPoints;
  }

  /**
   * Starts a run: finds the plan (given, or a ParamScheduler's on the bus) and tells the sink.
   * @param state - the bus state (numIterations, hyper)
   * @param ctx - the bus context (bus, hyper)
   */
  onTrainBegin(state: LiveTrainState, ctx: LiveContext): void | Promise<void> {
    this.done = 0;
    const schedule = this.schedule ?? ctx.bus?.list().map((cb) => ('schedule' in cb ? cb.schedule : undefined)).find(isSchedule);
    const totalSteps = schedule?.totalSteps ?? state.numIterations;
    const plan = schedule !== undefined && totalSteps !== undefined && totalSteps >= 1 ? this.planRows(schedule, totalSteps) : [];
    const hyper = ctx.hyper?.get() ?? state.hyper;
    const info: LiveRunInfo = { totalSteps, plan, hasMom: hyper.mom !== undefined || plan.some((p) => p.mom !== undefined) };
    return this.sink.begin(info);
  }

  /**
   * Reads the hyper-parameters of this batch (the hyper handle is the truth, as for the Recorder).
   * @param state - the bus state
   * @param ctx - the bus context
   */
  onBatchBegin(state: LiveTrainState, ctx: LiveContext): void {
    this.hyper = ctx.hyper !== undefined ? ctx.hyper.get() : state.hyper;
  }

  /**
   * Sends the batch's row (none when no loss was reported).
   * @param state - the bus state
   */
  onBatchEnd(state: LiveTrainState): void {
    this.done++;
    if (state.lastLoss === undefined) return;
    const h = this.hyper;
    const row: LiveBatchRow = { iteration: state.iteration, epoch: state.epoch, lr: h.lr, loss: state.lastLoss, smooth: state.smoothLoss ?? state.lastLoss };
    if (h.mom !== undefined) row.mom = h.mom;
    if (h.wd !== undefined) row.wd = h.wd;
    this.sink.batch(row);
  }

  /**
   * Sends the epoch's validation loss and metrics (finite values only).
   * @param state - the bus state
   */
  onEpochEnd(state: LiveTrainState): void {
    const rows: LiveEpochRow[] = [];
    const add = (series: string, value: number | undefined): void => {
      if (value !== undefined && Number.isFinite(value)) rows.push({ epoch: state.epoch, iteration: this.done, series, value });
    };
    add(VALID_LOSS_SERIES, state.validLoss);
    for (const [name, value] of Object.entries(state.metrics)) add(name, value);
    this.sink.epoch(rows);
  }

  /** Ends the run at the sink. */
  onTrainEnd(): void | Promise<void> {
    return this.sink.end();
  }

  private planRows(schedule: StepScheduleLike, totalSteps: number): LivePlanRow[] {
    const { points } = schedulePoints(schedule, { steps: totalSteps });
    const hasMom = points.some((p) => p.mom !== undefined);
    return subsample(points, hasMom ? ['lr', 'mom'] : ['lr'], this.planPoints).map((p) => {
      const row: LivePlanRow = { iteration: p.step, lr: p.lr };
      if (p.mom !== undefined) row.mom = p.mom;
      return row;
    });
  }
}
