import { fmt } from './numRule';
import { ScheduleError } from './errors';
import type { Hyper, SamplePoint, StepSchedule } from './stepSchedule';

/** Options of {@link sampleSchedule}. */
export interface SampleOptions {
  /** How many steps to cover. @default schedule.totalSteps (required for open-ended kinds) */
  steps?: number;
  /** At most this many points (an integer >= 2). @default Infinity (every step) */
  maxPoints?: number;
}

function point(step: number, h: Hyper): SamplePoint {
  const p: SamplePoint = { step, lr: h.lr };
  if (h.mom !== undefined) p.mom = h.mom;
  if (h.wd !== undefined) p.wd = h.wd;
  return p;
}

/**
 * Samples a schedule for plots: every step, or an even subsample of at most `maxPoints` points
 * that keeps the first and last step and the extremes (peaks and troughs) of lr and mom inside
 * every phase, so a chart never cuts off a peak.
 * @param opts - `steps` to cover and `maxPoints`.
 * @returns points sorted by step.
 * @example
 * ```ts
 * const pts = sampleSchedule(createSchedule({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 10000 }), { maxPoints: 500 });
 * ```
 */
export function sampleSchedule(s: StepSchedule, opts: SampleOptions = {}): SamplePoint[] {
  const n = opts.steps ?? s.totalSteps;
  if (n === undefined) {
    throw new ScheduleError(`steps must be given for an open-ended schedule (kind '${s.spec.kind}' has no totalSteps), got undefined`);
  }
  if (!Number.isSafeInteger(n) || n < 1 || (s.totalSteps !== undefined && n > s.totalSteps)) {
    const max = s.totalSteps === undefined ? ' and <= 2^53 - 1' : ` and <= totalSteps (${s.totalSteps})`;
    throw new ScheduleError(`steps must be an integer >= 1${max}, got ${fmt(n)}`);
  }
  const maxPoints = opts.maxPoints ?? Infinity;
  if (!(maxPoints === Infinity || (Number.isSafeInteger(maxPoints) && maxPoints >= 2))) {
    throw new ScheduleError(`maxPoints must be an integer >= 2, got ${fmt(maxPoints)}`);
  }
  const all: Hyper[] = [];
  for (let t = 0; t < n; t++) all.push(s.at(t));
  if (n <= maxPoints) return all.map((h, t) => point(t, h));

  const keep = new Set<number>([0, n - 1]);
  const edges = [0, ...s.boundaries(n), n];
  const extremes: number[] = [];
  const scan = (a: number, b: number, out: number[]): void => {
    let lo = a;
    let hi = a;
    let mlo = a;
    let mhi = a;
    for (let t = a; t < b; t++) {
      const h = all[t];
      if (h === undefined) continue;
      if (h.lr < (all[lo]?.lr ?? Infinity)) lo = t;
      if (h.lr > (all[hi]?.lr ?? -Infinity)) hi = t;
      if (h.mom !== undefined) {
        if (h.mom < (all[mlo]?.mom ?? Infinity)) mlo = t;
        if (h.mom > (all[mhi]?.mom ?? -Infinity)) mhi = t;
      }
    }
    out.push(hi, lo, mhi, mlo);
  };
  scan(0, n, extremes);
  for (let i = 0; i + 1 < edges.length; i++) scan(edges[i] ?? 0, edges[i + 1] ?? n, extremes);
  for (const t of extremes) {
    if (keep.size >= maxPoints) break;
    keep.add(t);
  }
  const room = maxPoints - keep.size;
  if (room > 0) {
    const picks = new Set<number>();
    for (let i = 0; i < room; i++) picks.add(Math.round((i * (n - 1)) / Math.max(1, room - 1)));
    for (const t of picks) if (keep.size < maxPoints) keep.add(t);
  }
  return [...keep].sort((a, b) => a - b).map((t) => point(t, all[t] ?? s.at(t)));
}
