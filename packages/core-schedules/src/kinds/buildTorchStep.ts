import { get, knownFields, numOr, stepsValue, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { TorchStepSpec } from '../scheduleSpec';
import { decayKernel, multiplesBelow, readBase } from './decayKernel';

const FIELDS = ['kind', 'lr', 'stepSize', 'gamma', 'mom', 'wd', 'wdSchedule'] as const;

/** Compiles a `torchStep` spec: PyTorch `StepLR` stepped per batch, `lr * gamma^floor(step / stepSize)`. */
export function buildTorchStep(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'torchStep'");
  const { lr, mom } = readBase(o, path);
  const stepSize = stepsValue(get(o, 'stepSize'), `${path}stepSize`);
  const gamma = numOr(get(o, 'gamma'), 0.1, `${path}gamma`, {
    min: 0, max: 1, gt: true, hint: 'the LR is multiplied by gamma every stepSize steps; gamma > 1 would grow without bound',
  });
  const spec: TorchStepSpec = { kind: 'torchStep', lr, stepSize, gamma, ...(mom === undefined ? {} : { mom }), ...wdOptions(o, path) };
  return decayKernel(spec, mom, lr, (step) => lr * gamma ** Math.floor(step / stepSize), (limit) => multiplesBelow(stepSize, limit));
}
