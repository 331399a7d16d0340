import { arr, fmt, get, knownFields, lrValue, momValue, num, numOr, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import { ScheduleError } from '../errors';
import type { MultiStepSpec } from '../scheduleSpec';

const FIELDS = ['kind', 'lr', 'milestones', 'gamma', 'mom', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `multiStep` spec: PyTorch `MultiStepLR` stepped per batch,
 * `lr * gamma^(number of milestones <= step)`.
 */
export function buildMultiStep(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'multiStep'");
  const lr = lrValue(get(o, 'lr'), `${path}lr`);
  const ms = arr(get(o, 'milestones'), `${path}milestones`).map((m, i) =>
    num(m, `${path}milestones[${i}]`, { integer: true, min: 1, hint: 'milestones are steps where the LR is multiplied by gamma' }),
  );
  ms.forEach((m, i) => {
    const prev = ms[i - 1];
    if (prev !== undefined && m <= prev) {
      throw new ScheduleError(`${path}milestones[${i}] must be greater than milestones[${i - 1}] (${prev}), got ${fmt(m)}: milestones must be strictly increasing`);
    }
  });
  const gamma = numOr(get(o, 'gamma'), 0.1, `${path}gamma`, { min: 0, gt: true, hint: 'the LR is multiplied by gamma at each milestone' });
  const m = get(o, 'mom');
  const spec: MultiStepSpec = { kind: 'multiStep', lr, milestones: [...ms], gamma, ...wdOptions(o, path) };
  if (m !== undefined) spec.mom = momValue(m, `${path}mom`);
  const mom = spec.mom;
  const lrs = [lr];
  for (let i = 0; i < ms.length; i++) lrs.push((lrs[i] ?? lr) * gamma);
  const n = ms.length;
  const lrAt = (step: number): number => {
    let k = 0;
    while (k < n && (ms[k] ?? Infinity) <= step) k++;
    return lrs[k] ?? lr;
  };
  return {
    spec,
    totalSteps: undefined,
    peakLr: Math.max(...lrs),
    ownsWd: false,
    at: mom === undefined ? (step) => ({ lr: lrAt(step) }) : (step) => ({ lr: lrAt(step), mom }),
    boundaries: (limit) => ms.filter((b) => b < limit),
  };
}
