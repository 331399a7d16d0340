import { ScheduleError, parseScheduleSpec } from '@onecycle/core-schedules';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import type { FitFlatCosOptions, FitOneCycleOptions, FitOptions, FitSgdrOptions } from '@onecycle/learner';
import { ConfigError } from '../errors';
import { bool, num, numbers, posInt, positive, record } from './jsonRecord';

/**
 * How a `train` config drives the learner: any core-schedules spec (`learner.fitSchedule`),
 * fastai 0.7's `fit(lr, nCycle, opts)`, or fastai v2's `fitOneCycle(epochs, lrMax, opts)`.
 */
export type TrainSchedule =
  | { kind: 'spec'; spec: ScheduleSpec }
  | { kind: 'fit'; lr: number; nCycle: number; options: Omit<FitOptions, 'callbacks' | 'resume'> }
  | { kind: 'fitOneCycle'; lrMax: number; options: Omit<FitOneCycleOptions, 'callbacks' | 'resume'> }
  | { kind: 'fitFlatCos'; lr: number; options: Omit<FitFlatCosOptions, 'callbacks' | 'resume'> }
  | { kind: 'fitSgdr'; nCycles: number; cycleLen: number; lrMax: number; options: Omit<FitSgdrOptions, 'callbacks' | 'resume'> };

const FIT_KEYS = ['lr', 'nCycle', 'cycleLen', 'cycleMult', 'useClr', 'useClrBeta', 'wds', 'useWdSched'];
const ONE_CYCLE_KEYS = ['lrMax', 'pctStart', 'div', 'divFinal', 'moms', 'wd'];

function parseFit(v: unknown): TrainSchedule {
  const p = 'schedule.fit';
  const f = record(v, p, FIT_KEYS, '{ "lr": 0.8, "nCycle": 1, "cycleLen": 10, "useClrBeta": [10, 10, 0.95, 0.85] }');
  const options: Omit<FitOptions, 'callbacks' | 'resume'> = {};
  if (f.cycleLen !== undefined) options.cycleLen = posInt(f.cycleLen, `${p}.cycleLen`);
  if (f.cycleMult !== undefined) options.cycleMult = num(f.cycleMult, `${p}.cycleMult`, (n) => n >= 1, 'a number >= 1');
  if (f.useClr !== undefined && f.useClrBeta !== undefined) throw new ConfigError(`${p}: give useClr or useClrBeta, not both`);
  if (f.useClr !== undefined) {
    const [div = 0, cutDiv = 0, maxMom, minMom] = numbers(f.useClr, `${p}.useClr`, [2, 4], '[div, cutDiv] or [div, cutDiv, maxMom, minMom]');
    options.useClr = maxMom === undefined || minMom === undefined ? [div, cutDiv] : [div, cutDiv, maxMom, minMom];
  }
  if (f.useClrBeta !== undefined) {
    const [div = 0, pct = 0, maxMom, minMom] = numbers(f.useClrBeta, `${p}.useClrBeta`, [2, 4], '[div, pct] or [div, pct, maxMom, minMom]');
    options.useClrBeta = maxMom === undefined || minMom === undefined ? [div, pct] : [div, pct, maxMom, minMom];
  }
  if (f.wds !== undefined) options.wds = num(f.wds, `${p}.wds`, (n) => n >= 0, 'a number >= 0');
  if (f.useWdSched !== undefined) options.useWdSched = bool(f.useWdSched, `${p}.useWdSched`);
  if (options.cycleMult !== undefined && options.cycleMult !== 1 && (options.useClr ?? options.useClrBeta) !== undefined) {
    throw new ConfigError(`${p}.cycleMult applies to SGDR only (cycleLen without useClr/useClrBeta), got ${options.cycleMult} with a CLR option`);
  }
  const nCycle = f.nCycle === undefined ? 1 : posInt(f.nCycle, `${p}.nCycle`);
  return { kind: 'fit', lr: positive(f.lr, `${p}.lr`), nCycle, options };
}

function parseOneCycle(v: unknown): TrainSchedule {
  const p = 'schedule.fitOneCycle';
  const f = record(v, p, ONE_CYCLE_KEYS, '{ "lrMax": 0.1, "moms": [0.95, 0.85, 0.95] }');
  const options: Omit<FitOneCycleOptions, 'callbacks' | 'resume'> = {};
  if (f.pctStart !== undefined) options.pctStart = num(f.pctStart, `${p}.pctStart`, (n) => n > 0 && n < 1, 'a number in (0, 1)');
  if (f.div !== undefined) options.div = num(f.div, `${p}.div`, (n) => n > 0, 'a positive number');
  if (f.divFinal !== undefined) options.divFinal = num(f.divFinal, `${p}.divFinal`, (n) => n > 0, 'a positive number');
  if (f.moms !== undefined) {
    const [a = 0, b = 0, c = 0] = numbers(f.moms, `${p}.moms`, [3], '[start, middle, end] momentums');
    options.moms = [a, b, c];
  }
  if (f.wd !== undefined) options.wd = num(f.wd, `${p}.wd`, (n) => n >= 0, 'a number >= 0');
  return { kind: 'fitOneCycle', lrMax: positive(f.lrMax, `${p}.lrMax`), options };
}

function parseFlatCos(v: unknown): TrainSchedule {
  const p = 'schedule.fitFlatCos';
  const f = record(v, p, ['lr', 'pctStart', 'divFinal', 'wd'], '{ "lr": 0.01, "pctStart": 0.75 }');
  const options: Omit<FitFlatCosOptions, 'callbacks' | 'resume'> = {};
  if (f.pctStart !== undefined) options.pctStart = num(f.pctStart, `${p}.pctStart`, (n) => n > 0 && n < 1, 'a number in (0, 1)');
  if (f.divFinal !== undefined) options.divFinal = num(f.divFinal, `${p}.divFinal`, (n) => n >= 1, 'a number >= 1');
  if (f.wd !== undefined) options.wd = num(f.wd, `${p}.wd`, (n) => n >= 0, 'a number >= 0');
  return { kind: 'fitFlatCos', lr: positive(f.lr, `${p}.lr`), options };
}

function parseSgdr(v: unknown): TrainSchedule {
  const p = 'schedule.fitSgdr';
  const f = record(v, p, ['nCycles', 'cycleLen', 'lrMax', 'cycleMult', 'wd'], '{ "nCycles": 3, "cycleLen": 1, "lrMax": 0.1, "cycleMult": 2 }');
  const options: Omit<FitSgdrOptions, 'callbacks' | 'resume'> = {};
  if (f.cycleMult !== undefined) options.cycleMult = posInt(f.cycleMult, `${p}.cycleMult`);
  if (f.wd !== undefined) options.wd = num(f.wd, `${p}.wd`, (n) => n >= 0, 'a number >= 0');
  return { kind: 'fitSgdr', nCycles: posInt(f.nCycles, `${p}.nCycles`), cycleLen: posInt(f.cycleLen, `${p}.cycleLen`), lrMax: positive(f.lrMax, `${p}.lrMax`), options };
}

/**
 * Validates the `schedule` field of a `train` config: a core-schedules spec (an object with
 * `kind`, validated by `parseScheduleSpec`; steps are global batch indices), `{ "fit": { … } }`
 * (fastai 0.7 `learn.fit`), or fastai v2's `{ "fitOneCycle": { … } }`, `{ "fitFlatCos": { … } }`
 * or `{ "fitSgdr": { … } }`.
 *
 * @param v - the field's value
 * @throws ConfigError naming the field path
 */
export function parseTrainSchedule(v: unknown): TrainSchedule {
  const example = '{ "fit": { "lr": 0.8, "cycleLen": 10, "useClrBeta": [10, 10, 0.95, 0.85] } }, { "fitOneCycle": { "lrMax": 0.1 } } or a schedule spec { "kind": "oneCycle", … }';
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v) {
    try {
      return { kind: 'spec', spec: parseScheduleSpec(v) };
    } catch (err) {
      if (err instanceof ScheduleError) throw new ConfigError(`schedule: ${err.message}`, { cause: err });
      throw err;
    }
  }
  const s = record(v, 'schedule', ['fit', 'fitOneCycle', 'fitFlatCos', 'fitSgdr'], example);
  const keys = Object.keys(s);
  if (keys.length !== 1) throw new ConfigError(`schedule must have exactly one of fit, fitOneCycle, fitFlatCos, fitSgdr or kind, got ${keys.length === 0 ? 'none' : keys.join(' and ')}`);
  if (s.fit !== undefined) return parseFit(s.fit);
  if (s.fitFlatCos !== undefined) return parseFlatCos(s.fitFlatCos);
  if (s.fitSgdr !== undefined) return parseSgdr(s.fitSgdr);
  return parseOneCycle(s.fitOneCycle);
}

/**
 * Epochs fastai v2's `fit_sgdr` runs: `sum(cycleLen * cycleMult^i, i < nCycles)`.
 *
 * @param s - a `fitSgdr` schedule
 */
export function sgdrEpochs(s: Extract<TrainSchedule, { kind: 'fitSgdr' }>): number {
  let n = 0;
  for (let i = 0; i < s.nCycles; i++) n += s.cycleLen * (s.options.cycleMult ?? 2) ** i;
  return n;
}

/**
 * Epochs a fastai 0.7 `fit` runs: `sum(cycleLen * cycleMult^i, i < nCycle)` with a cycle length
 * (one epoch per cycle with a CLR option), else `nCycle`.
 *
 * @param s - a `fit` schedule
 * @returns the number of epochs (may be fractional when cycleMult is)
 */
export function fitEpochs(s: Extract<TrainSchedule, { kind: 'fit' }>): number {
  const clr = s.options.useClr ?? s.options.useClrBeta;
  const cycleLen = s.options.cycleLen ?? (clr !== undefined ? 1 : undefined);
  if (cycleLen === undefined) return s.nCycle;
  let n = 0;
  for (let i = 0; i < s.nCycle; i++) n += cycleLen * (s.options.cycleMult ?? 1) ** i;
  return n;
}
