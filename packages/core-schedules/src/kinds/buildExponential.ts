import { get, knownFields, lrValue, num, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { ExponentialSpec } from '../scheduleSpec';

const FIELDS = ['kind', 'lr', 'gamma', 'wd', 'wdSchedule'] as const;

/** Compiles an `exponential` spec: PyTorch `ExponentialLR` stepped per batch, `lr * gamma^step`. */
export function buildExponential(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'exponential'");
  const lr = lrValue(get(o, 'lr'), `${path}lr`);
  const gamma = num(get(o, 'gamma'), `${path}gamma`, {
    min: 0, max: 1, gt: true, hint: 'the LR is multiplied by gamma every step; gamma > 1 would grow without bound',
  });
  const spec: ExponentialSpec = { kind: 'exponential', lr, gamma, ...wdOptions(o, path) };
  return {
    spec,
    totalSteps: undefined,
    peakLr: lr,
    ownsWd: false,
    at: (step) => ({ lr: lr * gamma ** step }),
    boundaries: () => [],
  };
}
