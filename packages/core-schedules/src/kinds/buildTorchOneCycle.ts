import { boolOr, get, knownFields, lrValue, momValue, numOr, oneOf, stepsValue, wdOptions } from '../numRule';
import { sortUnique, type Kernel } from '../kernel';
import { ScheduleError } from '../errors';
import type { TorchOneCycleSpec } from '../scheduleSpec';
import type { Hyper } from '../stepSchedule';

const FIELDS = [
  'kind', 'maxLr', 'totalSteps', 'pctStart', 'annealStrategy', 'cycleMomentum', 'baseMomentum',
  'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase', 'wd', 'wdSchedule',
] as const;

/** PyTorch's `_annealing_cos`. */
function annCos(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1);
}
/** PyTorch's `_annealing_linear`. */
function annLin(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

/**
 * Compiles a `torchOneCycle` spec: PyTorch `OneCycleLR`; `at(k)` equals the value after `k`
 * calls of `scheduler.step()`. Phase ends are floats (`pctStart * T - 1`, `T - 1`; three-phase
 * `pctStart * T - 1`, `2 pctStart * T - 2`, `T - 1`), exactly as PyTorch 1.13 computes them.
 */
export function buildTorchOneCycle(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'torchOneCycle'");
  const maxLr = lrValue(get(o, 'maxLr'), `${path}maxLr`);
  const T = stepsValue(get(o, 'totalSteps'), `${path}totalSteps`);
  const pct = numOr(get(o, 'pctStart'), 0.3, `${path}pctStart`, {
    min: 0, max: 1, gt: true, lt: true, hint: 'it is the fraction of steps spent warming up',
  });
  const anneal = oneOf(get(o, 'annealStrategy'), ['cos', 'linear'] as const, 'cos', `${path}annealStrategy`);
  const cycleMomentum = boolOr(get(o, 'cycleMomentum'), true, `${path}cycleMomentum`);
  const baseM = momValue(get(o, 'baseMomentum') ?? 0.85, `${path}baseMomentum`);
  const maxM = momValue(get(o, 'maxMomentum') ?? 0.95, `${path}maxMomentum`);
  const divF = numOr(get(o, 'divFactor'), 25, `${path}divFactor`, { min: 0, gt: true, hint: 'the LR starts at maxLr / divFactor' });
  const finalDiv = numOr(get(o, 'finalDivFactor'), 1e4, `${path}finalDivFactor`, {
    min: 0, gt: true, hint: 'the LR ends at maxLr / divFactor / finalDivFactor',
  });
  const three = boolOr(get(o, 'threePhase'), false, `${path}threePhase`);
  const e1 = pct * T - 1;
  if (!(e1 > 0)) {
    throw new ScheduleError(`${path}pctStart * totalSteps must be > 1 so the warm-up phase has a length, got pctStart = ${pct} with totalSteps = ${T}`);
  }
  const initial = maxLr / divF;
  const minLr = initial / finalDiv;
  // [end step, start lr, end lr, start mom, end mom]
  const phases: Array<[number, number, number, number, number]> = three
    ? [
        [e1, initial, maxLr, maxM, baseM],
        [2 * pct * T - 2, maxLr, initial, baseM, maxM],
        [T - 1, initial, minLr, maxM, maxM],
      ]
    : [
        [e1, initial, maxLr, maxM, baseM],
        [T - 1, maxLr, minLr, baseM, maxM],
      ];
  let prev = 0;
  for (const ph of phases) {
    if (!(ph[0] > prev)) {
      throw new ScheduleError(`${path}pctStart must leave every phase a positive length, got pctStart = ${pct} with totalSteps = ${T} and threePhase = ${three}`);
    }
    prev = ph[0];
  }
  const spec: TorchOneCycleSpec = {
    kind: 'torchOneCycle', maxLr, totalSteps: T, pctStart: pct, annealStrategy: anneal, cycleMomentum,
    baseMomentum: baseM, maxMomentum: maxM, divFactor: divF, finalDivFactor: finalDiv, threePhase: three,
    ...wdOptions(o, path),
  };
  const f = anneal === 'cos' ? annCos : annLin;
  const last = phases.length - 1;
  const at = (step: number): Hyper => {
    let start = 0;
    for (let i = 0; i <= last; i++) {
      const ph = phases[i];
      if (ph === undefined) break;
      if (step <= ph[0] || i === last) {
        const p = (step - start) / (ph[0] - start);
        return cycleMomentum ? { lr: f(ph[1], ph[2], p), mom: f(ph[3], ph[4], p) } : { lr: f(ph[1], ph[2], p) };
      }
      start = ph[0];
    }
    throw new ScheduleError(`step ${step} fell outside every phase`);
  };
  return {
    spec,
    totalSteps: T,
    peakLr: maxLr,
    ownsWd: false,
    at,
    boundaries: (limit) => sortUnique(phases.slice(0, last).map((ph) => Math.ceil(ph[0])).filter((b) => b > 0 && b < limit && b < T)),
  };
}
