import { ScheduleError } from './errors';
import { rejectUnknownKeys } from './rejectUnknownKeys';
import type { WdOptions, WdSchedule } from './scheduleSpec';

/** Formats a value for an error message. */
export function fmt(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return 'a function';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Reads a field of a spec object without assuming its type. */
export function get(o: object, key: string): unknown {
  return Reflect.get(o, key);
}

/** Bounds for {@link num}. */
export interface NumRule {
  /** Lower bound; `gt` makes it exclusive. */
  min?: number;
  gt?: boolean;
  /** Upper bound; `lt` makes it exclusive. */
  max?: number;
  lt?: boolean;
  integer?: boolean;
  /** Why the rule exists, appended to the message. */
  hint?: string;
}

function ruleText(r: NumRule): string {
  const parts: string[] = [];
  if (r.integer === true) parts.push('an integer');
  if (r.min !== undefined && r.max !== undefined) {
    parts.push(`in ${r.gt === true ? '(' : '['}${r.min}, ${r.max}${r.lt === true ? ')' : ']'}`);
  } else if (r.min !== undefined) {
    parts.push(`${r.gt === true ? '>' : '>='} ${r.min}`);
  } else if (r.max !== undefined) {
    parts.push(`${r.lt === true ? '<' : '<='} ${r.max}`);
  }
  return parts.join(' ');
}

/** Checks that `v` is a finite number obeying `rule`; `path` names the field in the error. */
export function num(v: unknown, path: string, rule: NumRule = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ScheduleError(`${path} must be a finite number, got ${fmt(v)}`);
  }
  if (rule.integer === true && Number.isInteger(v) && !Number.isSafeInteger(v)) {
    throw new ScheduleError(`${path} must be an integer of at most ${Number.MAX_SAFE_INTEGER} (2^53 - 1), got ${fmt(v)}: past it a double cannot count in steps of 1`);
  }
  // Above 2^53 consecutive integers are no longer distinct doubles: a step count there would make
  // `step + 1 === step` and loops over steps never end.
  const bad =
    (rule.integer === true && !Number.isSafeInteger(v)) ||
    (rule.min !== undefined && (rule.gt === true ? v <= rule.min : v < rule.min)) ||
    (rule.max !== undefined && (rule.lt === true ? v >= rule.max : v > rule.max));
  if (bad) {
    const hint = rule.hint === undefined ? '' : `: ${rule.hint}`;
    throw new ScheduleError(`${path} must be ${ruleText(rule)}, got ${fmt(v)}${hint}`);
  }
  return v;
}

/** Like {@link num}, with a default when the field is absent. */
export function numOr(v: unknown, def: number, path: string, rule: NumRule = {}): number {
  return v === undefined ? def : num(v, path, rule);
}

/** A learning rate: finite and > 0. */
export function lrValue(v: unknown, path: string): number {
  return num(v, path, { min: 0, gt: true, hint: 'a learning rate must be positive' });
}

/** A momentum or beta1: finite, in [0, 1]. */
export function momValue(v: unknown, path: string): number {
  return num(v, path, { min: 0, max: 1, hint: 'momentum (or Adam beta1) lies in [0, 1]' });
}

/** A step count: an integer >= 1. */
export function stepsValue(v: unknown, path: string): number {
  return num(v, path, { integer: true, min: 1, hint: 'it counts batches' });
}

/** Checks a boolean field, with a default. */
export function boolOr(v: unknown, def: boolean, path: string): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw new ScheduleError(`${path} must be true or false, got ${fmt(v)}`);
  return v;
}

/** Checks a string field against allowed values, with a default. */
export function oneOf<T extends string>(v: unknown, allowed: readonly T[], def: T, path: string): T {
  if (v === undefined) return def;
  const hit = allowed.find((a) => a === v);
  if (hit === undefined) {
    throw new ScheduleError(`${path} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${fmt(v)}`);
  }
  return hit;
}

/** Reads an optional (maxMom, minMom) pair: both or neither. */
export function momPair(o: object, path: string): { maxMom: number; minMom: number } | undefined {
  const hi = get(o, 'maxMom');
  const lo = get(o, 'minMom');
  if (hi === undefined && lo === undefined) return undefined;
  if (hi === undefined || lo === undefined) {
    const missing = hi === undefined ? 'maxMom' : 'minMom';
    throw new ScheduleError(`${path}${missing} must be given together with ${missing === 'maxMom' ? 'minMom' : 'maxMom'}, got ${missing} = undefined: set both for cyclical momentum, or neither`);
  }
  return { maxMom: momValue(hi, `${path}maxMom`), minMom: momValue(lo, `${path}minMom`) };
}

/** Reads the `wd` / `wdSchedule` options every kind accepts. */
export function wdOptions(o: object, path: string): WdOptions {
  const wd = get(o, 'wd');
  const sched = get(o, 'wdSchedule');
  if (wd === undefined) {
    if (sched !== undefined) {
      throw new ScheduleError(`${path}wdSchedule is ${fmt(sched)} but ${path}wd is not set: give wd too, or drop wdSchedule`);
    }
    return {};
  }
  const w = num(wd, `${path}wd`, { min: 0, hint: 'weight decay is >= 0' });
  const ws: WdSchedule = oneOf(sched, ['constant', 'followLr'] as const, 'constant', `${path}wdSchedule`);
  return { wd: w, wdSchedule: ws };
}

/** Rejects fields a kind does not know (typos would otherwise be ignored silently). */
export function knownFields(o: object, allowed: readonly string[], path: string, what: string): void {
  rejectUnknownKeys(o, allowed, { path, what: `a field of ${what}` }, (m) => new ScheduleError(m));
}

/** Checks that `v` is a plain object. */
export function obj(v: unknown, path: string): object {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ScheduleError(`${path === '' ? 'spec' : path} must be an object, got ${fmt(v)}`);
  }
  return v;
}

/** Checks that `v` is an array. */
export function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ScheduleError(`${path} must be an array, got ${fmt(v)}`);
  const out: unknown[] = [];
  for (const x of v) out.push(x);
  return out;
}
