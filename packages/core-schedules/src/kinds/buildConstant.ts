import { get, knownFields, lrValue, momValue, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { ConstantSpec } from '../scheduleSpec';

const FIELDS = ['kind', 'lr', 'mom', 'wd', 'wdSchedule'] as const;

/** Compiles a `constant` spec. */
export function buildConstant(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'constant'");
  const lr = lrValue(get(o, 'lr'), `${path}lr`);
  const m = get(o, 'mom');
  const spec: ConstantSpec = { kind: 'constant', lr, ...wdOptions(o, path) };
  if (m !== undefined) spec.mom = momValue(m, `${path}mom`);
  const mom = spec.mom;
  return {
    spec,
    totalSteps: undefined,
    peakLr: lr,
    ownsWd: false,
    at: mom === undefined ? () => ({ lr }) : () => ({ lr, mom }),
    boundaries: () => [],
  };
}
