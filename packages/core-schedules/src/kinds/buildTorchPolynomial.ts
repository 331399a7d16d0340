import { get, knownFields, numOr, stepsValue, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { TorchPolynomialSpec } from '../scheduleSpec';
import { decayKernel, readBase } from './decayKernel';

const FIELDS = ['kind', 'lr', 'totalIters', 'power', 'mom', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `torchPolynomial` spec: PyTorch `PolynomialLR` stepped per batch,
 * `lr * (1 - min(step, totalIters) / totalIters)^power` — 0 from `totalIters` on.
 */
export function buildTorchPolynomial(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'torchPolynomial'");
  const { lr, mom } = readBase(o, path);
  const tv = get(o, 'totalIters');
  const totalIters = tv === undefined ? 5 : stepsValue(tv, `${path}totalIters`);
  const power = numOr(get(o, 'power'), 1, `${path}power`, { min: 0, gt: true, hint: 'the LR decays as (1 - step/totalIters)^power' });
  const spec: TorchPolynomialSpec = { kind: 'torchPolynomial', lr, totalIters, power, ...(mom === undefined ? {} : { mom }), ...wdOptions(o, path) };
  return decayKernel(spec, mom, lr, (step) => lr * (1 - Math.min(step, totalIters) / totalIters) ** power,
    (limit) => (totalIters < limit ? [totalIters] : []));
}
