import { createSchedule, scheduleKinds } from '@onecycle/core-schedules';
import { describe, expect, it } from 'vitest';
import { KIND_FIELDS, SPEC_FILE_ONLY_KINDS, kebab, specFromFlags } from '../index';

/** A valid value for every required field. */
const REQUIRED: Record<string, string> = {
  lr: '0.1', 'steps-per-cycle': '20', 'lr-max': '0.1', 'total-steps': '20', 'max-lr': '1', 'base-lr': '0.1', t0: '10', milestones: '5,10', gamma: '0.9', 'step-size': '10', 't-max': '10', power: '0.75',
};

describe('schedule flags cover core-schedules', () => {
  it('knows every kind core-schedules knows', () => {
    expect([...Object.keys(KIND_FIELDS), ...SPEC_FILE_ONLY_KINDS].sort()).toEqual([...scheduleKinds].sort());
  });

  it.each(Object.keys(KIND_FIELDS))('%s: a flag for every field of the filled-in spec', (kind) => {
    const values = new Map<string, string>();
    for (const f of KIND_FIELDS[kind] ?? []) {
      const flag = kebab(f.field);
      const v = REQUIRED[flag];
      if (f.required === true && v !== undefined) values.set(flag, v);
    }
    const spec = specFromFlags(kind, values);
    const fields = new Set((KIND_FIELDS[kind] ?? []).map((f) => f.field));
    for (const key of Object.keys(createSchedule(spec).spec)) {
      if (key !== 'kind') expect(fields, `field ${key} of ${kind}`).toContain(key);
    }
  });

  it('turns camelCase fields into kebab-case flags', () => {
    expect(['stepsPerCycle', 'maxMom', 't0', 'tMult', 'wdSchedule'].map(kebab)).toEqual(['steps-per-cycle', 'max-mom', 't0', 't-mult', 'wd-schedule']);
  });
});
