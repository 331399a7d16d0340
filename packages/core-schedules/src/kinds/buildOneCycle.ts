import { arr, get, knownFields, lrValue, momValue, numOr, stepsValue, wdOptions } from '../numRule';
import { cosRaw } from '../annealer';
import type { Kernel } from '../kernel';
import { ScheduleError } from '../errors';
import type { OneCycleSpec } from '../scheduleSpec';

const FIELDS = ['kind', 'lrMax', 'totalSteps', 'pctStart', 'div', 'divFinal', 'moms', 'wd', 'wdSchedule'] as const;

/** First integer step `t` with `t / total >= pct` (where a fastai v2 phase starts). */
export function phaseStart(pct: number, total: number): number {
  let b = Math.ceil(pct * total);
  while (b > 0 && (b - 1) / total >= pct) b--;
  while (b / total < pct) b++;
  return b;
}

/**
 * Compiles a `oneCycle` spec: fastai v2 `fit_one_cycle`. With `pos = step / totalSteps`:
 * `lr = combined_cos(pctStart, lrMax/div, lrMax, lrMax/divFinal)(pos)` and
 * `mom = combined_cos(pctStart, ...moms)(pos)`.
 */
export function buildOneCycle(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'oneCycle'");
  const lrMax = lrValue(get(o, 'lrMax'), `${path}lrMax`);
  const T = stepsValue(get(o, 'totalSteps'), `${path}totalSteps`);
  const pct = numOr(get(o, 'pctStart'), 0.25, `${path}pctStart`, {
    min: 0,
    max: 1,
    gt: true,
    lt: true,
    hint: 'it is the fraction of steps spent warming up',
  });
  const div = numOr(get(o, 'div'), 25, `${path}div`, { min: 0, gt: true, hint: 'the LR starts at lrMax / div' });
  const divFinal = numOr(get(o, 'divFinal'), 1e5, `${path}divFinal`, { min: 0, gt: true, hint: 'the LR ends at lrMax / divFinal' });
  const momsIn = get(o, 'moms');
  let moms: [number, number, number] | false = [0.95, 0.85, 0.95];
  if (momsIn === false) moms = false;
  else if (momsIn !== undefined) {
    const a = arr(momsIn, `${path}moms`);
    if (a.length !== 3) throw new ScheduleError(`${path}moms must be an array of 3 momentums [start, middle, end] or false (no momentum), got ${a.length} items`);
    moms = [momValue(a[0], `${path}moms[0]`), momValue(a[1], `${path}moms[1]`), momValue(a[2], `${path}moms[2]`)];
  }
  const spec: OneCycleSpec = { kind: 'oneCycle', lrMax, totalSteps: T, pctStart: pct, div, divFinal, moms: moms === false ? false : [...moms], ...wdOptions(o, path) };
  const lr0 = lrMax / div;
  const lr2 = lrMax / divFinal;
  const rest = 1 - pct;
  const b = phaseStart(pct, T);
  const lrAt = (pos: number): number => (pos < pct ? cosRaw(lr0, lrMax, pos / pct) : cosRaw(lrMax, lr2, Math.min(1, (pos - pct) / rest)));
  if (moms === false) {
    return { spec, totalSteps: T, peakLr: lrMax, ownsWd: false, at: (step) => ({ lr: lrAt(step / T) }), boundaries: (limit) => (b > 0 && b < limit && b < T ? [b] : []) };
  }
  const [m0, m1, m2] = moms;
  return {
    spec,
    totalSteps: T,
    peakLr: lrMax,
    ownsWd: false,
    at: (step) => {
      const pos = step / T;
      if (pos < pct) {
        const p = pos / pct;
        return { lr: cosRaw(lr0, lrMax, p), mom: cosRaw(m0, m1, p) };
      }
      const p = Math.min(1, (pos - pct) / rest);
      return { lr: cosRaw(lrMax, lr2, p), mom: cosRaw(m1, m2, p) };
    },
    boundaries: (limit) => (b > 0 && b < limit && b < T ? [b] : []),
  };
}
