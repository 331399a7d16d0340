import { describe, expect, it } from 'vitest';
import { createSchedule, sampleSchedule, ScheduleError } from '../index';

describe('sampleSchedule', () => {
  it('returns every step when it fits', () => {
    const s = createSchedule({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 50, wd: 0.01 });
    const pts = sampleSchedule(s);
    expect(pts).toHaveLength(50);
    expect(pts[25]).toEqual({ step: 25, ...s.at(25) });
  });
  it('subsamples evenly to at most maxPoints and keeps the peaks', () => {
    const s = createSchedule({ kind: 'torchOneCycle', maxLr: 0.5, totalSteps: 100_001 });
    const pts = sampleSchedule(s, { maxPoints: 200 });
    expect(pts.length).toBeLessThanOrEqual(200);
    expect(pts.length).toBeGreaterThan(190);
    expect(pts[0]?.step).toBe(0);
    expect(pts.at(-1)?.step).toBe(100_000);
    const steps = pts.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    let maxLr = 0;
    let minMom = 1;
    for (let t = 0; t < 100_001; t++) {
      const h = s.at(t);
      maxLr = Math.max(maxLr, h.lr);
      minMom = Math.min(minMom, h.mom ?? 1);
    }
    expect(Math.max(...pts.map((p) => p.lr))).toBe(maxLr);
    expect(Math.min(...pts.map((p) => p.mom ?? 1))).toBe(minMom);
    // largest gap stays close to even spacing
    const gaps = steps.slice(1).map((x, i) => x - (steps[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil(100_000 / 190) + 1);
  });
  it('keeps the peak of every cycle of a cyclic kind', () => {
    const s = createSchedule({ kind: 'fastaiClrBeta', lr: 0.01, stepsPerCycle: 1000, maxMom: 0.95, minMom: 0.85 });
    const pts = sampleSchedule(s, { steps: 5000, maxPoints: 101 });
    const peaks = pts.filter((p) => p.lr === 0.01).map((p) => p.step);
    expect(peaks).toEqual([450, 1450, 2450, 3450, 4450]);
  });
  it('needs steps for open-ended kinds and checks its options', () => {
    const s = createSchedule({ kind: 'constant', lr: 1 });
    expect(() => sampleSchedule(s)).toThrow(ScheduleError);
    expect(() => sampleSchedule(s)).toThrow(/steps must be given/);
    expect(sampleSchedule(s, { steps: 3 })).toEqual([{ step: 0, lr: 1 }, { step: 1, lr: 1 }, { step: 2, lr: 1 }]);
    const b = createSchedule({ kind: 'oneCycle', lrMax: 1, totalSteps: 10 });
    expect(() => sampleSchedule(b, { steps: 11 })).toThrow(/steps must be an integer >= 1 and <= totalSteps \(10\), got 11/);
    expect(() => sampleSchedule(b, { maxPoints: 1 })).toThrow(/maxPoints must be an integer >= 2, got 1/);
  });
});
