// The variants of the momentum experiment (Smith, arXiv 1803.09820, §4.3 and the momentum
// figures): the same 1cycle LR for all (fastai 0.7 use_clr_beta LR 0.8, div 10, pct 10, one
// cycle over the budget), only the momentum differs.
import { createSchedule } from '@onecycle/core-schedules';

export const LR = 0.8;
export const DIV = 10;
export const PCT = 10;

/** id -> { label, short, momentum (for the text), kind: 'clrBeta' | 'constant' | 'increasing' } */
export const VARIANTS = [
  { id: 'm1', short: 'CM 0.95→0.85', label: 'cyclical 0.95 → 0.85 → 0.95 (Smith\'s choice)', kind: 'clrBeta', maxMom: 0.95, minMom: 0.85 },
  { id: 'm2', short: 'CM 0.99→0.9', label: 'cyclical 0.99 → 0.9 → 0.99', kind: 'clrBeta', maxMom: 0.99, minMom: 0.9 },
  { id: 'm3', short: 'const 0.85', label: 'constant 0.85', kind: 'constant', mom: 0.85 },
  { id: 'm4', short: 'const 0.9', label: 'constant 0.9', kind: 'constant', mom: 0.9 },
  { id: 'm5', short: 'const 0.95', label: 'constant 0.95', kind: 'constant', mom: 0.95 },
  { id: 'm6', short: 'const 0.99', label: 'constant 0.99', kind: 'constant', mom: 0.99 },
  { id: 'm7', short: 'incr. 0.85→0.95', label: 'increasing 0.85 → 0.95 → 0.85 with the LR (the "wrong" direction), 0.85 in the tail', kind: 'increasing', lowMom: 0.85, highMom: 0.95 },
];

/** The fastaiClrBeta spec (m1's) for a cycle of `nb` batches. */
export function clrBetaSpec(nb, maxMom, minMom) {
  return { kind: 'fastaiClrBeta', lr: LR, stepsPerCycle: nb, div: DIV, pct: PCT, maxMom, minMom };
}

/**
 * The (m7) schedule: a `phases` spec whose LR is fastaiClrBeta's (linear L/div -> L over c steps,
 * back to L/div over c steps, then to L/div * 0.01 over the rest; c = floor(nb (1 - pct/100) / 2))
 * and whose momentum rises low -> high with the LR, falls back, and stays at low in the tail.
 */
export function increasingSpec(nb, lowMom, highMom) {
  const c = Math.floor((nb * (1 - PCT / 100)) / 2);
  const lo = LR / DIV;
  return {
    kind: 'phases',
    totalSteps: nb,
    phases: [
      { pct: c / nb, lr: { start: lo, end: LR, anneal: 'lin' }, mom: { start: lowMom, end: highMom, anneal: 'lin' } },
      { pct: c / nb, lr: { start: LR, end: lo, anneal: 'lin' }, mom: { start: highMom, end: lowMom, anneal: 'lin' } },
      { pct: (nb - 2 * c) / nb, lr: { start: lo, end: lo * (1 - 0.99), anneal: 'lin' }, mom: { start: lowMom, end: lowMom, anneal: 'no' } },
    ],
  };
}

/**
 * Checks that (m7)'s LR equals (m1)'s fastaiClrBeta LR at every step, and that its momentum is
 * m1's mirrored (low + high - m1) over the rise and fall and `low` in the tail.
 * @returns { steps, maxLrDiff, maxMomDiff } (throws when a difference exceeds `tol`)
 */
export function checkIncreasing(nb, lowMom, highMom, tol = 1e-12) {
  const ref = createSchedule(clrBetaSpec(nb, highMom, lowMom));
  const m7 = createSchedule(increasingSpec(nb, lowMom, highMom));
  const c = Math.floor((nb * (1 - PCT / 100)) / 2);
  let maxLrDiff = 0;
  let maxMomDiff = 0;
  for (let k = 0; k < nb; k++) {
    const a = ref.at(k);
    const b = m7.at(k);
    const dl = Math.abs(a.lr - b.lr);
    const wantMom = k > 2 * c ? lowMom : lowMom + highMom - a.mom;
    const dm = Math.abs(wantMom - b.mom);
    maxLrDiff = Math.max(maxLrDiff, dl);
    maxMomDiff = Math.max(maxMomDiff, dm);
    if (!(dl <= tol * a.lr)) throw new Error(`(m7) LR differs from fastaiClrBeta at step ${k} of ${nb}: ${b.lr} vs ${a.lr}`);
    if (!(dm <= tol)) throw new Error(`(m7) momentum at step ${k} of ${nb} is ${b.mom}, want ${wantMom}`);
  }
  return { steps: nb, maxLrDiff, maxMomDiff, tolerance: `relative ${tol} on lr, absolute ${tol} on mom` };
}
