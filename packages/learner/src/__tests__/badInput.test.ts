// Bad input to the Learner's public API: each case must throw a LearnerError subclass whose
// message names the option, the value (and its type when it is the wrong one) and what is allowed,
// before any training, and leak no tensor.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CheckpointError, Learner, LearnerError, LearnerOptionError, lrSlice } from '../index';
import type { LearnerOptions } from '../index';
import { makeModel, useLearnerFixture, weightsOf } from './helpers';

const fx = useLearnerFixture('onecycle-badinput-');

type Ctor = abstract new (...args: never[]) => Error;
type Case = [name: string, run: (ctx: Ctx) => unknown, error: Ctor, words: readonly string[]];
interface Ctx {
  model: tf.LayersModel;
  learn: Learner;
  opts: (extra?: Record<string, unknown>) => LearnerOptions;
}

const as = <T>(v: unknown): T => v as T;

const cases: Case[] = [
  // the constructor
  ['options null', () => new Learner(as(null)), LearnerOptionError, ['Learner options must be an object', 'null']],
  ['model null', (c) => new Learner(c.opts({ model: null })), LearnerOptionError, ['model must be a tf.LayersModel', 'null']],
  ['model a string', (c) => new Learner(c.opts({ model: 'mlp' })), LearnerOptionError, ['model must be', 'the string "mlp"']],
  ['model without apply', (c) => new Learner(c.opts({ model: { trainableVariables: [] } })), LearnerOptionError, ['apply(x, { training })']],
  ['misspelled option', (c) => new Learner(c.opts({ optimiser: 'adamw' })), LearnerOptionError, ['optimiser', "did you mean 'optimizer'"]],
  ['data missing', (c) => new Learner(c.opts({ data: undefined })), LearnerOptionError, ['data must be an object', 'undefined']],
  ['data.train missing', (c) => new Learner(c.opts({ data: {} })), LearnerOptionError, ['data.train is required']],
  ['data misspelled', (c) => new Learner(c.opts({ data: { train: { x: fx.data.x, y: fx.data.y }, validation: {} } })), LearnerOptionError, ['validation', "did you mean 'valid'"]],
  ['x an array', (c) => new Learner(c.opts({ data: { train: { x: [[1, 2, 3, 4]], y: fx.data.y } } })), LearnerOptionError, ['data.train.x must be a tf.Tensor', 'an array', 'tf.tensor(x)']],
  ['y a number', (c) => new Learner(c.opts({ data: { train: { x: fx.data.x, y: 3 } } })), LearnerOptionError, ['data.train.y must be a tf.Tensor', 'got 3']],
  ['x and y of different lengths', (c) => new Learner(c.opts({ data: { train: { x: fx.data.x, y: fx.valid.y } } })), LearnerOptionError, ['48 samples', '24', 'must match']],
  ['batchSize 0', (c) => new Learner(c.opts({ data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 0 } } })), LearnerOptionError, ['batchSize', '>= 1', 'got 0']],
  ['batchSize a string', (c) => new Learner(c.opts({ data: { train: { x: fx.data.x, y: fx.data.y, batchSize: '16' } } })), LearnerOptionError, ['batchSize', 'the string "16"']],
  ['data.train null', (c) => new Learner(c.opts({ data: { train: null } })), LearnerOptionError, ['data.train must be', 'got null']],
  ['data.train a number', (c) => new Learner(c.opts({ data: { train: 5 } })), LearnerOptionError, ['data.train must be', 'got 5']],
  ['shuffle a string', (c) => new Learner(c.opts({ data: { train: { x: fx.data.x, y: fx.data.y, shuffle: 'no' } } })), LearnerOptionError, ['shuffle', 'true or false']],
  ['callbacks an object', (c) => new Learner(c.opts({ callbacks: {} })), LearnerOptionError, ['callbacks must be an array', 'an object {}']],
  ['callbacks with null', (c) => new Learner(c.opts({ callbacks: [null] })), LearnerOptionError, ['callbacks[0]', 'null']],
  ['seed NaN', (c) => new Learner(c.opts({ seed: NaN })), LearnerOptionError, ['seed must be a finite number', 'NaN']],
  ['seed a string', (c) => new Learner(c.opts({ seed: '42' })), LearnerOptionError, ['seed', 'the string "42"']],
  ['loss a number', (c) => new Learner(c.opts({ loss: 3 })), LearnerOptionError, ['loss must be a loss name or a function', 'got 3']],
  ['metrics a string', (c) => new Learner(c.opts({ metrics: 'accuracy' })), LearnerOptionError, ['metrics must be an array', 'the string "accuracy"']],
  ['progress a string', (c) => new Learner(c.opts({ progress: 'off' })), LearnerOptionError, ['progress must be true or false', 'the string "off"']],
  ['trainBn a number', (c) => new Learner(c.opts({ trainBn: 1 })), LearnerOptionError, ['trainBn', 'got 1']],
  // fit methods
  ['fit: unknown option', (c) => c.learn.fit(0.01, 1, as({ cyclelen: 3 })), LearnerOptionError, ['cyclelen is not an option of fit', "did you mean 'cycleLen'"]],
  ['fit: lr NaN', (c) => c.learn.fit(NaN, 1), LearnerOptionError, ['lr must be a finite number > 0', 'NaN']],
  ['fit: lr a string', (c) => c.learn.fit(as('0.01'), 1), LearnerOptionError, ['lr must be', 'the string "0.01"']],
  ['fit: lr negative', (c) => c.learn.fit(-0.1, 1), LearnerOptionError, ['lr must be a finite number > 0', '-0.1']],
  ['fit: nCycle 0', (c) => c.learn.fit(0.01, 0), LearnerOptionError, ['nCycle must be an integer >= 1', 'got 0']],
  ['fit: nCycle huge', (c) => c.learn.fit(0.01, 1e17), LearnerOptionError, ['nCycle', '100000000000000000']],
  ['fit: nCycle Infinity', (c) => c.learn.fit(0.01, Infinity), LearnerOptionError, ['nCycle', 'Infinity']],
  ['fit: callbacks an object', (c) => c.learn.fit(0.01, 1, as({ callbacks: {} })), LearnerOptionError, ['callbacks must be an array']],
  ['fit: resume a string', (c) => c.learn.fit(0.01, 1, as({ resume: 'yes' })), LearnerOptionError, ['resume must be true or false']],
  ['fit: useClrBeta of 3', (c) => c.learn.fit(0.01, 1, { useClrBeta: as([10, 10, 0.9]) }), LearnerOptionError, ['useClrBeta', '2 items']],
  ['fit: useClrBeta div a string', (c) => c.learn.fit(0.01, 1, { useClrBeta: as(['10', 10]) }), LearnerOptionError, ['div', '"10"']],
  ['fit: wds negative', (c) => c.learn.fit(0.01, 1, { wds: -1 }), LearnerOptionError, ['wds[0]', '>= 0']],
  ['fit: resume without a fit', (c) => c.learn.fit(0.01, 1, { resume: true }), CheckpointError, ['no interrupted fit']],
  ['fitOneCycle: unknown option', (c) => c.learn.fitOneCycle(1, 0.01, as({ pct_start: 0.3 })), LearnerOptionError, ['pct_start', "did you mean 'pctStart'"]],
  ['fitOneCycle: epochs 1.5', (c) => c.learn.fitOneCycle(1.5, 0.01), LearnerOptionError, ['epochs must be an integer >= 1', '1.5']],
  ['fitOneCycle: pctStart 1', (c) => c.learn.fitOneCycle(1, 0.01, { pctStart: 1 }), LearnerOptionError, ['pctStart', '(0, 1)']],
  ['fitOneCycle: moms of 2', (c) => c.learn.fitOneCycle(1, 0.01, { moms: as([0.9, 0.8]) }), LearnerOptionError, ['moms', '3']],
  ['fitFlatCos: unknown option', (c) => c.learn.fitFlatCos(1, 0.01, as({ div: 5 })), LearnerOptionError, ['div is not an option of fitFlatCos']],
  ['fitSgdr: cycleLen 0', (c) => c.learn.fitSgdr(1, 0, 0.01), LearnerOptionError, ['cycleLen', '>= 1']],
  ['fitSchedule: spec too short', (c) => c.learn.fitSchedule({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 2 }, 1), LearnerOptionError, ['covers 2 steps', 'runs 3']],
  ['fitSchedule: bad spec', (c) => c.learn.fitSchedule(as({ kind: 'oneCycel', lrMax: 0.1 }), 1), LearnerOptionError, ['schedule spec is invalid', 'oneCycel']],
  ['fitSchedule: unknown option', (c) => c.learn.fitSchedule({ kind: 'constant', lr: 0.1 }, 1, as({ groupLr: 1 })), LearnerOptionError, ["did you mean 'groupLrs'"]],
  ['fineTune: freezeEpochs 0', (c) => c.learn.fineTune(1, 1e-3, { freezeEpochs: 0 }), LearnerOptionError, ['freezeEpochs', '>= 1']],
  ['fineTune: lrMult 0.5', (c) => c.learn.fineTune(1, 1e-3, { lrMult: 0.5 }), LearnerOptionError, ['lrMult', '>= 1']],
  ['lrSlice min > max', () => lrSlice(1, 0.1), LearnerOptionError, ['lrSlice min must be <= max']],
  ['freezeTo past the groups', (c) => c.learn.freezeTo(3), LearnerOptionError, ['freezeTo', 'got 3']],
  ['freezeTo a string', (c) => c.learn.freezeTo(as('1')), LearnerOptionError, ['freezeTo', 'the string "1"']],
  ['predict of an array', (c) => c.learn.predict(as([[1, 2, 3, 4]])), LearnerOptionError, ['predict needs a tf.Tensor', 'an array']],
  ['fit options null', (c) => c.learn.fit(0.01, 1, as(null)), LearnerOptionError, ['fit options must be an object', 'null']],
  ['lrFind options a number', (c) => c.learn.lrFind(as(3)), LearnerOptionError, ['lrFind options must be an object', 'got 3']],
  // lrFind
  ['lrFind: numIt a string', (c) => c.learn.lrFind(as({ numIt: '50' })), LearnerOptionError, ['numIt', 'the string "50"']],
  ['lrFind: unknown option', (c) => c.learn.lrFind(as({ numIter: 50 })), LearnerOptionError, ['numIter', "did you mean 'numIt'"]],
  ['lrFind: repeats 0', (c) => c.learn.lrFind({ repeats: 0 }), LearnerOptionError, ['repeats', '>= 1']],
  ['lrFind: startLr above endLr', (c) => c.learn.lrFind({ startLr: 1, endLr: 0.1 }), LearnerOptionError, ['startLr must be < endLr']],
  // charts and checkpoints
  ['plotLr before a fit', (c) => c.learn.plotLr(), LearnerError, ['nothing recorded yet']],
  ['plotLrFind before lrFind', (c) => c.learn.plotLrFind(), LearnerError, ['run lrFind first']],
  ['save to a number', (c) => c.learn.save(as(5)), LearnerOptionError, ['save needs a directory path', 'got 5']],
  ['load from an empty path', () => Learner.load('', { data: { train: { x: fx.data.x, y: fx.data.y } } }), LearnerOptionError, ['load needs a directory path']],
  ['load from a missing folder', () => Learner.load('/nonexistent/ckpt', { data: { train: { x: fx.data.x, y: fx.data.y } } }), CheckpointError, ['checkpoint.json is missing', 'learner.save()']],
  ['load with a seed', () => Learner.load('/nonexistent/ckpt', as({ data: { train: { x: fx.data.x, y: fx.data.y } }, seed: 1 })), LearnerOptionError, ['seed is not an option of Learner.load']],
];

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('bad input to @onecycle/learner', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_name, run, error, words) => {
    const model = makeModel();
    const base: LearnerOptions = { model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy', seed: 1, progress: false };
    const learn = new Learner(base);
    const w0 = weightsOf(model);
    const before = tf.memory().numTensors;
    const e = await caught(() => run({ model, learn, opts: (extra = {}) => as<LearnerOptions>({ ...base, ...extra }) }));
    expect(e).toBeInstanceOf(error);
    expect(e).toBeInstanceOf(LearnerError);
    for (const w of words) expect(String(e)).toContain(w);
    expect(weightsOf(model)).toEqual(w0); // nothing trained
    expect(tf.memory().numTensors).toBe(before);
    learn.dispose();
    model.dispose();
  });

  it('warns when validation targets hold NaN (validLoss would be NaN, accuracy 0)', () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => void warnings.push(m);
    const model = makeModel();
    const y = tf.tidy(() => tf.where(tf.equal(tf.range(0, 24).reshape([24, 1]).tile([1, 3]), 3), tf.fill([24, 3], Number.NaN), fx.valid.y));
    try {
      const before = tf.memory().numTensors;
      const learn = new Learner({ model, data: { train: { x: fx.data.x, y: fx.data.y }, valid: { x: fx.valid.x, y } }, loss: 'categoricalCrossentropy', progress: false });
      expect(warnings.join('\n')).toMatch(/data\.valid\.y holds 3 NaN or infinite value\(s\)/);
      learn.dispose();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      console.warn = warn;
      y.dispose();
      model.dispose();
    }
  });
});
