// Bad input to the chart functions: each case throws a VizError whose message names the argument
// or option, the value (and its type when it is the wrong one) and what is allowed — never a
// TypeError from inside, and never an empty chart.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  VizError, compareChart, lossChart, lrFinderChart, metricsChart, saveChart, scheduleChart, subsample, sweepChart, toHtml, toPng,
} from '../index';
import type { RecorderJSON } from '../index';
import { finderResult, oneCycle, recorder, threePoints } from './fixtures';

const as = <T>(v: unknown): T => v as T;
type Case = [name: string, run: () => unknown, words: readonly string[]];

const nanRecorder: RecorderJSON = { ...recorder, batches: recorder.batches.map((b) => ({ ...b, loss: Number.NaN, smoothLoss: Number.NaN })) };
const nanFinder = () => {
  const r = finderResult();
  return { ...r, losses: r.losses.map(() => Number.NaN), smoothLosses: r.smoothLosses.map(() => Number.NaN) };
};
const sweep = () => ({ param: 'mom' as const, runs: [{ value: 0.9, result: finderResult() }] });
const spec = lossChart(recorder);

const cases: Case[] = [
  ['scheduleChart(null)', () => scheduleChart(as<never>(null)), ['scheduleChart input must be', 'null']],
  ['scheduleChart(5)', () => scheduleChart(as<never>(5)), ['scheduleChart input must be', 'got 5']],
  ['scheduleChart of a string', () => scheduleChart(as<never>('oneCycle')), ['the string "oneCycle"']],
  ['scheduleChart of an empty array', () => scheduleChart([]), ['points is empty']],
  ['scheduleChart of a NaN point', () => scheduleChart([{ step: 0, lr: Number.NaN }, { step: 1, lr: 1 }]), ['points[0]', 'finite numbers']],
  ['scheduleChart spec without createSchedule', () => scheduleChart({ kind: 'oneCycle', lrMax: 1, totalSteps: 10 }), ['no opts.createSchedule']],
  ['scheduleChart unknown option', () => scheduleChart(oneCycle(10), as({ maxpoints: 10 })), ['maxpoints', "did you mean 'maxPoints'"]],
  ['scheduleChart layout', () => scheduleChart(oneCycle(10), as({ layout: 'grid' })), ['layout', "'stacked'", 'the string "grid"']],
  ['scheduleChart width 0', () => scheduleChart(oneCycle(10), { width: 0 }), ['width', '> 0', 'got 0']],
  ['scheduleChart width a string', () => scheduleChart(oneCycle(10), as({ width: '600' })), ['width', 'the string "600"']],
  ['scheduleChart height NaN', () => scheduleChart(oneCycle(10), { height: Number.NaN }), ['height', 'NaN']],
  ['scheduleChart title a number', () => scheduleChart(threePoints, as({ title: 1 })), ['title must be a string', 'got 1']],
  ['scheduleChart steps 0', () => scheduleChart(oneCycle(10), { steps: 0 }), ['steps', 'positive integer']],
  ['scheduleChart maxPoints 1', () => scheduleChart(oneCycle(10), { maxPoints: 1 }), ['maxPoints', 'got 1']],
  ['scheduleChart options a string', () => scheduleChart(oneCycle(10), as('big')), ['options must be an object', 'the string "big"']],
  ['lossChart(null)', () => lossChart(as(null)), ['lossChart needs a Recorder JSON', 'null']],
  ['lossChart without batches', () => lossChart(as({ epochs: [] })), ['batches must be an array', 'undefined']],
  ['lossChart of no batches', () => lossChart({ ...recorder, batches: [] }), ['no batches']],
  ['lossChart all NaN', () => lossChart(nanRecorder), ['no finite training loss', 'NaN']],
  ['lossChart unknown option', () => lossChart(recorder, as({ smooth: true })), ['smooth is not an option']],
  ['lossChart maxPoints 0', () => lossChart(recorder, { maxPoints: 0 }), ['maxPoints', 'got 0']],
  ['metricsChart(undefined)', () => metricsChart(as(undefined)), ['metricsChart needs a Recorder JSON', 'undefined']],
  ['metricsChart metrics a string', () => metricsChart(recorder, as({ metrics: 'accuracy' })), ['metrics must be an array', 'the string "accuracy"']],
  ['metricsChart of unknown metrics', () => metricsChart(recorder, { metrics: ['f2'] }), ['no finite values', 'f2']],
  ['metricsChart unknown option', () => metricsChart(recorder, as({ metric: ['accuracy'] })), ['metric is not an option', "did you mean 'metrics'"]],
  ['lrFinderChart(null)', () => lrFinderChart(as(null)), ['lrFinderChart needs an LR finder result', 'null']],
  ['lrFinderChart without smoothLosses', () => lrFinderChart(as({ lrs: [1], losses: [1] })), ['smoothLosses must be an array']],
  ['lrFinderChart all NaN', () => lrFinderChart(nanFinder()), ['only 0 of its', 'NaN or infinite', 'no curve']],
  ['lrFinderChart all NaN, no skips', () => lrFinderChart(nanFinder(), { skipStart: 0, skipEnd: 0 }), ['no curve to draw']],
  ['lrFinderChart skips too large', () => lrFinderChart(finderResult(), { skipStart: 10, skipEnd: 100 }), ['lower them']],
  ['lrFinderChart skipStart -1', () => lrFinderChart(finderResult(), { skipStart: -1 }), ['skipStart must be a non-negative integer', '-1']],
  ['lrFinderChart skipEnd a string', () => lrFinderChart(finderResult(), as({ skipEnd: '5' })), ['skipEnd', 'the string "5"']],
  ['lrFinderChart lengths differ', () => lrFinderChart({ ...finderResult(), losses: [1] }), ['one entry per lr']],
  ['lrFinderChart unknown option', () => lrFinderChart(finderResult(), as({ logx: false })), ['logx', "did you mean 'logX'"]],
  ['sweepChart(null)', () => sweepChart(as(null)), ['sweepChart needs a SweepResult', 'null']],
  ['sweepChart of no runs', () => sweepChart({ param: 'mom', runs: [] }), ['no runs']],
  ['sweepChart unknown option', () => sweepChart(sweep(), as({ titel: 'x' })), ['titel', "did you mean 'title'"]],
  ['compareChart of an object', () => compareChart(as({}), { metric: 'accuracy' }), ['array of runs', 'an object {}']],
  ['compareChart of no runs', () => compareChart([], { metric: 'accuracy' }), ['no runs']],
  ['compareChart without options', () => compareChart([{ name: 'a', points: [] }], as(undefined)), ['needs options', 'metric']],
  ['compareChart metric a number', () => compareChart([{ name: 'a', points: [] }], as({ metric: 3 })), ['metric must be a non-empty string', 'got 3']],
  ['compareChart a run without points', () => compareChart(as([{ name: 'a' }]), { metric: 'acc' }), ['runs[0]', 'points must be an array']],
  ['compareChart a name twice', () => compareChart([{ name: 'a', points: [] }, { name: 'a', points: [] }], { metric: 'acc' }), ["'a' twice"]],
  ['subsample maxPoints 3', () => subsample([{ a: 1 }], ['a'], 3), ['maxPoints', 'got 3']],
  ['toPng scale 0', () => toPng(spec, { scale: 0 }), ['scale', '(0, 10]', 'got 0']],
  ['toPng scale a string', () => toPng(spec, as({ scale: '2' })), ['scale', 'the string "2"']],
  ['toPng unknown option', () => toPng(spec, as({ dpi: 300 })), ['dpi is not an option']],
  ['toHtml(null)', () => toHtml(as(null)), ['toHtml needs a Vega-Lite spec', 'null']],
  ['toHtml unknown option', () => toHtml(spec, as({ heading: 'x' })), ['heading is not an option']],
  ['saveChart to .gif', () => saveChart(spec, path.join(os.tmpdir(), 'chart.gif')), ['extension must be one of']],
  ['saveChart into a missing folder', () => saveChart(spec, path.join(os.tmpdir(), 'no-such-folder-xyz', 'c.svg')), ['does not exist']],
];

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('bad input to @onecycle/viz', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_name, run, words) => {
    const e = await caught(run);
    expect(e).toBeInstanceOf(VizError);
    for (const w of words) expect(String(e)).toContain(w);
  });
});
