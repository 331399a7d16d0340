// Bad input to the public API: each case must throw the package's own error class, with a message
// naming the option, the value (and its type when it is the wrong one) and what is allowed.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  CallbackBus, CallbackOptionError, CallbacksError, CsvLogger, EarlyStopping, ParamScheduler, ProgressBar,
  ReduceLROnPlateau, SaveBestModel, SnapshotError, TerminateOnNaN, snapshotWeights,
} from '../index';
import { HyperParamError, OptimError, hyperParams } from '@onecycle/optim';
import type { Callback, CallbackEvent } from '../index';

type Ctor = abstract new (...args: never[]) => Error;
type Case = [name: string, run: () => unknown, error: Ctor, words: readonly string[]];

const make = <T>(f: () => T) => f;
const bus = (cbs: unknown) => make(() => new CallbackBus(cbs as Callback[]));
const named = (extra: Record<string, unknown>) => ({ name: 'mine', ...extra }) as unknown as Callback;
const opts = <T>(v: unknown) => v as T;

const cases: Case[] = [
  // the bus and callbacks given to it
  ['bus of a non-array', bus({}), CallbackOptionError, ['callbacks must be an array', 'an object {}']],
  ['bus of null', bus([null]), CallbackOptionError, ['callback must be an object', 'null']],
  ['bus of a number', bus([5]), CallbackOptionError, ['callback must be an object', 'got 5']],
  ['unnamed callback', bus([{ onBatchEnd: () => undefined }]), CallbackOptionError, ['needs a name', 'undefined']],
  ['empty name', bus([{ name: '' }]), CallbackOptionError, ['needs a name', 'the string ""']],
  ['name a number', bus([{ name: 3 }]), CallbackOptionError, ['needs a name', 'got 3']],
  ['two with one name', bus([{ name: 'a' }, { name: 'a' }]), CallbackOptionError, ['"a" is already on this bus']],
  ['hook not a function', bus([named({ onBatchEnd: 5 })]), CallbackOptionError, ['onBatchEnd must be a function', 'got 5']],
  ['hook a string', bus([named({ onTrainBegin: 'go' })]), CallbackOptionError, ['onTrainBegin must be a function', 'the string "go"']],
  ['misspelled hook', bus([named({ onBatchEnds: () => undefined })]), CallbackOptionError, ['onBatchEnds is not an event', "did you mean 'onBatchEnd'", 'onTrainBegin']],
  ['lower-case hook typo', bus([named({ onEpochend: () => undefined })]), CallbackOptionError, ["did you mean 'onEpochEnd'"]],
  ['misspelled hook on a class', make(() => {
    class Mine {
      readonly name = 'cls';
      onTrainBegins(): void {}
    }
    return new CallbackBus([new Mine() as unknown as Callback]);
  }), CallbackOptionError, ['onTrainBegins', "did you mean 'onTrainBegin'"]],
  ['order NaN', bus([named({ order: NaN })]), CallbackOptionError, ['order NaN', 'finite number']],
  ['order a string', bus([named({ order: '5' })]), CallbackOptionError, ['the string "5"', 'finite number']],
  ['unknown context field', make(() => new CallbackBus([], opts({ optimiser: 1 }))), CallbackOptionError, ['optimiser', "did you mean 'optimizer'"]],
  ['context null', make(() => new CallbackBus([], opts(null))), CallbackOptionError, ['context must be an object', 'null']],
  // TerminateOnNaN
  ['TerminateOnNaN restore a string', make(() => new TerminateOnNaN(opts({ restore: 'yes' }))), CallbackOptionError, ['TerminateOnNaN restore', 'true or false', 'the string "yes"']],
  ['TerminateOnNaN log not a function', make(() => new TerminateOnNaN(opts({ log: 'console' }))), CallbackOptionError, ['TerminateOnNaN log', 'function']],
  ['TerminateOnNaN unknown option', make(() => new TerminateOnNaN(opts({ restor: true }))), CallbackOptionError, ['restor', "did you mean 'restore'"]],
  ['TerminateOnNaN options a number', make(() => new TerminateOnNaN(opts(1))), CallbackOptionError, ['options must be an object', 'got 1']],
  // EarlyStopping
  ['EarlyStopping patience 0', make(() => new EarlyStopping({ patience: 0 })), CallbackOptionError, ['patience', 'integer >= 1', 'got 0']],
  ['EarlyStopping patience a string', make(() => new EarlyStopping(opts({ patience: '3' }))), CallbackOptionError, ['patience', 'the string "3"']],
  ['EarlyStopping patience 1.5', make(() => new EarlyStopping({ patience: 1.5 })), CallbackOptionError, ['patience', '1.5']],
  ['EarlyStopping minDelta -1', make(() => new EarlyStopping({ minDelta: -1 })), CallbackOptionError, ['minDelta', '>= 0', '-1']],
  ['EarlyStopping minDelta NaN', make(() => new EarlyStopping({ minDelta: NaN })), CallbackOptionError, ['minDelta', 'NaN']],
  ['EarlyStopping mode', make(() => new EarlyStopping(opts({ mode: 'lowest' }))), CallbackOptionError, ['mode', "'min'", 'the string "lowest"']],
  ['EarlyStopping monitor a number', make(() => new EarlyStopping(opts({ monitor: 3 }))), CallbackOptionError, ['monitor', 'got 3']],
  ['EarlyStopping restoreBest a string', make(() => new EarlyStopping(opts({ restoreBest: 'true' }))), CallbackOptionError, ['restoreBest', 'true or false']],
  ['EarlyStopping unknown option', make(() => new EarlyStopping(opts({ patiance: 2 }))), CallbackOptionError, ['patiance', "did you mean 'patience'"]],
  // ReduceLROnPlateau
  ['ReduceLROnPlateau factor 1', make(() => new ReduceLROnPlateau({ factor: 1 })), CallbackOptionError, ['factor', '(0, 1)', 'got 1']],
  ['ReduceLROnPlateau factor a string', make(() => new ReduceLROnPlateau(opts({ factor: '0.5' }))), CallbackOptionError, ['factor', 'the string "0.5"']],
  ['ReduceLROnPlateau patience -1', make(() => new ReduceLROnPlateau({ patience: -1 })), CallbackOptionError, ['patience', '>= 0', '-1']],
  ['ReduceLROnPlateau cooldown Infinity', make(() => new ReduceLROnPlateau({ cooldown: Infinity })), CallbackOptionError, ['cooldown', 'Infinity']],
  ['ReduceLROnPlateau thresholdMode', make(() => new ReduceLROnPlateau(opts({ thresholdMode: 'relative' }))), CallbackOptionError, ['thresholdMode', "'rel'", '"relative"']],
  ['ReduceLROnPlateau minLr negative', make(() => new ReduceLROnPlateau({ minLr: -1e-3 })), CallbackOptionError, ['minLr', '>= 0']],
  ['ReduceLROnPlateau unknown option', make(() => new ReduceLROnPlateau(opts({ min_lr: 0 }))), CallbackOptionError, ['min_lr', "did you mean 'minLr'"]],
  // SaveBestModel, CsvLogger, ProgressBar, ParamScheduler
  ['SaveBestModel without target', make(() => new SaveBestModel({})), CallbackOptionError, ['dir', 'handler']],
  ['SaveBestModel without options', make(() => new SaveBestModel(opts(undefined))), CallbackOptionError, ['needs options']],
  ['SaveBestModel unknown option', make(() => new SaveBestModel(opts({ folder: 'x' }))), CallbackOptionError, ['folder', 'dir, handler']],
  ['SaveBestModel dir empty', make(() => new SaveBestModel({ dir: '' })), CallbackOptionError, ['dir', 'non-empty']],
  ['CsvLogger path a number', make(() => new CsvLogger(opts(5))), CallbackOptionError, ['CsvLogger path', 'got 5']],
  ['CsvLogger separator empty', make(() => new CsvLogger('x.csv', { separator: '' })), CallbackOptionError, ['separator', 'non-empty']],
  ['CsvLogger unknown option', make(() => new CsvLogger('x.csv', opts({ sep: ';' }))), CallbackOptionError, ['sep', 'separator']],
  ['ProgressBar live a string', make(() => new ProgressBar(opts({ live: 'no' }))), CallbackOptionError, ['ProgressBar live', 'true or false']],
  ['ProgressBar stream not writable', make(() => new ProgressBar(opts({ stream: {} }))), CallbackOptionError, ['stream', 'writable']],
  ['ProgressBar unknown option', make(() => new ProgressBar(opts({ tabel: false }))), CallbackOptionError, ['tabel', "did you mean 'table'"]],
  ['ParamScheduler spec null', make(() => new ParamScheduler(opts(null))), CallbackOptionError, ['schedule', 'null']],
  ['ParamScheduler bad spec', make(() => new ParamScheduler({ kind: 'oneCycle', lrMax: -1, totalSteps: 10 })), CallbackOptionError, ['ParamScheduler schedule', 'lrMax', '-1']],
  ['ParamScheduler huge totalSteps', make(() => new ParamScheduler({ kind: 'oneCycle', lrMax: 0.1, totalSteps: 1e17 })), CallbackOptionError, ['totalSteps', '2^53']],
  ['ParamScheduler unknown option', make(() => new ParamScheduler({ kind: 'constant', lr: 1 }, opts({ hyperHandle: 1 }))), CallbackOptionError, ['hyperHandle']],
  // helpers
  ['hyperParams(null)', make(() => hyperParams(opts(null))), HyperParamError, ['hyperParams needs a tf.Optimizer', 'null']],
  ['hyperParams of a string', make(() => hyperParams(opts('sgd'))), HyperParamError, ['tf.Optimizer', 'the string "sgd"']],
  ['snapshotWeights(undefined)', make(() => snapshotWeights(opts(undefined))), SnapshotError, ['LayersModel or an array of tf.Variable', 'undefined']],
  ['snapshotWeights of numbers', make(() => snapshotWeights(opts([1, 2]))), SnapshotError, ['an array [1,2]']],
];

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('bad input to @onecycle/callbacks', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_name, run, error, words) => {
    const before = tf.memory().numTensors;
    const e = await caught(run);
    expect(e).toBeInstanceOf(error);
    // hyperParams, which the bus uses, lives in @onecycle/optim and throws that package's errors
    expect(e instanceof CallbacksError || e instanceof OptimError).toBe(true);
    for (const w of words) expect(String(e)).toContain(w);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fire of an unknown event names the closest one', async () => {
    const b = new CallbackBus([]);
    const e = await caught(() => b.fire('onBogus' as CallbackEvent));
    expect(e).toBeInstanceOf(CallbackOptionError);
    expect(String(e)).toContain('the string "onBogus" is not an event');
    const e2 = await caught(() => b.fire('onBatchEnds' as CallbackEvent));
    expect(String(e2)).toContain("did you mean 'onBatchEnd'");
  });
});
