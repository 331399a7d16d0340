import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSchedule, parseScheduleSpec, type ScheduleSpec } from '../index';
import { expectClose } from './helpers';

interface GoldenCase {
  name: string;
  spec: ScheduleSpec;
  steps: number;
  lr: number[];
  mom: number[] | null;
}
interface Golden {
  torchVersion: string;
  cases: GoldenCase[];
}

function load(): Golden {
  const text = readFileSync(new URL('./fixtures/torch-schedules.json', import.meta.url), 'utf8');
  const parsed: unknown = JSON.parse(text);
  // The fixture's shape is checked field by field below; specs go through parseScheduleSpec.
  if (typeof parsed !== 'object' || parsed === null || !('cases' in parsed) || !Array.isArray(parsed.cases)) {
    throw new Error('fixture has no cases');
  }
  const torchVersion = 'torchVersion' in parsed ? String(parsed.torchVersion) : '?';
  const cases: GoldenCase[] = parsed.cases.map((c: unknown) => {
    if (typeof c !== 'object' || c === null || !('spec' in c) || !('lr' in c) || !('name' in c) || !('steps' in c) || !('mom' in c)) {
      throw new Error('bad case');
    }
    const lr = Array.isArray(c.lr) ? c.lr.map(Number) : [];
    const mom = Array.isArray(c.mom) ? c.mom.map(Number) : null;
    return { name: String(c.name), spec: parseScheduleSpec(c.spec), steps: Number(c.steps), lr, mom };
  });
  return { torchVersion, cases };
}

const golden = load();

describe(`PyTorch ${golden.torchVersion} golden schedules`, () => {
  it('has the promised coverage', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(12);
    const kinds = new Set(golden.cases.map((c) => c.spec.kind));
    expect([...kinds].sort()).toEqual([
      'caffeInv', 'exponential', 'multiStep', 'torchCosineAnnealing', 'torchCosineWarmRestarts', 'torchCyclic', 'torchLinear', 'torchOneCycle', 'torchPolynomial', 'torchStep',
    ]);
  });

  for (const c of golden.cases) {
    it(`${c.name}: every step within 1e-9 relative`, () => {
      const s = createSchedule(c.spec);
      expect(c.lr).toHaveLength(c.steps);
      for (let k = 0; k < c.steps; k++) {
        const h = s.at(k);
        expectClose(h.lr, c.lr[k] ?? NaN, 1e-9, `${c.name} lr[${k}]`);
        if (c.mom === null) expect(h.mom, `${c.name} mom[${k}]`).toBeUndefined();
        else expectClose(h.mom, c.mom[k] ?? NaN, 1e-9, `${c.name} mom[${k}]`);
      }
    });
  }

  it('odd totals never hit max_lr exactly (float phase ends, as in PyTorch)', () => {
    const s = createSchedule({ kind: 'torchOneCycle', maxLr: 0.1, totalSteps: 7 });
    const lrs = Array.from({ length: 7 }, (_, k) => s.at(k).lr);
    expect(Math.max(...lrs)).toBeLessThan(0.1);
    expect(s.boundaries()).toEqual([2]);
  });

  it('the bounded torch kind rejects step totalSteps', () => {
    const s = createSchedule({ kind: 'torchOneCycle', maxLr: 0.1, totalSteps: 100 });
    expect(() => s.at(100)).toThrow(/step must be an integer in \[0, 99\]/);
  });
});
