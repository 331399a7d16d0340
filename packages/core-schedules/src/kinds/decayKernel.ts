import { get, lrValue, momValue } from '../numRule';
import type { Kernel } from '../kernel';
import type { Hyper } from '../stepSchedule';

/**
 * What the PyTorch decay kinds share (`StepLR`, `CosineAnnealingLR`, `LinearLR`, `PolynomialLR`,
 * stepped once per batch): a base `lr`, an optional constant `mom`, no end (`at` works for any
 * step, as PyTorch's schedulers do) and no weight decay of their own.
 */
export function readBase(o: object, path: string): { lr: number; mom: number | undefined } {
  const m = get(o, 'mom');
  return { lr: lrValue(get(o, 'lr'), `${path}lr`), mom: m === undefined ? undefined : momValue(m, `${path}mom`) };
}

/** The kernel of a PyTorch decay kind from its lr function. */
export function decayKernel(
  spec: Kernel['spec'], mom: number | undefined, peakLr: number, lrAt: (step: number) => number, boundaries: Kernel['boundaries'],
): Kernel {
  const at = mom === undefined ? (step: number): Hyper => ({ lr: lrAt(step) }) : (step: number): Hyper => ({ lr: lrAt(step), mom });
  return { spec, totalSteps: undefined, peakLr, ownsWd: false, at, boundaries };
}

/** Multiples of `period` in (0, limit). */
export function multiplesBelow(period: number, limit: number): number[] {
  const out: number[] = [];
  for (let b = period; b < limit; b += period) out.push(b);
  return out;
}
