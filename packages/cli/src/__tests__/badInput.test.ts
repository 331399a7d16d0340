// Bad command lines and configs: each case exits with the status given (2 for usage, 1 for a data
// problem), says what is wrong in words the table lists, and writes no file.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../index';
import { idxBytes, idxWorkspace, memoryIO, patternImages } from './helpers';

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  ({ dir, cleanup } = idxWorkspace());
  // the training files of idx/ beside a test split of 4x4 images
  const mixed = path.join(dir, 'mixed');
  mkdirSync(mixed);
  for (const f of readdirSync(path.join(dir, 'idx'))) if (f.startsWith('train-')) copyFileSync(path.join(dir, 'idx', f), path.join(mixed, f));
  writeFileSync(path.join(mixed, 't10k-images-idx3-ubyte'), idxBytes(0x803, [10, 4, 4], patternImages(10, 4, 4)));
  writeFileSync(path.join(mixed, 't10k-labels-idx1-ubyte'), idxBytes(0x801, [10], new Uint8Array(10).map((_, i) => i % 3)));
});
afterEach(() => cleanup());

const base = { dataset: 'mnist', dataDir: 'idx', model: { name: 'mlp', hidden: [8] }, batchSize: 16, schedule: { fitOneCycle: { lrMax: 0.05 } }, epochs: 1 };

/** Every file under `d`, relative. */
function files(d: string): string[] {
  return readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(d, path.join(e.parentPath, e.name))).sort();
}

type Case = [name: string, args: string[], status: number, words: readonly string[], config?: unknown];
/** A train case: the config goes to bad.json. */
const t = (name: string, config: unknown, words: readonly string[], status = 2): Case => [name, ['train', '--config', 'bad.json', '--out', 'o', '-q'], status, words, config];
const CLR = ['--kind', 'fastaiClrBeta', '--lr', '0.8', '--steps-per-cycle', '100'];

const cases: Case[] = [
  // top level
  ['no command', [], 2, ['no command given']],
  ['unknown command', ['trian'], 2, ["unknown command 'trian'", "did you mean 'train'"]],
  ['unknown top-level option', ['--frob'], 2, ['unknown option --frob']],
  // train: config values
  t('epochs past 2^53', { ...base, epochs: 1e17 }, ['epochs', 'positive whole number', '100000000000000000']),
  t('batchSize a string', { ...base, batchSize: '16' }, ['batchSize', 'positive whole number', '"16"']),
  t('batchSize 0', { ...base, batchSize: 0 }, ['batchSize', 'got 0']),
  t('lrMax 1e999', `{"dataset":"mnist","dataDir":"idx","model":{"name":"mlp","hidden":[8]},"batchSize":16,"epochs":1,"schedule":{"fitOneCycle":{"lrMax":1e999}}}`, ['lrMax', 'Infinity']),
  t('lrMax negative', { ...base, schedule: { fitOneCycle: { lrMax: -0.1 } } }, ['lrMax', '-0.1']),
  t('totalSteps past 2^53', { ...base, schedule: { kind: 'oneCycle', lrMax: 0.1, totalSteps: 1e17 } }, ['totalSteps', '2^53']),
  t('misspelled field', { ...base, epoch: 1 }, ['epoch is not a known field', "did you mean 'epochs'"]),
  t('misspelled schedule field', { ...base, schedule: { fitOneCycle: { lrMax: 0.05, pct_start: 0.3 } } }, ['pct_start', "did you mean 'pctStart'"]),
  t('misspelled model field', { ...base, model: { name: 'mlp', hiden: [8] } }, ['hiden']),
  t('unknown dataset', { ...base, dataset: 'imagenet' }, ['dataset must be one of', '"imagenet"']),
  t('seed negative', { ...base, seed: -1 }, ['seed', 'whole number >= 0', '-1']),
  t('seed past 2^53', { ...base, seed: 2 ** 60 }, ['seed', 'whole number']),
  t('dataSeed fractional', { ...base, dataSeed: 0.5 }, ['dataSeed', '0.5']),
  t('optimizer unknown', { ...base, optimizer: { name: 'rmsprop' } }, ['optimizer.name', '"rmsprop"']),
  t('momentum 1', { ...base, optimizer: { name: 'sgdw', momentum: 1 } }, ['optimizer.momentum', 'got 1']),
  t('validation fraction 0', { ...base, validation: { fraction: 0 } }, ['validation.fraction', 'got 0']),
  t('padCrop fractional', { ...base, augment: { padCrop: 1.5 } }, ['augment.padCrop', '1.5']),
  t('flip a string', { ...base, augment: { flip: 'yes' } }, ['augment.flip', 'true or false']),
  t('hidden size 0', { ...base, model: { name: 'mlp', hidden: [0] } }, ['model.hidden[0]', 'got 0']),
  t('no schedule', { ...base, schedule: undefined }, ['schedule']),
  t('two schedules', { ...base, schedule: { fit: { lr: 0.1 }, fitOneCycle: { lrMax: 0.1 } } }, ['exactly one of']),
  t('schedule too short', { ...base, schedule: { kind: 'oneCycle', lrMax: 0.1, totalSteps: 2 } }, ['totalSteps is 2']),
  t('config an array', [1, 2], ['must be an object']),
  t('config not JSON', '{ nope', ['not valid JSON']),
  t('trainSubset larger than the data', { ...base, trainSubset: 5000 }, ['trainSubset is 5000']),
  t('missing data folder', { ...base, dataDir: 'gone' }, ['gone'], 1),
  t('test images of another size', { ...base, dataDir: 'mixed', validation: 'test' }, ['mixed', 'test files hold 4x4x1', 'training files hold 6x6x1', 'do not belong together'], 1),
  // train: flags
  ['train without --config', ['train'], 2, ['missing --config']],
  ['train with a missing config file', ['train', '--config', 'nope.json'], 2, ['cannot read nope.json']],
  ['train with an unknown flag', ['train', '--config', 'run.json', '--epoch', '3'], 2, ['unknown option --epoch']],
  ['train with a misspelled flag', ['train', '--confg', 'run.json'], 2, ['unknown option --confg', 'did you mean --config']],
  ['train with a bad backend', ['train', '--config', 'run.json', '--backend', 'gpu'], 2, ['--backend must be one of', "'gpu'"]],
  ['train with seed past 2^53', ['train', '--config', 'run.json', '--seed', '100000000000000000000'], 2, ['--seed', 'whole number']],
  ['train with --seed NaN', ['train', '--config', 'run.json', '--seed', 'NaN'], 2, ['--seed', "'NaN'"]],
  // lr-find
  ['lr-find with num-it 0', ['lr-find', '--config', 'run.json', '--num-it', '0'], 2, ['--num-it must be a positive whole number', "'0'"]],
  ['lr-find with num-it past 2^53', ['lr-find', '--config', 'run.json', '--num-it', '1e17'], 2, ['--num-it', "'1e17'"]],
  ['lr-find with start-lr -1', ['lr-find', '--config', 'run.json', '--start-lr', '-1'], 2, ['--start-lr', "'-1'"]],
  ['lr-find with start-lr above end-lr', ['lr-find', '--config', 'run.json', '--start-lr', '1', '--end-lr', '0.1'], 2, ['start-lr must be < endLr', 'got startLr 1']],
  ['lr-find with repeats a word', ['lr-find', '--config', 'run.json', '--repeats', 'two'], 2, ['--repeats', "'two'"]],
  ['lr-find with a misspelled flag', ['lr-find', '--config', 'run.json', '--numit', '50'], 2, ['unknown option --numit', 'did you mean --num-it']],
  // schedule
  ['schedule without output', ['schedule', ...CLR], 2, ['-o']],
  ['schedule with total-steps past 2^53', ['schedule', '--kind', 'oneCycle', '--lr-max', '0.1', '--total-steps', '1e17', '-o', 'x.svg'], 2, ['totalSteps', '2^53']],
  ['schedule with an unknown kind', ['schedule', '--kind', 'oneCycel', '--lr-max', '0.1', '-o', 'x.svg'], 2, ['oneCycel']],
  ['schedule with a bad extension', ['schedule', ...CLR, '-o', 'x.gif'], 2, ['x.gif', 'extension']],
  ['schedule with width a word', ['schedule', ...CLR, '-o', 'x.svg', '--width', 'wide'], 2, ['--width', "'wide'"]],
  ['schedule with a flag of another kind', ['schedule', ...CLR, '--cut-div', '8', '-o', 'x.svg'], 2, ['unknown option --cut-div']],
  ['schedule with a missing spec file', ['schedule', '--spec', 'nope.json', '-o', 'x.svg'], 2, ['nope.json']],
];

describe('bad input to the onecycle CLI', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_name, args, status, words, config) => {
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(base));
    if (config !== undefined) writeFileSync(path.join(dir, 'bad.json'), typeof config === 'string' ? config : JSON.stringify(config));
    const before = files(dir);
    const io = memoryIO(dir);
    const tensors = tf.memory().numTensors;
    expect(await runCli(args, io)).toBe(status);
    for (const w of words) expect(io.err()).toContain(w);
    expect(files(dir)).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
