import { describe, expect, it } from 'vitest';
import { createSchedule, parseScheduleSpec, ScheduleError, schedExp, combineScheds, schedLin, type ScheduleSpec } from '../index';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScheduleError);
    if (e instanceof ScheduleError) {
      expect(e.name).toBe('ScheduleError');
      return e.message;
    }
  }
  return expect.fail('expected a ScheduleError');
}

describe('ScheduleError messages name the parameter, the value and what is allowed', () => {
  const rejected: Array<[string, unknown, RegExp]> = [
    ['non-finite lr', { kind: 'constant', lr: Infinity }, /^lr must be a finite number, got Infinity$/],
    ['NaN lr', { kind: 'fastaiClrBeta', lr: NaN, stepsPerCycle: 10 }, /^lr must be a finite number, got NaN$/],
    ['zero lr', { kind: 'fastaiClr', lr: 0, stepsPerCycle: 10 }, /^lr must be > 0, got 0: a learning rate must be positive$/],
    ['negative lrMax', { kind: 'oneCycle', lrMax: -1, totalSteps: 10 }, /^lrMax must be > 0, got -1/],
    ['negative maxLr', { kind: 'torchOneCycle', maxLr: -0.1, totalSteps: 10 }, /^maxLr must be > 0, got -0.1/],
    ['zero baseLr', { kind: 'torchCyclic', baseLr: 0, maxLr: 1 }, /^baseLr must be > 0, got 0/],
    ['div = 0', { kind: 'fastaiClrBeta', lr: 1, stepsPerCycle: 100, div: 0 }, /^div must be > 0, got 0: the LR starts at lr \/ div$/],
    ['div < 0', { kind: 'oneCycle', lrMax: 1, totalSteps: 10, div: -2 }, /^div must be > 0, got -2/],
    ['divFactor = 0', { kind: 'torchOneCycle', maxLr: 1, totalSteps: 100, divFactor: 0 }, /^divFactor must be > 0, got 0/],
    ['pct = 100', { kind: 'fastaiClrBeta', lr: 1, stepsPerCycle: 100, pct: 100 }, /^pct must be in \[0, 100\), got 100: it is the percent/],
    ['pct = 120', { kind: 'fastaiClrBeta', lr: 1, stepsPerCycle: 100, pct: 120 }, /^pct must be in \[0, 100\), got 120/],
    ['pct < 0', { kind: 'fastaiClrBeta', lr: 1, stepsPerCycle: 100, pct: -1 }, /^pct must be in \[0, 100\), got -1/],
    ['pctStart = 0', { kind: 'oneCycle', lrMax: 1, totalSteps: 10, pctStart: 0 }, /^pctStart must be in \(0, 1\), got 0/],
    ['pctStart = 1', { kind: 'torchOneCycle', maxLr: 1, totalSteps: 10, pctStart: 1 }, /^pctStart must be in \(0, 1\), got 1/],
    ['totalSteps fractional', { kind: 'oneCycle', lrMax: 1, totalSteps: 10.5 }, /^totalSteps must be an integer >= 1, got 10.5/],
    ['totalSteps zero', { kind: 'torchOneCycle', maxLr: 1, totalSteps: 0 }, /^totalSteps must be an integer >= 1, got 0/],
    ['totalSteps negative', { kind: 'phases', totalSteps: -5, phases: [] }, /^totalSteps must be an integer >= 1, got -5/],
    [
      'pcts not summing to 1',
      { kind: 'phases', totalSteps: 10, phases: [{ pct: 0.5, lr: { start: 1, end: 1, anneal: 'no' } }, { pct: 0.3, lr: { start: 1, end: 1, anneal: 'no' } }] },
      /^phases\[\*\]\.pct must sum to 1, got 0.8 \(0.5 \+ 0.3\)$/,
    ],
    ['unknown kind', { kind: 'oneCycel', lrMax: 1 }, /^kind must be one of 'constant', 'fastaiClrBeta', .*, got "oneCycel"$/],
    ['missing kind', { lr: 1 }, /^kind must be one of .*, got undefined$/],
    ['unknown field', { kind: 'oneCycle', lrMax: 1, totalSteps: 10, pct_start: 0.3 }, /^pct_start is not a field of kind 'oneCycle' \(did you mean 'pctStart'\?\); allowed fields: kind, lrMax/],
    ['bad mode', { kind: 'torchCyclic', baseLr: 0.1, maxLr: 1, mode: 'exp_range' }, /^mode must be one of 'triangular', 'triangular2', 'expRange', got "exp_range"$/],
    ['half a momentum pair', { kind: 'fastaiClrBeta', lr: 1, stepsPerCycle: 10, maxMom: 0.95 }, /^minMom must be given together with maxMom/],
    ['momentum > 1', { kind: 'constant', lr: 1, mom: 1.5 }, /^mom must be in \[0, 1\], got 1.5/],
    ['cycle too short', { kind: 'fastaiClrBeta', lr: 1, stepsPerCycle: 2, pct: 60 }, /^stepsPerCycle must give at least 1 step per half-cycle, got stepsPerCycle = 2/],
    ['torch warm-up of no length', { kind: 'torchOneCycle', maxLr: 1, totalSteps: 3, pctStart: 0.3 }, /^pctStart \* totalSteps must be > 1/],
    ['wdSchedule without wd', { kind: 'constant', lr: 1, wdSchedule: 'followLr' }, /^wdSchedule is "followLr" but wd is not set/],
    ['negative wd', { kind: 'constant', lr: 1, wd: -1 }, /^wd must be >= 0, got -1/],
    ['bad wdSchedule', { kind: 'constant', lr: 1, wd: 0.1, wdSchedule: 'linear' }, /^wdSchedule must be one of 'constant', 'followLr', got "linear"$/],
    ['milestones not increasing', { kind: 'multiStep', lr: 1, milestones: [10, 5] }, /^milestones\[1\] must be greater than milestones\[0\] \(10\), got 5/],
    ['exponential gamma > 1', { kind: 'exponential', lr: 1, gamma: 1.1 }, /^gamma must be in \(0, 1\], got 1.1/],
    ['fractional t0', { kind: 'torchCosineWarmRestarts', baseLr: 1, t0: 2.5 }, /^t0 must be an integer >= 1, got 2.5/],
    ['torchStep without stepSize', { kind: 'torchStep', lr: 1 }, /^stepSize must be a finite number, got undefined$/],
    ['torchStep gamma > 1', { kind: 'torchStep', lr: 1, stepSize: 5, gamma: 2 }, /^gamma must be in \(0, 1\], got 2: the LR is multiplied by gamma every stepSize steps/],
    ['torchCosineAnnealing tMax 0', { kind: 'torchCosineAnnealing', lr: 1, tMax: 0 }, /^tMax must be an integer >= 1, got 0/],
    ['torchCosineAnnealing negative etaMin', { kind: 'torchCosineAnnealing', lr: 1, tMax: 10, etaMin: -0.1 }, /^etaMin must be >= 0, got -0.1/],
    ['torchLinear startFactor 0', { kind: 'torchLinear', lr: 1, startFactor: 0 }, /^startFactor must be in \(0, 1\], got 0: PyTorch takes 0 < startFactor <= 1/],
    ['torchLinear endFactor > 1', { kind: 'torchLinear', lr: 1, endFactor: 2 }, /^endFactor must be in \[0, 1\], got 2/],
    ['caffeInv without gamma', { kind: 'caffeInv', lr: 0.01, power: 0.75 }, /^gamma must be a finite number, got undefined$/],
    ['caffeInv power 0', { kind: 'caffeInv', lr: 0.01, gamma: 1e-4, power: 0 }, /^power must be > 0, got 0: the LR decays as \(1 \+ gamma \* step\)\^\(-power\)/],
    ['caffeInv unknown field', { kind: 'caffeInv', lr: 0.01, gamma: 1e-4, power: 0.75, base_lr: 1 }, /^base_lr is not a field of kind 'caffeInv'.*allowed fields: kind, lr, gamma, power, mom/],
    ['torchPolynomial power 0', { kind: 'torchPolynomial', lr: 1, power: 0 }, /^power must be > 0, got 0/],
    ['torchPolynomial unknown field', { kind: 'torchPolynomial', lr: 1, total_iters: 5 }, /^total_iters is not a field of kind 'torchPolynomial' \(did you mean 'totalIters'\?\); allowed fields: kind, lr, totalIters, power/],
    ['poly without power', { kind: 'phases', totalSteps: 10, phases: [{ pct: 1, lr: { start: 1, end: 0.1, anneal: 'poly' } }] }, /^phases\[0\]\.lr\.power must be a finite number, got undefined$/],
    [
      'mom in some phases only',
      { kind: 'phases', totalSteps: 10, phases: [{ pct: 0.5, lr: { start: 1, end: 1, anneal: 'no' }, mom: { start: 0.9, end: 0.9, anneal: 'no' } }, { pct: 0.5, lr: { start: 1, end: 1, anneal: 'no' } }] },
      /^phases\[1\]\.mom is missing but phases\[0\]\.mom is set/,
    ],
    [
      'phase momentum above 1',
      { kind: 'phases', totalSteps: 10, phases: [{ pct: 1, lr: { start: 1, end: 1, anneal: 'no' }, mom: { start: 0.9, end: 1.2, anneal: 'lin' } }] },
      /^phases\[0\]\.mom\.end must be in \[0, 1\], got 1.2/,
    ],
    [
      'phase lr of 0 with exponential annealing',
      { kind: 'phases', totalSteps: 10, phases: [{ pct: 1, lr: { start: 1, end: 0, anneal: 'exp' } }] },
      /^phases\[0\]\.lr\.end must be > 0, got 0: exponential annealing needs values > 0$/,
    ],
    [
      'phase lr below 0',
      { kind: 'phases', totalSteps: 10, phases: [{ pct: 1, lr: { start: 1, end: -0.1, anneal: 'cos' } }] },
      /^phases\[0\]\.lr\.end must be >= 0, got -0.1: a learning rate is >= 0$/,
    ],
    [
      'phases whose lr is 0 throughout',
      { kind: 'phases', totalSteps: 10, phases: [{ pct: 1, lr: { start: 0, end: 0, anneal: 'lin' } }] },
      /^phases: every lr start and end is 0: at least one must be > 0$/,
    ],
    [
      'sequence part longer than its schedule',
      { kind: 'sequence', parts: [{ steps: 20, spec: { kind: 'oneCycle', lrMax: 1, totalSteps: 10 } }] },
      /^parts\[0\]\.steps must be <= parts\[0\]\.spec\.totalSteps \(10\), got 20/,
    ],
    ['nested field path', { kind: 'sequence', parts: [{ steps: 5, spec: { kind: 'constant', lr: 'x' } }] }, /^parts\[0\]\.spec\.lr must be a finite number, got "x"$/],
  ];
  for (const [what, spec, re] of rejected) {
    it(what, () => {
      expect(message(() => parseScheduleSpec(spec))).toMatch(re);
    });
  }

  it('createSchedule rejects the same input (typed callers from plain JS)', () => {
    const bad: ScheduleSpec = { kind: 'oneCycle', lrMax: 1, totalSteps: 10, pctStart: 1.5 };
    expect(message(() => createSchedule(bad))).toMatch(/^pctStart must be in \(0, 1\), got 1.5: it is the fraction of steps spent warming up$/);
  });
});

describe('step checks', () => {
  const bounded = createSchedule({ kind: 'oneCycle', lrMax: 1, totalSteps: 10 });
  const open = createSchedule({ kind: 'fastaiClrBeta', lr: 1, stepsPerCycle: 10 });
  it('negative step', () => {
    expect(message(() => bounded.at(-1))).toBe('step must be an integer in [0, 9] (totalSteps = 10), got -1: it is the 0-based global batch index');
    expect(message(() => open.at(-1))).toBe('step must be an integer >= 0, got -1: it is the 0-based global batch index');
  });
  it('fractional step', () => {
    expect(message(() => bounded.at(2.5))).toMatch(/^step must be an integer in \[0, 9\].*got 2.5/);
    expect(message(() => open.at(0.5))).toMatch(/^step must be an integer >= 0, got 0.5/);
  });
  it('non-finite step', () => {
    expect(message(() => open.at(NaN))).toMatch(/got NaN/);
    expect(message(() => open.at(Infinity))).toMatch(/got Infinity/);
  });
  it('past totalSteps - 1 for bounded kinds', () => {
    expect(bounded.at(9).lr).toBeGreaterThan(0);
    expect(message(() => bounded.at(10))).toMatch(/^step must be an integer in \[0, 9\] \(totalSteps = 10\), got 10/);
  });
  it('boundaries(until) checks until', () => {
    expect(message(() => open.boundaries(-1))).toMatch(/^until must be a number >= 0, got -1/);
  });
});

describe('JSON from a file: wrong types are rejected with the field path', () => {
  it('phases[1].lr.end', () => {
    const json: unknown = JSON.parse(
      '{"kind":"phases","totalSteps":100,"phases":[{"pct":0.5,"lr":{"start":0.1,"end":1,"anneal":"lin"}},{"pct":0.5,"lr":{"start":1,"end":"x","anneal":"cos"}}]}',
    );
    expect(message(() => parseScheduleSpec(json))).toBe('phases[1].lr.end must be a finite number, got "x"');
  });
  it('booleans, arrays, objects', () => {
    expect(message(() => parseScheduleSpec({ kind: 'torchOneCycle', maxLr: 1, totalSteps: 100, threePhase: 'yes' }))).toBe('threePhase must be true or false, got "yes"');
    expect(message(() => parseScheduleSpec({ kind: 'multiStep', lr: 1, milestones: 10 }))).toBe('milestones must be an array, got 10');
    expect(message(() => parseScheduleSpec({ kind: 'oneCycle', lrMax: 1, totalSteps: 10, moms: [0.9, 0.8] }))).toMatch(/^moms must be an array of 3 momentums/);
    expect(message(() => parseScheduleSpec({ kind: 'phases', totalSteps: 10, phases: [5] }))).toBe('phases[0] must be an object, got 5');
    expect(message(() => parseScheduleSpec('oneCycle'))).toBe('spec must be an object, got "oneCycle"');
    expect(message(() => parseScheduleSpec(null))).toBe('spec must be an object, got null');
  });
  it('returns the spec with defaults filled in', () => {
    expect(parseScheduleSpec({ kind: 'torchCyclic', baseLr: 0.001, maxLr: 0.01 })).toEqual({
      kind: 'torchCyclic', baseLr: 0.001, maxLr: 0.01, stepSizeUp: 2000, stepSizeDown: 2000, mode: 'triangular',
      gamma: 1, cycleMomentum: true, baseMomentum: 0.8, maxMomentum: 0.9,
    });
  });
});

describe('annealer errors', () => {
  it('schedExp needs positive ends and pos in [0, 1]', () => {
    expect(message(() => schedExp(0, 1))).toMatch(/^start must be a finite number > 0 for exponential annealing, got 0/);
    expect(message(() => schedLin(0, 1)(1.5))).toBe('pos must be a number in [0, 1], got 1.5');
    expect(message(() => combineScheds([0.5, 0.6], [schedLin(0, 1), schedLin(1, 0)]))).toMatch(/^pcts must sum to 1, got 1.1/);
  });
});
