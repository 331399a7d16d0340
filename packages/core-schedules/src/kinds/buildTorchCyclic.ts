import { boolOr, get, knownFields, lrValue, momValue, numOr, oneOf, stepsValue, wdOptions } from '../numRule';
import { periodicBoundaries, type Kernel } from '../kernel';
import type { TorchCyclicSpec } from '../scheduleSpec';
import type { Hyper } from '../stepSchedule';

const FIELDS = [
  'kind', 'baseLr', 'maxLr', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'cycleMomentum',
  'baseMomentum', 'maxMomentum', 'wd', 'wdSchedule',
] as const;

/**
 * Compiles a `torchCyclic` spec: PyTorch `CyclicLR` (CLR of Smith, arXiv 1506.01186); `at(k)`
 * equals the value after `k` calls of `scheduler.step()`. Momentum moves opposite to the LR;
 * in `expRange` mode `gamma^k` also shrinks the momentum swing, as in PyTorch.
 */
export function buildTorchCyclic(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'torchCyclic'");
  const baseLr = lrValue(get(o, 'baseLr'), `${path}baseLr`);
  const maxLr = lrValue(get(o, 'maxLr'), `${path}maxLr`);
  const up = stepsValue(get(o, 'stepSizeUp') ?? 2000, `${path}stepSizeUp`);
  const downIn = get(o, 'stepSizeDown');
  const down = downIn === undefined ? up : stepsValue(downIn, `${path}stepSizeDown`);
  const mode = oneOf(get(o, 'mode'), ['triangular', 'triangular2', 'expRange'] as const, 'triangular', `${path}mode`);
  const gamma = numOr(get(o, 'gamma'), 1, `${path}gamma`, { min: 0, max: 1, gt: true, hint: 'expRange scales the amplitude by gamma^step' });
  const cycleMomentum = boolOr(get(o, 'cycleMomentum'), true, `${path}cycleMomentum`);
  const baseM = momValue(get(o, 'baseMomentum') ?? 0.8, `${path}baseMomentum`);
  const maxM = momValue(get(o, 'maxMomentum') ?? 0.9, `${path}maxMomentum`);
  const spec: TorchCyclicSpec = {
    kind: 'torchCyclic', baseLr, maxLr, stepSizeUp: up, stepSizeDown: down, mode, gamma, cycleMomentum,
    baseMomentum: baseM, maxMomentum: maxM, ...wdOptions(o, path),
  };
  const total = up + down;
  const ratio = up / total;
  const scale =
    mode === 'triangular'
      ? () => 1.0
      : mode === 'triangular2'
        ? (cycle: number) => 1 / 2.0 ** (cycle - 1)
        : (_cycle: number, step: number) => gamma ** step;
  const at = (step: number): Hyper => {
    const cycle = Math.floor(1 + step / total);
    const x = 1 + step / total - cycle;
    const h = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    const f = scale(cycle, step);
    const lr = baseLr + (maxLr - baseLr) * h * f;
    return cycleMomentum ? { lr, mom: maxM - (maxM - baseM) * h * f } : { lr };
  };
  return {
    spec,
    totalSteps: undefined,
    peakLr: Math.max(baseLr, maxLr),
    ownsWd: false,
    at,
    boundaries: (limit) => periodicBoundaries(total, [up], limit),
  };
}
