import { fmt } from './numRule';
import { ScheduleError } from './errors';

/** A function of the position `pos` in [0, 1] inside a phase, as fastai v2's `Scheduler`s. */
export type Annealer = (pos: number) => number;

function checkPos(pos: number): void {
  if (!(pos >= 0 && pos <= 1)) throw new ScheduleError(`pos must be a number in [0, 1], got ${fmt(pos)}`);
}

function finite(v: number, name: string): void {
  if (!Number.isFinite(v)) throw new ScheduleError(`${name} must be a finite number, got ${fmt(v)}`);
}

/** Raw linear interpolation (fastai v2 `sched_lin`), no checks. */
export function linRaw(s: number, e: number, pos: number): number {
  return s + pos * (e - s);
}
/** Raw cosine (fastai v2 `sched_cos`), no checks. */
export function cosRaw(s: number, e: number, pos: number): number {
  return s + ((1 + Math.cos(Math.PI * (1 - pos))) * (e - s)) / 2;
}
/** Raw exponential (fastai v2 `sched_exp`), no checks. */
export function expRaw(s: number, e: number, pos: number): number {
  return s * (e / s) ** pos;
}
/** Raw polynomial (fastai v2 `SchedPoly`), no checks. */
export function polyRaw(s: number, e: number, pos: number, power: number): number {
  return s + (e - s) * pos ** power;
}

/**
 * Linear annealing from `start` to `end` (fastai v2 `SchedLin`).
 * @param start - value at pos 0.
 * @param end - value at pos 1.
 * @returns `pos => start + pos * (end - start)`.
 * @example
 * ```ts
 * schedLin(1, 2)(0.5); // 1.5
 * ```
 */
export function schedLin(start: number, end: number): Annealer {
  finite(start, 'start');
  finite(end, 'end');
  return (pos) => (checkPos(pos), linRaw(start, end, pos));
}

/**
 * Cosine annealing from `start` to `end` (fastai v2 `SchedCos`).
 * @param start - value at pos 0.
 * @param end - value at pos 1.
 * @returns `pos => start + (1 + cos(pi * (1 - pos))) * (end - start) / 2`.
 * @example
 * ```ts
 * schedCos(0, 1)(0.5); // 0.5
 * ```
 */
export function schedCos(start: number, end: number): Annealer {
  finite(start, 'start');
  finite(end, 'end');
  return (pos) => (checkPos(pos), cosRaw(start, end, pos));
}

/**
 * Exponential annealing from `start` to `end` (fastai v2 `SchedExp`); both must be > 0.
 * @param start - value at pos 0.
 * @param end - value at pos 1.
 * @returns `pos => start * (end / start) ** pos`.
 * @example
 * ```ts
 * schedExp(1e-7, 10)(0.5); // 1e-3
 * ```
 */
export function schedExp(start: number, end: number): Annealer {
  if (!(start > 0) || !Number.isFinite(start)) throw new ScheduleError(`start must be a finite number > 0 for exponential annealing, got ${fmt(start)}`);
  if (!(end > 0) || !Number.isFinite(end)) throw new ScheduleError(`end must be a finite number > 0 for exponential annealing, got ${fmt(end)}`);
  return (pos) => (checkPos(pos), expRaw(start, end, pos));
}

/**
 * Polynomial annealing from `start` to `end` (fastai v2 `SchedPoly`).
 * @param start - value at pos 0.
 * @param end - value at pos 1.
 * @param power - exponent, > 0.
 * @returns `pos => start + (end - start) * pos ** power`.
 * @example
 * ```ts
 * schedPoly(1, 0, 2)(0.5); // 0.75
 * ```
 */
export function schedPoly(start: number, end: number, power: number): Annealer {
  finite(start, 'start');
  finite(end, 'end');
  if (!(power > 0) || !Number.isFinite(power)) throw new ScheduleError(`power must be a finite number > 0, got ${fmt(power)}`);
  return (pos) => (checkPos(pos), polyRaw(start, end, pos, power));
}

/**
 * No annealing: always `start` (fastai v2 `SchedNo`).
 * @param _end - ignored (kept for the fastai signature).
 * @returns `pos => start`.
 * @example
 * ```ts
 * schedNo(0.1, 5)(0.9); // 0.1
 * ```
 */
export function schedNo(start: number, _end?: number): Annealer {
  finite(start, 'start');
  return (pos) => (checkPos(pos), start);
}

/**
 * Chains annealers, each over a fraction of [0, 1] (fastai v2 `combine_scheds`).
 * @param pcts - fractions, each > 0, summing to 1 (within 1e-9).
 * @param scheds - one annealer per fraction.
 * @returns an annealer of the global position.
 * @example
 * ```ts
 * const f = combineScheds([0.3, 0.7], [schedLin(0.1, 1), schedCos(1, 0)]);
 * f(0.3); // 1
 * ```
 */
export function combineScheds(pcts: readonly number[], scheds: readonly Annealer[]): Annealer {
  if (pcts.length === 0 || pcts.length !== scheds.length) {
    throw new ScheduleError(`pcts and scheds must be non-empty and of equal length, got ${pcts.length} pcts and ${scheds.length} scheds`);
  }
  const cum = [0];
  let sum = 0;
  pcts.forEach((p, i) => {
    if (!(p > 0) || !Number.isFinite(p)) throw new ScheduleError(`pcts[${i}] must be a finite number > 0, got ${fmt(p)}`);
    sum += p;
    cum.push(sum);
  });
  if (Math.abs(sum - 1) > 1e-9) throw new ScheduleError(`pcts must sum to 1, got ${fmt(sum)} (from ${fmt(pcts)})`);
  cum[cum.length - 1] = 1;
  const last = pcts.length - 1;
  return (pos) => {
    checkPos(pos);
    let idx = 0;
    while (idx < last && pos >= (cum[idx + 1] ?? 1)) idx++;
    const a = cum[idx] ?? 0;
    const b = cum[idx + 1] ?? 1;
    const sched = scheds[idx];
    if (sched === undefined) throw new ScheduleError(`scheds[${idx}] is missing`);
    return sched(Math.min(1, Math.max(0, (pos - a) / (b - a))));
  };
}

/**
 * Cosine from `start` to `middle` over `pct`, then to `end` (fastai v2 `combined_cos`, the 1cycle shape).
 * @param pct - fraction of the first phase, in (0, 1).
 * @param start - value at pos 0.
 * @param middle - value at pos `pct`.
 * @param end - value at pos 1.
 * @returns an annealer of the global position.
 * @example
 * ```ts
 * const lr = combinedCos(0.25, 0.004, 0.1, 1e-6); // fit_one_cycle(lr_max=0.1)
 * lr(0.25); // 0.1
 * ```
 */
export function combinedCos(pct: number, start: number, middle: number, end: number): Annealer {
  if (!(pct > 0 && pct < 1)) throw new ScheduleError(`pct must be a number in (0, 1), got ${fmt(pct)}`);
  return combineScheds([pct, 1 - pct], [schedCos(start, middle), schedCos(middle, end)]);
}
