import { arr, get, knownFields, obj, stepsValue, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import { ScheduleError } from '../errors';
import type { SequencePart, SequenceSpec } from '../scheduleSpec';
import type { Hyper, StepSchedule } from '../stepSchedule';

const FIELDS = ['kind', 'parts', 'wd', 'wdSchedule'] as const;

/** Compiles a nested spec; injected to avoid an import cycle with `createSchedule`. */
export type Compile = (o: object, path: string) => StepSchedule;

/**
 * Compiles a `sequence` spec: PyTorch `SequentialLR`-like chaining. Part `i` runs its own
 * schedule from its own step 0 for `steps` steps; e.g. a linear warm-up then a cosine.
 */
export function buildSequence(o: object, path: string, compile: Compile): Kernel {
  knownFields(o, FIELDS, path, "kind 'sequence'");
  const list = arr(get(o, 'parts'), `${path}parts`);
  if (list.length === 0) throw new ScheduleError(`${path}parts must hold at least one part, got []`);
  const parts: SequencePart[] = [];
  const scheds: StepSchedule[] = [];
  const offsets: number[] = [];
  let total = 0;
  list.forEach((v, i) => {
    const p = `${path}parts[${i}]`;
    const po = obj(v, p);
    knownFields(po, ['steps', 'spec'], `${p}.`, 'a sequence part');
    const steps = stepsValue(get(po, 'steps'), `${p}.steps`);
    const child = compile(obj(get(po, 'spec'), `${p}.spec`), `${p}.spec.`);
    if (child.totalSteps !== undefined && child.totalSteps < steps) {
      throw new ScheduleError(`${p}.steps must be <= ${p}.spec.totalSteps (${child.totalSteps}), got ${steps}: a part cannot run past the end of its schedule`);
    }
    parts.push({ steps, spec: child.spec });
    scheds.push(child);
    offsets.push(total);
    total += steps;
  });
  const wdOpt = wdOptions(o, path);
  const spec: SequenceSpec = { kind: 'sequence', parts, ...wdOpt };
  const n = scheds.length;
  const ends = offsets.map((off, i) => off + (parts[i]?.steps ?? 0));
  const at = (step: number): Hyper => {
    let i = 0;
    while (i < n - 1 && step >= (ends[i] ?? Infinity)) i++;
    const s = scheds[i];
    if (s === undefined) throw new ScheduleError(`step ${step} fell outside every part`);
    return s.at(step - (offsets[i] ?? 0));
  };
  return {
    spec,
    totalSteps: total,
    peakLr: Math.max(...scheds.map((s) => s.peakLr)),
    ownsWd: wdOpt.wd === undefined,
    at,
    boundaries: (limit) => {
      const out: number[] = [];
      scheds.forEach((s, i) => {
        const off = offsets[i] ?? 0;
        if (off > 0 && off < limit) out.push(off);
        for (const b of s.boundaries(parts[i]?.steps ?? 0)) if (off + b < limit) out.push(off + b);
      });
      return out;
    },
  };
}
