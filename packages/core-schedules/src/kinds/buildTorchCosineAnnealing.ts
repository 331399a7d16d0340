import { get, knownFields, numOr, stepsValue, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { TorchCosineAnnealingSpec } from '../scheduleSpec';
import { decayKernel, multiplesBelow, readBase } from './decayKernel';

const FIELDS = ['kind', 'lr', 'tMax', 'etaMin', 'mom', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `torchCosineAnnealing` spec: PyTorch `CosineAnnealingLR` stepped per batch,
 * `etaMin + (lr - etaMin) (1 + cos(pi step / tMax)) / 2`. Past `tMax` the cosine goes on and the
 * LR climbs back to `lr` at `2 tMax`, as PyTorch's does (for restarts use `torchCosineWarmRestarts`).
 */
export function buildTorchCosineAnnealing(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'torchCosineAnnealing'");
  const { lr, mom } = readBase(o, path);
  const tMax = stepsValue(get(o, 'tMax'), `${path}tMax`);
  const etaMin = numOr(get(o, 'etaMin'), 0, `${path}etaMin`, { min: 0, hint: 'it is the lowest LR' });
  const spec: TorchCosineAnnealingSpec = { kind: 'torchCosineAnnealing', lr, tMax, etaMin, ...(mom === undefined ? {} : { mom }), ...wdOptions(o, path) };
  const amp = lr - etaMin;
  return decayKernel(spec, mom, Math.max(lr, etaMin), (step) => etaMin + (amp * (1 + Math.cos((Math.PI * step) / tMax))) / 2,
    (limit) => multiplesBelow(tMax, limit));
}
