// Bad input to the LR finder's public API: each case throws an LrFinderError whose message names
// the option, the value (and its type when it is the wrong one) and what is allowed, before any
// training, and leaks no tensor.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LRFinder, LrFinderError, combineRepeats, findLr, minimum, prepareCurve, resolveLrFinderOptions, slide, steep, suggestAll, suggestRange, sweep, valley,
} from '../index';
import type { FindLrInput, LrFinderOptions } from '../index';

const as = <T>(v: unknown): T => v as T;
const lrs = Array.from({ length: 40 }, (_, i) => 1e-5 * 1.3 ** i);
const losses = lrs.map((_, i) => 2 - i / 40);

let model: tf.LayersModel;
let x: tf.Tensor;
let y: tf.Tensor;
let yShort: tf.Tensor;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  x = tf.zeros([20, 2]);
  y = tf.zeros([20, 1]);
  yShort = tf.zeros([3, 1]);
});
afterAll(() => {
  tf.dispose([x, y, yShort]);
  model.optimizer.dispose();
  model.dispose();
});

type Case = [name: string, run: () => unknown, words: readonly string[]];
const finder = (o: unknown) => () => new LRFinder(as<LrFinderOptions>(o));
const input = (extra: Record<string, unknown> = {}): FindLrInput<tf.TensorContainer> => as({ model, x, y, batchSize: 4, ...extra });

const cases: Case[] = [
  ['numIt a string', finder({ numIt: '50' }), ['numIt must be a number', 'the string "50"']],
  ['numIt 5', finder({ numIt: 5 }), ['numIt must be an integer >= 10', 'got 5']],
  ['numIt 20.5', finder({ numIt: 20.5 }), ['numIt', '20.5']],
  ['numIt huge', finder({ numIt: 1e17 }), ['numIt', '100000000000000000']],
  ['numIt NaN', finder({ numIt: NaN }), ['numIt', 'NaN']],
  ['startLr 0', finder({ startLr: 0 }), ['startLr must be a finite number > 0', 'got 0']],
  ['startLr Infinity', finder({ startLr: Infinity }), ['startLr', 'Infinity']],
  ['startLr null', finder({ startLr: null }), ['startLr must be a number', 'null']],
  ['endLr below startLr', finder({ startLr: 1, endLr: 0.1 }), ['startLr must be < endLr']],
  ['endLr a string', finder({ endLr: '10' }), ['endLr', 'the string "10"']],
  ['mode unknown', finder({ mode: 'log' }), ['mode', "'exp' or 'linear'", 'the string "log"']],
  ['divergeFactor 1', finder({ divergeFactor: 1 }), ['divergeFactor', '> 1', 'got 1']],
  ['mom 1', finder({ mom: 1 }), ['mom must be in [0, 1)', 'got 1']],
  ['mom a string', finder({ mom: '0.9' }), ['mom', 'the string "0.9"']],
  ['wd negative', finder({ wd: -1 }), ['wd', '>= 0', '-1']],
  ['beta 1', finder({ beta: 1 }), ['beta', '[0, 1)', 'got 1']],
  ['skipStart -1', finder({ skipStart: -1 }), ['skipStart', '>= 0', '-1']],
  ['skipEnd a string', finder({ skipEnd: '5' }), ['skipEnd', 'the string "5"']],
  ['stopDiv a string', finder({ stopDiv: 'no' }), ['stopDiv must be true or false', 'the string "no"']],
  ['validLoss a number', finder({ validLoss: 1 }), ['validLoss', 'got 1']],
  ['unknown option', finder({ numIter: 50 }), ['numIter', "did you mean 'numIt'"]],
  ['snake-case option', finder({ start_lr: 1e-6 }), ['start_lr', "did you mean 'startLr'"]],
  ['options null', finder(null), ['options must be an object', 'null']],
  ['resolve: options an array', () => resolveLrFinderOptions(as([1])), ['options must be an object', 'an array']],
  ['findLr: unknown option', () => findLr(input(), as({ repeat: 2 })), ['repeat', "did you mean 'repeats'"]],
  ['findLr: repeats 0', () => findLr(input(), { repeats: 0 }), ['repeats must be an integer >= 1', 'got 0']],
  ['findLr: seed a string', () => findLr(input(), as({ seed: '1' })), ['seed must be an integer', 'the string "1"']],
  ['findLr: model missing', () => findLr(as<FindLrInput<tf.TensorContainer>>({ x, y })), ['model must be a compiled tf.LayersModel', 'undefined']],
  ['findLr: input null', () => findLr(as<FindLrInput<tf.TensorContainer>>(null)), ['findLr needs', 'null']],
  ['findLr: x an array', () => findLr(input({ x: [[1, 2]] })), ['x must be a tf.Tensor', 'an array']],
  ['findLr: batchSize 0', () => findLr(input({ batchSize: 0 })), ['batchSize must be an integer >= 1', 'got 0']],
  ['findLr: batchSize a string', () => findLr(input({ batchSize: '4' })), ['batchSize', 'the string "4"']],
  ['findLr: x and y of different lengths', () => findLr(input({ y: yShort })), ['same number of samples', '20 and 3']],
  ['sweep: unknown param', () => sweep(input(), as({ param: 'lr', values: [1] })), ["param must be 'mom' or 'wd'", 'the string "lr"']],
  ['sweep: empty values', () => sweep(input(), { param: 'mom', values: [] }), ['values must be a non-empty array']],
  ['sweep: a value out of range', () => sweep(input(), { param: 'mom', values: [0.9, 1.5] }), ['mom must be in [0, 1)', '1.5']],
  ['valley: lengths differ', () => valley(lrs, losses.slice(1)), ['same length', '40 and 39']],
  ['valley: an lr of 0', () => valley([0, ...lrs.slice(1)], losses), ['lrs[0] must be a positive finite number', 'got 0']],
  ['valley: unknown option', () => valley(lrs, losses, as({ skip_start: 3 })), ['skip_start is not an option of valley', "did you mean 'skipStart'"]],
  ['minimum: skipStart 1.5', () => minimum(lrs, losses, { skipStart: 1.5 }), ['skipStart must be an integer >= 0', '1.5']],
  ['steep: lrs not an array', () => steep(as('1,2'), losses), ['lrs and losses must be arrays', 'the string "1,2"']],
  ['slide: lrDiff 0', () => slide(lrs, losses, { lrDiff: 0 }), ['lrDiff must be an integer >= 1', 'got 0']],
  ['slide: thresh NaN', () => slide(lrs, losses, { thresh: NaN }), ['thresh', 'NaN']],
  ['suggestRange: div 1', () => suggestRange(lrs, losses, { div: 1 }), ['div must be a finite number > 1', 'got 1']],
  ['suggestRange: fraction a string', () => suggestRange(lrs, losses, as({ fraction: '0.5' })), ['fraction', 'the string "0.5"']],
  ['suggestAll: an lr a string', () => suggestAll(as(['1e-3', ...lrs.slice(1)]), losses), ['lrs[0]', 'the string "1e-3"']],
  ['prepareCurve: skipEnd -2', () => prepareCurve(lrs, losses, { skipEnd: -2 }), ['skipEnd', '-2']],
  ['combineRepeats of nothing', () => combineRepeats([]), ['at least one run']],
];

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('bad input to @onecycle/lr-finder', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_name, run, words) => {
    const before = tf.memory().numTensors;
    const w0 = model.getWeights().map((w) => Array.from(w.dataSync()));
    const e = await caught(run);
    expect(e).toBeInstanceOf(LrFinderError);
    for (const w of words) expect(String(e)).toContain(w);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(w0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
