import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SGDW, sgdw } from '@onecycle/optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CallbackBus,
  CallbackOptionError,
  CancelFitError,
  CsvLogger,
  EarlyStopping,
  ProgressBar,
  Recorder,
  SaveBestModel,
  TerminateOnNaN,
  fsIOHandler,
  toTfjsCallback,
} from '../index';
import { handLoop, tinyProblem } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'onecycle-callbacks-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class Sink extends Writable {
  text = '';
  isTTY: boolean;
  columns = 100;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer | string, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('Recorder', () => {
  it('records per batch lr/mom/wd/loss/smoothLoss and per epoch losses, metrics and time', async () => {
    const rec = new Recorder();
    const bus = new CallbackBus([rec, { name: 'hyper', onBatchBegin: (s) => ({ hyper: { lr: s.iteration / 10, mom: 0.9, wd: 0.01 } }) }]);
    await handLoop(bus, 2, 3, (i) => i + 1);
    const json = rec.toJSON();
    expect(json.version).toBe(1);
    expect(json.batches).toHaveLength(6);
    expect(json.batches[4]).toMatchObject({ iteration: 4, epoch: 1, lr: 0.4, mom: 0.9, wd: 0.01, loss: 5 });
    let avg = 0;
    [1, 2, 3, 4, 5].forEach((l) => (avg = 0.98 * avg + 0.02 * l));
    expect(json.batches[4]?.smoothLoss).toBeCloseTo(avg / (1 - 0.98 ** 5), 12);
    expect(json.epochs.map((e) => [e.epoch, e.iteration, e.validLoss, e.metrics['acc']])).toEqual([[0, 3, 10, 0], [1, 6, 9, 0.1]]);
    expect(json.epochs[1]?.trainLoss).toBe(json.batches[5]?.smoothLoss);
    expect(json.epochs.every((e) => e.seconds >= 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('ProgressBar', () => {
  it('plain mode (not a TTY): a fastai-like table, one line per epoch', async () => {
    const sink = new Sink(false);
    const bar = new ProgressBar({ stream: sink });
    expect(bar.isLive).toBe(false);
    await handLoop(new CallbackBus([bar]), 2, 3, () => 1);
    const lines = sink.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^epoch\s+train_loss\s+valid_loss\s+acc\s+time$/);
    expect(lines[1]).toMatch(/^0\s+1\.000000\s+10\.000000\s+0\.000000\s+00:00$/);
    expect(sink.text).not.toContain('\u001b[');
  });

  it('live mode on a TTY draws a bar with the smoothed loss, then the table', async () => {
    const sink = new Sink(true);
    const bar = new ProgressBar({ stream: sink, live: true });
    await handLoop(new CallbackBus([bar]), 1, 4, () => 0.5);
    expect(sink.text).toMatch(/epoch 1\/1 \|/);
    expect(sink.text).toMatch(/loss 0\.5000/);
    expect(sink.text).toMatch(/train_loss/);
  });

  it('CI set means plain output even on a TTY', () => {
    const old = process.env['CI'];
    process.env['CI'] = 'true';
    try {
      expect(new ProgressBar({ stream: new Sink(true) }).isLive).toBe(false);
    } finally {
      if (old === undefined) delete process.env['CI'];
      else process.env['CI'] = old;
    }
  });
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement and restores the best weights', async () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.scalar(0)));
    const es = new EarlyStopping({ monitor: 'validLoss', patience: 2, restoreBest: true });
    const setW = { name: 'setW', onEpochBegin: (s: { epoch: number }) => tf.tidy(() => w.assign(tf.scalar(s.epoch))) };
    const bus = new CallbackBus([setW, es], { variables: [w] });
    const valid = [5, 3, 4, 3.5, 1, 0];
    let epochs = 0;
    await handLoop(bus, 6, 1, () => 1, (e) => { epochs = e + 1; return valid[e] ?? 0; });
    expect(epochs).toBe(4);
    expect(es.bestEpoch).toBe(1);
    expect(es.stoppedEpoch).toBe(3);
    expect(w.dataSync()[0]).toBe(1);
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('mode auto maximises accuracy-like metrics; bad options and missing values are named', async () => {
    const es = new EarlyStopping({ monitor: 'acc', patience: 1 });
    await handLoop(new CallbackBus([es]), 3, 1, () => 1);
    expect(es.stoppedEpoch).toBeUndefined();
    expect(es.best).toBe(0.2);
    expect(() => new EarlyStopping({ patience: 0 })).toThrow(/patience must be an integer >= 1, got 0/);
    await expect(handLoop(new CallbackBus([new EarlyStopping({ monitor: 'f1' })]), 1, 1, () => 1)).rejects.toThrow(/monitor "f1" has no value at epoch 0; available: trainLoss, validLoss, acc/);
  });
});

describe('TerminateOnNaN', () => {
  it('stops at the first non-finite loss, restores the last finite weights, names iteration and lr', async () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor1d([1, 2])));
    const logs: string[] = [];
    const t = new TerminateOnNaN({ log: (m) => logs.push(m) });
    const step = { name: 'step', onStepEnd: (s: { iteration: number }) => tf.tidy(() => w.assign(tf.tensor1d(s.iteration === 2 ? [NaN, 1] : [s.iteration + 10, 0]))) };
    const sched = { name: 'lr', onBatchBegin: () => ({ hyper: { lr: 0.5 } }) };
    const rec = new Recorder();
    const bus = new CallbackBus([step, t, sched, rec], { variables: [w] });
    await handLoop(bus, 2, 4, (i) => (i === 3 ? NaN : 1));
    expect(rec.toJSON().batches).toHaveLength(4);
    expect(t.message).toMatch(/loss is NaN at iteration 3 \(epoch 0, batch 3, lr 0.5\): training stopped, weights restored to those before iteration 2/);
    expect(logs).toEqual([t.message]);
    expect(Array.from(w.dataSync())).toEqual([11, 0]);
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('toTfjsCallback with model.fit / fitDataset', () => {
  it('global iterations across epochs, logs read as numbers, CancelFitError stops model.fit', async () => {
    const before = tf.memory().numTensors;
    const p = tinyProblem();
    p.model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const seen: Array<[number, number, number]> = [];
    const spy = {
      name: 'spy',
      onBatchEnd: (s: { iteration: number; epoch: number; batch: number; lastLoss: number | undefined }) => {
        seen.push([s.iteration, s.epoch, s.batch]);
        expect(typeof s.lastLoss).toBe('number');
        if (s.iteration === 5) throw new CancelFitError();
      },
    };
    const events: string[] = [];
    const tracer = { name: 'tracer', onEpochEnd: () => void events.push('epochEnd'), onTrainEnd: () => void events.push('trainEnd') };
    const bus = new CallbackBus([spy, tracer]);
    const h = await p.model.fit(p.xs, p.ys, { epochs: 5, batchSize: 4, shuffle: false, verbose: 0, callbacks: [toTfjsCallback(bus)] });
    expect(seen).toEqual([[0, 0, 0], [1, 0, 1], [2, 1, 0], [3, 1, 1], [4, 2, 0], [5, 2, 1]]);
    expect(h.epoch).toHaveLength(3);
    expect(events).toEqual(['epochEnd', 'epochEnd', 'epochEnd', 'trainEnd']);
    expect(bus.state.numIterations).toBe(10);
    expect(bus.context.model).toBeDefined();
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fitDataset with validation: validLoss and metrics reach the bus; an error fires onTrainEnd and propagates', async () => {
    const before = tf.memory().numTensors;
    const p = tinyProblem();
    p.model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError', metrics: ['mae'] });
    const ds = tf.data.zip({ xs: tf.data.array(p.xs.arraySync()), ys: tf.data.array(p.ys.arraySync()) }).batch(4);
    const rec = new Recorder();
    const bus = new CallbackBus([rec]);
    await p.model.fitDataset(ds, { epochs: 2, validationData: ds, verbose: 0, callbacks: [toTfjsCallback(bus)] });
    const json = rec.toJSON();
    expect(json.batches.map((b) => b.iteration)).toEqual([0, 1, 2, 3]);
    expect(json.batches[0]?.lr).toBe(0.01);
    expect(json.batches[0]?.mom).toBe(0.9);
    expect(json.epochs[1]?.validLoss).toBeGreaterThan(0);
    expect(Object.keys(json.epochs[1]?.metrics ?? {}).sort()).toEqual(['mae', 'val_mae']);

    let ended = 0;
    const bad = new CallbackBus([{ name: 'bad', onEpochBegin: () => { throw new Error('kaput'); } }, { name: 'end', onTrainEnd: () => void ended++ }]);
    await expect(p.model.fit(p.xs, p.ys, { epochs: 1, verbose: 0, callbacks: [toTfjsCallback(bad)] })).rejects.toThrow(/callback "bad" failed in onEpochBegin: kaput/);
    expect(ended).toBe(1);
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('SaveBestModel, fsIOHandler and CsvLogger', () => {
  it('saves on improvement only; the saved model loads back with the same weights', async () => {
    const before = tf.memory().numTensors;
    const p = tinyProblem();
    p.model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const best = join(dir, 'best');
    const save = new SaveBestModel({ dir: best });
    const saves: number[] = [];
    const watch = { name: 'watch', order: 100, onEpochEnd: () => void saves.push(save.savedEpoch ?? -1) };
    const csv = new CsvLogger(join(dir, 'logs', 'history.csv'));
    const bus = new CallbackBus([save, watch, csv], { model: p.model });
    const valid = [3, 2, 2.5, 1];
    await handLoop(bus, 4, 2, () => 1, (e) => {
      tf.tidy(() => p.model.setWeights([tf.fill([2, 1], e), tf.tensor1d([e])]));
      return valid[e] ?? 0;
    });
    expect(saves).toEqual([0, 1, 1, 3]);
    const loaded = await tf.loadLayersModel(fsIOHandler(best));
    expect(Array.from(loaded.getWeights()[1]?.dataSync() ?? [])).toEqual([3]);
    loaded.dispose();
    const rows = readFileSync(join(dir, 'logs', 'history.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('epoch,train_loss,valid_loss,acc,time');
    expect(rows).toHaveLength(5);
    expect(rows[2]).toMatch(/^1,1(\.\d+)?,2,0.1,\d+\.\d{3}$/);
    expect(() => new SaveBestModel({})).toThrow(CallbackOptionError);
    expect(() => fsIOHandler('')).toThrow(/fsIOHandler dir must be a non-empty path/);
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fsIOHandler writes', () => {
  it('survive several saves of the same folder at once, and leave no temp files', async () => {
    const before = tf.memory().numTensors;
    const p = tinyProblem();
    const where = join(dir, 'concurrent');
    // all in the same millisecond: a temp name from pid + time alone would be shared and fail
    await Promise.all([0, 1, 2, 3].map(() => p.model.save(fsIOHandler(where))));
    expect(readdirSync(where).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tf.loadLayersModel(fsIOHandler(where));
    expect(loaded.countParams()).toBe(p.model.countParams());
    loaded.dispose();
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('model.save with the optimizer', () => {
  it('an sgdw model saved with includeOptimizer loads back with an SGDW and its momentum buffers', async () => {
    const before = tf.memory().numTensors;
    const p = tinyProblem();
    p.model.compile({ optimizer: sgdw({ lr: 0.05, momentum: 0.8, weightDecay: 0.01 }), loss: 'meanSquaredError' });
    await p.model.fit(p.xs, p.ys, { epochs: 2, batchSize: 4, shuffle: false, verbose: 0 });
    const where = join(dir, 'with-optimizer');
    // tfjs-layers never disposes the iteration scalar optimizer.getWeights() returns: scope the save
    tf.engine().startScope();
    await p.model.save(fsIOHandler(where), { includeOptimizer: true });
    tf.engine().endScope();
    const loaded = await tf.loadLayersModel(fsIOHandler(where));
    const opt = loaded.optimizer;
    expect(opt).toBeInstanceOf(SGDW);
    expect(opt?.getConfig()).toEqual({ learningRate: 0.05, momentum: 0.8, nesterov: false, weightDecay: 0.01, decoupled: true });
    const saved = await p.model.optimizer.getWeights();
    const got = (await opt?.getWeights()) ?? [];
    expect(got.map((w) => Array.from(w.tensor.dataSync()))).toEqual(saved.map((w) => Array.from(w.tensor.dataSync())));
    tf.dispose([saved[0]?.tensor, got[0]?.tensor].filter((t): t is tf.Tensor => t !== undefined));
    opt?.dispose();
    loaded.dispose();
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('one bus, two model.fit runs', () => {
  it('follows the optimizer of the model being trained unless the context was set by hand', async () => {
    const before = tf.memory().numTensors;
    const a = tinyProblem();
    const b = tinyProblem();
    a.model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    b.model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
    const rec = new Recorder();
    const bus = new CallbackBus([rec]);
    await a.model.fit(a.xs, a.ys, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [toTfjsCallback(bus)] });
    expect(rec.toJSON().batches[0]).toMatchObject({ lr: 0.01 });
    await b.model.fit(b.xs, b.ys, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [toTfjsCallback(bus)] });
    expect(rec.toJSON().batches[0]).toMatchObject({ lr: 0.02, mom: 0.9 });
    const mine = tf.train.sgd(0.5);
    const own = new CallbackBus([rec], { optimizer: mine });
    await b.model.fit(b.xs, b.ys, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [toTfjsCallback(own)] });
    expect(rec.toJSON().batches[0]?.lr).toBe(0.5);
    mine.dispose();
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
