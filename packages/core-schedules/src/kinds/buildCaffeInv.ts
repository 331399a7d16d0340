import { get, knownFields, num, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { CaffeInvSpec } from '../scheduleSpec';
import { decayKernel, readBase } from './decayKernel';

const FIELDS = ['kind', 'lr', 'gamma', 'power', 'mom', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `caffeInv` spec: Caffe's `lr_policy: "inv"` (`SGDSolver::GetLearningRate` in
 * caffe/src/caffe/solvers/sgd_solver.cpp), `lr * (1 + gamma * step)^(-power)`, with step 0 the
 * first iteration — the "standard" schedule of Caffe's LeNet example (`lr 0.01, gamma 1e-4,
 * power 0.75`) that Smith's LeNet results compare 1cycle against.
 */
export function buildCaffeInv(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'caffeInv'");
  const { lr, mom } = readBase(o, path);
  const gamma = num(get(o, 'gamma'), `${path}gamma`, { min: 0, gt: true, hint: 'the LR decays as (1 + gamma * step)^(-power); Caffe\'s LeNet uses 1e-4' });
  const power = num(get(o, 'power'), `${path}power`, { min: 0, gt: true, hint: 'the LR decays as (1 + gamma * step)^(-power); Caffe\'s LeNet uses 0.75' });
  const spec: CaffeInvSpec = { kind: 'caffeInv', lr, gamma, power, ...(mom === undefined ? {} : { mom }), ...wdOptions(o, path) };
  return decayKernel(spec, mom, lr, (step) => lr * (1 + gamma * step) ** -power, () => []);
}
