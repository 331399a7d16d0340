import * as tf from '@tensorflow/tfjs-core';
import { LayersModel } from '@tensorflow/tfjs-layers';
import { describeValue, rejectUnknownKeys } from '@onecycle/core-schedules';
import { LearnerOptionError } from './errors';

// The option names of each options object of the public API: a misspelled name (`cyclelen`) would
// otherwise be ignored and the fit would silently run with defaults.
const LEARNER = ['model', 'data', 'loss', 'optimizer', 'metrics', 'callbacks', 'layerGroups', 'seed', 'terminateOnNaN', 'progress', 'trainBn', 'fastKernels'] as const;
const LOAD = ['model', 'data', 'loss', 'optimizer', 'metrics', 'callbacks', 'terminateOnNaN', 'progress', 'trainBn', 'fastKernels'] as const;
const DATA = ['train', 'valid', 'validationSplit'] as const;
const RUN = ['callbacks', 'resume'] as const;

/** The option names of each fit method, for the unknown-option check. */
export const FIT_OPTION_NAMES = {
  fit: ['cycleLen', 'cycleMult', 'useClr', 'useClrBeta', 'wds', 'useWdSched', ...RUN],
  fitOneCycle: ['pctStart', 'div', 'divFinal', 'moms', 'wd', ...RUN],
  fitFlatCos: ['pctStart', 'divFinal', 'wd', ...RUN],
  fitSgdr: ['cycleMult', 'wd', ...RUN],
  fitSchedule: ['groupLrs', ...RUN],
  fineTune: ['freezeEpochs', 'lrMult', 'pctStart', 'div', 'wd', 'callbacks'],
} as const satisfies Record<string, readonly string[]>;

function fail(message: string): LearnerOptionError {
  return new LearnerOptionError(message);
}

function record(v: unknown, what: string): object {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw fail(`${what} must be an object, got ${describeValue(v)}`);
  return v;
}

function optionalBool(o: object, key: string, where: string): void {
  const v: unknown = Reflect.get(o, key);
  if (v !== undefined && typeof v !== 'boolean') throw fail(`${where}${key} must be true or false, got ${describeValue(v)}`);
}

/** Checks a list of callbacks: objects with a name (the bus checks their hooks). */
export function checkCallbackList(v: unknown, where: string): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) throw fail(`${where} must be an array of callbacks, got ${describeValue(v)}`);
  v.forEach((cb: unknown, i) => {
    if (typeof cb !== 'object' || cb === null || Array.isArray(cb)) throw fail(`${where}[${i}] must be a callback object ({ name, on… hooks }), got ${describeValue(cb)}`);
  });
}

function isCustomModel(v: object): boolean {
  const vars: unknown = Reflect.get(v, 'trainableVariables');
  return Array.isArray(vars) && vars.every((x) => x instanceof tf.Variable) && typeof Reflect.get(v, 'apply') === 'function';
}

function checkModel(v: unknown, where: string): void {
  const ok = typeof v === 'object' && v !== null && (v instanceof LayersModel || isCustomModel(v));
  if (!ok) throw fail(`${where} must be a tf.LayersModel or an object with trainableVariables (tf.Variable[]) and apply(x, { training }), got ${describeValue(v)}`);
}

function checkShared(o: object, where: string): void {
  const data = record(Reflect.get(o, 'data'), `${where}data`);
  rejectUnknownKeys(data, DATA, { path: `${where}data.`, what: 'a data field', listLabel: 'fields' }, fail);
  if (Reflect.get(data, 'train') === undefined) throw fail(`${where}data.train is required: the training data ({ x, y, batchSize } or a tf.data.Dataset)`);
  const loss: unknown = Reflect.get(o, 'loss');
  if (loss !== undefined && typeof loss !== 'string' && typeof loss !== 'function') throw fail(`${where}loss must be a loss name or a function (yTrue, yPred) => tensor, got ${describeValue(loss)}`);
  const metrics: unknown = Reflect.get(o, 'metrics');
  if (metrics !== undefined && (!Array.isArray(metrics) || !metrics.every((m) => typeof m === 'string' || typeof m === 'function'))) {
    throw fail(`${where}metrics must be an array of metric names or functions, got ${describeValue(metrics)}`);
  }
  checkCallbackList(Reflect.get(o, 'callbacks'), `${where}callbacks`);
  for (const key of ['terminateOnNaN', 'progress', 'trainBn']) optionalBool(o, key, where);
}

/**
 * Checks the Learner constructor's options before anything is built: known names, the right
 * types, a finite seed.
 *
 * @throws LearnerOptionError naming the option, the value and what is allowed
 */
export function checkLearnerOptions(opts: unknown): void {
  const o = record(opts, 'Learner options');
  rejectUnknownKeys(o, LEARNER, { what: 'a Learner option', listLabel: 'options' }, fail);
  checkModel(Reflect.get(o, 'model'), 'model');
  checkShared(o, '');
  const seed: unknown = Reflect.get(o, 'seed');
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) throw fail(`seed must be a finite number, got ${describeValue(seed)}: it seeds the per-epoch shuffle`);
}

/**
 * Checks the options of `Learner.load` / `Learner.restore`.
 *
 * @throws LearnerOptionError naming the option, the value and what is allowed
 */
export function checkLoadOptions(opts: unknown): void {
  const o = record(opts, 'Learner.load options');
  rejectUnknownKeys(o, LOAD, { what: 'an option of Learner.load (the seed and layer groups come from the checkpoint)', listLabel: 'options' }, fail);
  if (Reflect.get(o, 'model') !== undefined) checkModel(Reflect.get(o, 'model'), 'model');
  checkShared(o, '');
}

/**
 * Checks the options object of a fit method: an object (or nothing) with known names, callbacks
 * an array, resume a boolean.
 *
 * @param method - the method, for the message and the list of names
 * @throws LearnerOptionError naming the option and the closest valid name
 */
export function checkFitOptions(method: keyof typeof FIT_OPTION_NAMES, opts: unknown): void {
  if (opts === undefined) return;
  const o = record(opts, `${method} options`);
  rejectUnknownKeys(o, FIT_OPTION_NAMES[method], { what: `an option of ${method}`, listLabel: 'options' }, fail);
  checkCallbackList(Reflect.get(o, 'callbacks'), 'callbacks');
  optionalBool(o, 'resume', '');
}

/**
 * Checks a whole-number argument.
 *
 * @param min - the smallest allowed
 * @throws LearnerOptionError unless `v` is a safe integer >= min
 */
export function checkCount(name: string, v: unknown, min: number): void {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw fail(`${name} must be an integer >= ${min}, got ${describeValue(v)}`);
}
