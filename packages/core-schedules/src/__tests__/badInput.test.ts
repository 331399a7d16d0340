import { describe, expect, it } from 'vitest';
import { closestName, createSchedule, describeValue, parseScheduleSpec, rejectUnknownKeys, sampleSchedule, ScheduleError } from '../index';

type Case = [name: string, run: () => unknown, words: readonly string[]];

const spec = (s: unknown) => () => createSchedule(s as never);
const one = { kind: 'oneCycle', lrMax: 0.1, totalSteps: 100 } as const;

// input -> ScheduleError -> words its message must contain
const cases: Case[] = [
  ['totalSteps past 2^53', spec({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 1e17 }), ['totalSteps', '100000000000000000', '2^53 - 1']],
  ['totalSteps just past 2^53', spec({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 2 ** 53 }), ['totalSteps', '9007199254740992', 'at most 9007199254740991']],
  ['torchOneCycle totalSteps huge', spec({ kind: 'torchOneCycle', maxLr: 0.1, totalSteps: 1e300 }), ['totalSteps', '2^53']],
  ['phases totalSteps huge', spec({ kind: 'phases', totalSteps: 2 ** 60, phases: [{ pct: 1, lr: { start: 1, end: 1, anneal: 'no' } }] }), ['totalSteps', '2^53']],
  ['stepsPerCycle huge', spec({ kind: 'fastaiClrBeta', lr: 0.1, stepsPerCycle: 1e20 }), ['stepsPerCycle', '2^53']],
  ['sequence steps huge', spec({ kind: 'sequence', parts: [{ steps: 1e18, spec: { kind: 'constant', lr: 1 } }] }), ['steps', '2^53']],
  ['torchStep stepSize huge', spec({ kind: 'torchStep', lr: 1, stepSize: 1e17 }), ['stepSize', '2^53']],
  ['torchCyclic stepSizeUp huge', spec({ kind: 'torchCyclic', baseLr: 0.1, maxLr: 1, stepSizeUp: 1e17 }), ['stepSizeUp', '2^53']],
  ['milestone huge', spec({ kind: 'multiStep', lr: 1, milestones: [1e17] }), ['milestones[0]', '2^53']],
  ['tMax huge', spec({ kind: 'torchCosineAnnealing', lr: 1, tMax: 1e17 }), ['tMax', '2^53']],
  ['t0 huge', spec({ kind: 'torchCosineWarmRestarts', baseLr: 1, t0: 1e17 }), ['t0', '2^53']],
  ['totalSteps a string', spec({ kind: 'oneCycle', lrMax: 0.1, totalSteps: '100' }), ['totalSteps', 'finite number', '"100"']],
  ['totalSteps NaN', spec({ ...one, totalSteps: NaN }), ['totalSteps', 'NaN']],
  ['totalSteps Infinity', spec({ ...one, totalSteps: Infinity }), ['totalSteps', 'Infinity']],
  ['totalSteps fractional', spec({ ...one, totalSteps: 2.5 }), ['totalSteps', 'integer', '2.5']],
  ['totalSteps 0', spec({ ...one, totalSteps: 0 }), ['totalSteps', '>= 1', 'got 0']],
  ['lrMax negative', spec({ ...one, lrMax: -1 }), ['lrMax', '> 0', '-1']],
  ['lrMax NaN', spec({ ...one, lrMax: NaN }), ['lrMax', 'NaN']],
  ['lrMax Infinity', spec({ ...one, lrMax: Infinity }), ['lrMax', 'Infinity']],
  ['lrMax null', spec({ ...one, lrMax: null }), ['lrMax', 'null']],
  ['lrMax boolean', spec({ ...one, lrMax: true }), ['lrMax', 'true']],
  ['pctStart 1', spec({ ...one, pctStart: 1 }), ['pctStart', '(0, 1)', 'got 1']],
  ['moms of 2', spec({ ...one, moms: [0.9, 0.8] }), ['moms', '3 momentums', '2 items']],
  ['moms not an array', spec({ ...one, moms: 0.9 }), ['moms', 'array', '0.9']],
  ['mom above 1', spec({ ...one, moms: [0.95, 1.5, 0.95] }), ['moms[1]', '[0, 1]', '1.5']],
  ['misspelled field', spec({ ...one, pct_start: 0.3 }), ['pct_start', "did you mean 'pctStart'", 'allowed fields']],
  ['case-typo field', spec({ ...one, totalsteps: 100 }), ['totalsteps', "did you mean 'totalSteps'"]],
  ['field nothing like', spec({ ...one, colour: 'red' }), ['colour', "kind 'oneCycle'", 'allowed fields: kind, lrMax']],
  ['unknown kind', spec({ kind: 'oneCycel', lrMax: 1 }), ['kind', 'oneCycel', 'oneCycle']],
  ['spec null', spec(null), ['spec', 'object', 'null']],
  ['spec an array', spec([1, 2]), ['spec', 'object', '[1,2]']],
  ['spec a string', spec('oneCycle'), ['spec', 'object', '"oneCycle"']],
  ['wd negative', spec({ kind: 'constant', lr: 1, wd: -0.1 }), ['wd', '>= 0', '-0.1']],
  ['wdSchedule unknown', spec({ kind: 'constant', lr: 1, wd: 0.1, wdSchedule: 'follow' }), ['wdSchedule', "'followLr'", '"follow"']],
  ['phases pct not summing', spec({ kind: 'phases', totalSteps: 10, phases: [{ pct: 0.5, lr: { start: 1, end: 1, anneal: 'no' } }] }), ['pct', 'sum to 1', '0.5']],
  ['phases empty', spec({ kind: 'phases', totalSteps: 10, phases: [] }), ['phases']],
  ['sequence empty', spec({ kind: 'sequence', parts: [] }), ['parts']],
  ['parse: nested unknown field', () => parseScheduleSpec({ kind: 'sequence', parts: [{ steps: 5, spec: { kind: 'constant', lr: 1, mom: 0.9, mum: 1 } }] }), ['mum', "did you mean 'mom'"]],
  ['at: step past the end', () => createSchedule(one).at(100), ['step', '[0, 99]', 'got 100']],
  ['at: step NaN', () => createSchedule(one).at(NaN), ['step', 'NaN']],
  ['at: step huge on an open schedule', () => createSchedule({ kind: 'constant', lr: 1 }).at(2 ** 53), ['step', '9007199254740992']],
  ['sample: steps huge', () => sampleSchedule(createSchedule({ kind: 'constant', lr: 1 }), { steps: 1e17 }), ['steps', '2^53 - 1', '100000000000000000']],
  ['sample: steps past totalSteps', () => sampleSchedule(createSchedule(one), { steps: 101 }), ['steps', '<= totalSteps (100)', '101']],
  ['sample: maxPoints 1', () => sampleSchedule(createSchedule(one), { maxPoints: 1 }), ['maxPoints', '>= 2', 'got 1']],
  ['sample: open-ended without steps', () => sampleSchedule(createSchedule({ kind: 'constant', lr: 1 })), ['steps', 'open-ended', 'constant']],
  ['boundaries: until NaN', () => createSchedule(one).boundaries(NaN), ['until', 'NaN']],
];

describe('bad input: every case is a ScheduleError whose message names the field, the value and what is allowed', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  it.each(cases)('%s', (_name, run, words) => {
    let caught: unknown;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScheduleError);
    const message = caught instanceof Error ? caught.message : '';
    for (const w of words) expect(message).toContain(w);
  });
});

describe('rejectUnknownKeys / closestName / describeValue', () => {
  it('suggests the closest valid name, ignoring case and separators', () => {
    expect(closestName('cyclelen', ['cycleLen', 'cycleMult'])).toBe('cycleLen');
    expect(closestName('cycle_mult', ['cycleLen', 'cycleMult'])).toBe('cycleMult');
    expect(closestName('onBatchEnds', ['onBatchEnd', 'onEpochEnd'])).toBe('onBatchEnd');
    expect(closestName('colour', ['lr', 'mom'])).toBeUndefined();
  });
  it("throws the caller's error class for the first unknown key", () => {
    class MyError extends Error {}
    expect(() => rejectUnknownKeys({ lr: 1, mum: 2 }, ['lr', 'mom'], { what: 'an option of fit', listLabel: 'options' }, (m) => new MyError(m))).toThrow(
      new MyError("mum is not an option of fit (did you mean 'mom'?); options: lr, mom"),
    );
    expect(() => rejectUnknownKeys({ lr: 1 }, ['lr'], { what: 'x' }, (m) => new MyError(m))).not.toThrow();
  });
  it('says when a value has the wrong type', () => {
    expect(describeValue('50')).toBe('the string "50"');
    expect(describeValue(50)).toBe('50');
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1])).toBe('an array [1]');
    expect(describeValue({ a: 1 })).toBe('an object {"a":1}');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(new Map())).toBe('a Map');
  });
});
