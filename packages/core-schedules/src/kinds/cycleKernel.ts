import { get, knownFields, lrValue, stepsValue } from '../numRule';
import type { Kernel } from '../kernel';
import type { ScheduleSpec } from '../scheduleSpec';
import type { Hyper } from '../stepSchedule';

/** The (maxMom, minMom) pair of a fastai 0.7 cyclic kind, as `momPair` reads it. */
type MomPair = { maxMom: number; minMom: number } | undefined;

/**
 * Checks what the fastai 0.7 cyclic kinds (`fastaiClr`, `fastaiClrBeta`, `fastaiSgdr`) start
 * with, in this order: no unknown fields, then `lr`, then `stepsPerCycle`.
 * @param o - the spec object
 * @param path - prefix of the field names in messages
 * @param fields - the fields the kind allows
 * @param kind - the kind, for the unknown-field message
 * @returns the peak LR `L` and the steps per cycle `nb`
 */
export function cycleStart(o: object, path: string, fields: readonly string[], kind: string): { L: number; nb: number } {
  knownFields(o, fields, path, `kind '${kind}'`);
  const L = lrValue(get(o, 'lr'), `${path}lr`);
  const nb = stepsValue(get(o, 'stepsPerCycle'), `${path}stepsPerCycle`);
  return { L, nb };
}

/**
 * Puts a given (maxMom, minMom) pair into the normalized spec.
 * @param spec - the spec with every other default filled in
 * @param moms - the pair, or undefined (the spec is returned as it is)
 * @returns the same spec object
 */
export function withMomPair<S extends { maxMom?: number; minMom?: number }>(spec: S, moms: MomPair): S {
  if (moms !== undefined) {
    spec.maxMom = moms.maxMom;
    spec.minMom = moms.minMom;
  }
  return spec;
}

/**
 * `at` of a cyclic kind whose optional momentum moves opposite to its LR (fastai 0.7's
 * `CircularLR` and `CircularLR_beta`): `mom = maxMom + p (minMom - maxMom)`.
 * @param nb - steps per cycle; both functions get the position `i = step mod nb`
 * @param lrAt - the LR at position i
 * @param momPos - p at position i: 0 gives maxMom, 1 gives minMom
 * @param moms - the pair, or undefined for no momentum
 * @returns the hyper-parameters of a step
 */
export function mirroredAt(nb: number, lrAt: (i: number) => number, momPos: (i: number) => number, moms: MomPair): (step: number) => Hyper {
  if (moms === undefined) return (step) => ({ lr: lrAt(step % nb) });
  const { maxMom, minMom } = moms;
  return (step) => {
    const i = step % nb;
    return { lr: lrAt(i), mom: maxMom + momPos(i) * (minMom - maxMom) };
  };
}

/**
 * The kernel of an open-ended fastai 0.7 cyclic kind: no total, peak `L`, `wd` from the
 * shared option.
 * @param spec - the normalized spec
 * @param L - the peak LR
 * @param at - hyper-parameters of a step
 * @param boundaries - phase and cycle starts below a limit
 * @returns the kernel
 */
export function cycleKernel(spec: ScheduleSpec, L: number, at: (step: number) => Hyper, boundaries: (limit: number) => number[]): Kernel {
  return { spec, totalSteps: undefined, peakLr: L, ownsWd: false, at, boundaries };
}
