import { get, knownFields, numOr, stepsValue, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { TorchLinearSpec } from '../scheduleSpec';
import { decayKernel, readBase } from './decayKernel';

const FIELDS = ['kind', 'lr', 'startFactor', 'endFactor', 'totalIters', 'mom', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `torchLinear` spec: PyTorch `LinearLR` stepped per batch — the LR is `lr` times a
 * factor going linearly from `startFactor` to `endFactor` over `totalIters` steps, then held (a
 * linear warm-up with the defaults 1/3 -> 1 over 5 steps).
 */
export function buildTorchLinear(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'torchLinear'");
  const { lr, mom } = readBase(o, path);
  const startFactor = numOr(get(o, 'startFactor'), 1 / 3, `${path}startFactor`, { min: 0, max: 1, gt: true, hint: 'PyTorch takes 0 < startFactor <= 1' });
  const endFactor = numOr(get(o, 'endFactor'), 1, `${path}endFactor`, { min: 0, max: 1, hint: 'PyTorch takes 0 <= endFactor <= 1' });
  const tv = get(o, 'totalIters');
  const totalIters = tv === undefined ? 5 : stepsValue(tv, `${path}totalIters`);
  const spec: TorchLinearSpec = { kind: 'torchLinear', lr, startFactor, endFactor, totalIters, ...(mom === undefined ? {} : { mom }), ...wdOptions(o, path) };
  const slope = (endFactor - startFactor) / totalIters;
  return decayKernel(spec, mom, lr * Math.max(startFactor, endFactor), (step) => lr * (startFactor + slope * Math.min(step, totalIters)),
    (limit) => (totalIters < limit ? [totalIters] : []));
}
