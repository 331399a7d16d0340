import { cosRaw, expRaw, linRaw, polyRaw } from '../annealer';
import { arr, fmt, get, knownFields, num, obj, oneOf, stepsValue, wdOptions, type NumRule } from '../numRule';
import type { Kernel } from '../kernel';
import { ScheduleError } from '../errors';
import type { AnnealName, AnnealSpec, PhaseSpec, PhasesSpec } from '../scheduleSpec';
import type { Hyper } from '../stepSchedule';
import { phaseStart } from './buildOneCycle';

const FIELDS = ['kind', 'totalSteps', 'phases', 'wd', 'wdSchedule'] as const;
const ANNEALS: readonly AnnealName[] = ['lin', 'cos', 'exp', 'poly', 'no'];

type Fn = (pos: number) => number;

function annealSpec(v: unknown, path: string, what: 'lr' | 'mom' | 'wd'): AnnealSpec {
  const o = obj(v, path);
  knownFields(o, ['start', 'end', 'anneal', 'power'], `${path}.`, 'an anneal spec');
  if (get(o, 'anneal') === undefined) throw new ScheduleError(`${path}.anneal must be one of ${ANNEALS.map((a) => `'${a}'`).join(', ')}, got undefined`);
  const anneal = oneOf(get(o, 'anneal'), ANNEALS, 'lin', `${path}.anneal`);
  // An LR may anneal to (or from) 0, as fastai's SchedCos(lr_max, 0) in fit_sgdr; 'exp' needs > 0.
  const rule: NumRule =
    anneal === 'exp'
      ? { min: 0, gt: true, hint: 'exponential annealing needs values > 0' }
      : { min: 0, hint: what === 'lr' ? 'a learning rate is >= 0' : 'weight decay is >= 0' };
  if (what === 'mom') {
    rule.max = 1;
    rule.hint = 'momentum (or Adam beta1) lies in [0, 1]';
  }
  const start = num(get(o, 'start'), `${path}.start`);
  const end = num(get(o, 'end'), `${path}.end`);
  num(start, `${path}.start`, rule);
  num(end, `${path}.end`, rule);
  const spec: AnnealSpec = { start, end, anneal };
  if (anneal === 'poly') spec.power = num(get(o, 'power'), `${path}.power`, { min: 0, gt: true, hint: "'poly' annealing needs a power" });
  else if (get(o, 'power') !== undefined) throw new ScheduleError(`${path}.power is only used by anneal 'poly', got ${fmt(get(o, 'power'))} with anneal '${anneal}'`);
  return spec;
}

function toFn(a: AnnealSpec): Fn {
  const { start: s, end: e, power = 1 } = a;
  switch (a.anneal) {
    case 'lin':
      return (p) => linRaw(s, e, p);
    case 'cos':
      return (p) => cosRaw(s, e, p);
    case 'exp':
      return (p) => expRaw(s, e, p);
    case 'poly':
      return (p) => polyRaw(s, e, p, power);
    case 'no':
      return () => s;
  }
}

/**
 * Compiles a `phases` spec: fastai's training phases / v2 `combine_scheds` for lr, mom and wd.
 * Phase `i` covers `pos = step / totalSteps` in `[cum_i, cum_{i+1})`, with its own position
 * `(pos - cum_i) / pct_i`, like fastai v2 `combine_scheds`.
 */
export function buildPhases(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'phases'");
  const T = stepsValue(get(o, 'totalSteps'), `${path}totalSteps`);
  const list = arr(get(o, 'phases'), `${path}phases`);
  if (list.length === 0) throw new ScheduleError(`${path}phases must hold at least one phase, got []`);
  const phases: PhaseSpec[] = list.map((v, i) => {
    const p = `${path}phases[${i}]`;
    const po = obj(v, p);
    knownFields(po, ['pct', 'lr', 'mom', 'wd'], `${p}.`, 'a phase');
    const ph: PhaseSpec = {
      pct: num(get(po, 'pct'), `${p}.pct`, { min: 0, max: 1, gt: true, hint: 'it is the fraction of totalSteps this phase takes' }),
      lr: annealSpec(get(po, 'lr'), `${p}.lr`, 'lr'),
    };
    if (get(po, 'mom') !== undefined) ph.mom = annealSpec(get(po, 'mom'), `${p}.mom`, 'mom');
    if (get(po, 'wd') !== undefined) ph.wd = annealSpec(get(po, 'wd'), `${p}.wd`, 'wd');
    return ph;
  });
  for (const key of ['mom', 'wd'] as const) {
    const first = phases[0]?.[key] !== undefined;
    phases.forEach((ph, i) => {
      if ((ph[key] !== undefined) !== first) {
        throw new ScheduleError(`${path}phases[${i}].${key} is ${ph[key] === undefined ? 'missing' : 'set'} but phases[0].${key} is ${first ? 'set' : 'missing'}: give ${key} in every phase or in none`);
      }
    });
  }
  const wdOpt = wdOptions(o, path);
  const phaseWd = phases[0]?.wd !== undefined;
  if (phaseWd && wdOpt.wd !== undefined) {
    throw new ScheduleError(`${path}wd is ${wdOpt.wd} but the phases also schedule wd: give wd either at the top level or in the phases, not both`);
  }
  const sum = phases.reduce((s, ph) => s + ph.pct, 0);
  if (Math.abs(sum - 1) > 1e-9) {
    throw new ScheduleError(`${path}phases[*].pct must sum to 1, got ${fmt(sum)} (${phases.map((ph) => ph.pct).join(' + ')})`);
  }
  const spec: PhasesSpec = { kind: 'phases', totalSteps: T, phases, ...wdOpt };
  const cum: number[] = [0];
  let acc = 0;
  for (const ph of phases) cum.push((acc += ph.pct));
  cum[cum.length - 1] = 1;
  const lrF = phases.map((ph) => toFn(ph.lr));
  const momF = phases.map((ph) => (ph.mom === undefined ? undefined : toFn(ph.mom)));
  const wdF = phases.map((ph) => (ph.wd === undefined ? undefined : toFn(ph.wd)));
  const starts = cum.map((c) => phaseStart(c, T));
  const last = phases.length - 1;
  const at = (step: number): Hyper => {
    let i = 0;
    while (i < last && step >= (starts[i + 1] ?? Infinity)) i++;
    const a = cum[i] ?? 0;
    const p = Math.min(1, Math.max(0, (step / T - a) / ((cum[i + 1] ?? 1) - a)));
    const lf = lrF[i];
    if (lf === undefined) throw new ScheduleError(`step ${step} fell outside every phase`);
    const lr = lf(p);
    const mf = momF[i];
    const wf = wdF[i];
    if (wf !== undefined) return mf !== undefined ? { lr, mom: mf(p), wd: wf(p) } : { lr, wd: wf(p) };
    return mf !== undefined ? { lr, mom: mf(p) } : { lr };
  };
  const peak = Math.max(...phases.map((ph) => Math.max(ph.lr.start, ph.lr.end)));
  if (!(peak > 0)) throw new ScheduleError(`${path}phases: every lr start and end is 0: at least one must be > 0`);
  return {
    spec,
    totalSteps: T,
    peakLr: peak,
    ownsWd: phaseWd,
    at,
    boundaries: (limit) => starts.slice(1, -1).filter((b, i, xs) => b > 0 && b < limit && b < T && b !== xs[i - 1]),
  };
}
