import { UsageError } from '../errors';
import { parseNumber } from '../cli/parseFlags';

/** How a flag's text becomes a spec field value. */
export type FieldType = 'number' | 'boolean' | 'numbers' | { oneOf: readonly string[] };

/** One spec field settable from a flag (flag name = the field name in kebab-case). */
export interface KindField {
  /** camelCase field of the core-schedules spec. */
  field: string;
  /** How to read the flag text. */
  type: FieldType;
  /** Whether the spec needs it (no default in core-schedules). */
  required?: boolean;
}

const num = (field: string, required = false): KindField => ({ field, type: 'number', required });
const bool = (field: string): KindField => ({ field, type: 'boolean' });

/** Fields every kind accepts: a weight decay and how it follows the LR. */
const COMMON: KindField[] = [num('wd'), { field: 'wdSchedule', type: { oneOf: ['constant', 'followLr'] } }];

/**
 * The schedule kinds `onecycle schedule --kind` can build from flags, with their fields, after the
 * specs of `@onecycle/core-schedules`. `phases` and `sequence` nest specs and need `--spec`.
 */
export const KIND_FIELDS: Readonly<Record<string, readonly KindField[]>> = {
  constant: [num('lr', true), num('mom'), ...COMMON],
  fastaiClrBeta: [num('lr', true), num('stepsPerCycle', true), num('div'), num('pct'), num('maxMom'), num('minMom'), ...COMMON],
  fastaiClr: [num('lr', true), num('stepsPerCycle', true), num('div'), num('cutDiv'), num('maxMom'), num('minMom'), ...COMMON],
  fastaiSgdr: [num('lr', true), num('stepsPerCycle', true), num('cycleMult'), bool('warmup'), ...COMMON],
  oneCycle: [num('lrMax', true), num('totalSteps', true), num('pctStart'), num('div'), num('divFinal'), { field: 'moms', type: 'numbers' }, ...COMMON],
  torchOneCycle: [
    num('maxLr', true), num('totalSteps', true), num('pctStart'), { field: 'annealStrategy', type: { oneOf: ['cos', 'linear'] } },
    bool('cycleMomentum'), num('baseMomentum'), num('maxMomentum'), num('divFactor'), num('finalDivFactor'), bool('threePhase'), ...COMMON,
  ],
  torchCyclic: [
    num('baseLr', true), num('maxLr', true), num('stepSizeUp'), num('stepSizeDown'), { field: 'mode', type: { oneOf: ['triangular', 'triangular2', 'expRange'] } },
    num('gamma'), bool('cycleMomentum'), num('baseMomentum'), num('maxMomentum'), ...COMMON,
  ],
  torchCosineWarmRestarts: [num('baseLr', true), num('t0', true), num('tMult'), num('etaMin'), ...COMMON],
  multiStep: [num('lr', true), { field: 'milestones', type: 'numbers', required: true }, num('gamma'), num('mom'), ...COMMON],
  exponential: [num('lr', true), num('gamma', true), ...COMMON],
  torchStep: [num('lr', true), num('stepSize', true), num('gamma'), num('mom'), ...COMMON],
  torchCosineAnnealing: [num('lr', true), num('tMax', true), num('etaMin'), num('mom'), ...COMMON],
  torchLinear: [num('lr', true), num('startFactor'), num('endFactor'), num('totalIters'), num('mom'), ...COMMON],
  torchPolynomial: [num('lr', true), num('totalIters'), num('power'), num('mom'), ...COMMON],
  caffeInv: [num('lr', true), num('gamma', true), num('power', true), num('mom'), ...COMMON],
};

/** Kinds that nest other specs, so only a `--spec` file can describe them. */
export const SPEC_FILE_ONLY_KINDS: readonly string[] = ['phases', 'sequence'];

/**
 * `stepsPerCycle` -> `steps-per-cycle`.
 *
 * @param field - a camelCase name
 * @returns the kebab-case flag name
 */
export function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
}

/**
 * Converts a flag's text to the value of its spec field.
 *
 * @param flag - the flag name, for messages
 * @param type - how to read it
 * @param raw - the text given
 * @returns a number, boolean, number list or string
 * @throws UsageError when the text does not fit the type
 */
export function readFieldValue(flag: string, type: FieldType, raw: string): number | boolean | number[] | string {
  if (type === 'number') return parseNumber(flag, raw);
  if (type === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new UsageError(`--${flag} must be true or false, got '${raw}'`);
  }
  if (type === 'numbers') {
    const parts = raw.split(',');
    return parts.map((p) => {
      const n = p.trim() === '' ? Number.NaN : Number(p);
      if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be comma-separated numbers (e.g. 0.95,0.85,0.95), got '${raw}'`);
      return n;
    });
  }
  if (!type.oneOf.includes(raw)) throw new UsageError(`--${flag} must be one of ${type.oneOf.join(', ')}, got '${raw}'`);
  return raw;
}
