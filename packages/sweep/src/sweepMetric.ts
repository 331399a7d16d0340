import { SweepConfigError, UnknownFieldError } from './errors';
import { isJsonObject } from './jsonValue';
import type { JsonValue } from './jsonValue';

/** What a sweep compares across cells, read from each run's per-epoch series. */
export interface SweepMetric {
  /** The series field, e.g. `accuracy` or `validLoss`. */
  name: string;
  /**
   * `last`: the value after the last epoch; `best`: the best value of any epoch; `epochsTo`: the
   * first epoch (1-based) whose value reaches `target` (Smith's "epochs to reach an accuracy").
   * @default 'last'
   */
  at: 'last' | 'best' | 'epochsTo';
  /** The value `epochsTo` waits for. */
  target?: number;
  /** Whether larger values are better. @default 'min' when the name contains "loss", else 'max' */
  goal: 'max' | 'min';
}

const KEYS = ['name', 'at', 'target', 'goal'] as const;
const ATS = ['last', 'best', 'epochsTo'] as const;
const GOALS = ['max', 'min'] as const;

/**
 * Reads a sweep's `metric`: a series field name (`"accuracy"`) or
 * `{ "name", "at": "last" | "best" | "epochsTo", "target", "goal": "max" | "min" }`.
 * @param v - the value of the `metric` field
 * @returns the metric with defaults filled in
 * @throws SweepConfigError naming the field, the value and what is allowed
 */
export function parseSweepMetric(v: JsonValue | undefined): SweepMetric {
  const defaultGoal = (name: string): 'max' | 'min' => (/loss/i.test(name) ? 'min' : 'max');
  if (typeof v === 'string' && v !== '') return { name: v, at: 'last', goal: defaultGoal(v) };
  if (!isJsonObject(v)) throw new SweepConfigError('metric', v, 'a series field name like "accuracy", or { "name": "accuracy", "at": "last" | "best" | "epochsTo", "target": 0.9 }');
  for (const k of Object.keys(v)) if (!(KEYS as readonly string[]).includes(k)) throw new UnknownFieldError('metric', k, KEYS);
  if (typeof v.name !== 'string' || v.name === '') throw new SweepConfigError('metric.name', v.name, 'the name of a series field, like "accuracy"');
  const at = ATS.find((a) => a === (v.at ?? 'last'));
  if (at === undefined) throw new SweepConfigError('metric.at', v.at, `one of ${ATS.map((a) => `"${a}"`).join(', ')}`);
  const goal = v.goal === undefined ? defaultGoal(v.name) : GOALS.find((g) => g === v.goal);
  if (goal === undefined) throw new SweepConfigError('metric.goal', v.goal, '"max" (larger is better) or "min"');
  const metric: SweepMetric = { name: v.name, at, goal };
  if (at === 'epochsTo') {
    if (typeof v.target !== 'number' || !Number.isFinite(v.target)) throw new SweepConfigError('metric.target', v.target, 'the value "epochsTo" waits for (a number)');
    metric.target = v.target;
  } else if (v.target !== undefined) {
    throw new SweepConfigError('metric.target', v.target, 'left out unless "at" is "epochsTo"');
  }
  return metric;
}

/** One epoch of a run's series: named numbers (null where a value is missing). */
export type SeriesPoint = Record<string, number | null>;

/**
 * A run's value of the sweep metric.
 * @param series - the run's per-epoch series
 * @returns the value, or null when the series has no such value (or never reaches the target)
 */
export function metricValue(series: readonly SeriesPoint[], metric: SweepMetric): number | null {
  const values = series.map((p) => p[metric.name]);
  const better = (a: number, b: number): boolean => (metric.goal === 'max' ? a > b : a < b);
  switch (metric.at) {
    case 'last': {
      const last = values[values.length - 1];
      return typeof last === 'number' && Number.isFinite(last) ? last : null;
    }
    case 'best': {
      let best: number | null = null;
      for (const x of values) if (typeof x === 'number' && Number.isFinite(x) && (best === null || better(x, best))) best = x;
      return best;
    }
    case 'epochsTo': {
      const target = metric.target ?? 0;
      const i = values.findIndex((x) => typeof x === 'number' && (metric.goal === 'max' ? x >= target : x <= target));
      return i < 0 ? null : i + 1;
    }
  }
}
