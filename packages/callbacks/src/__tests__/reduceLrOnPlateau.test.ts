import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hyperParams, sgdw } from '@onecycle/optim';
import type { Hyper, HyperHandle } from '@onecycle/optim';
import type { Callback, ReduceLROnPlateauOptions } from '../index';
import { CallbackBus, CallbackOptionError, ParamScheduler, ReduceLROnPlateau, toTfjsCallback } from '../index';
import { tinyProblem } from './helpers';

interface PlateauCase {
  name: string;
  options: Required<Omit<ReduceLROnPlateauOptions, 'monitor'>> & { mode: 'min' | 'max' };
  lr: number;
  metrics: number[];
  lrs: number[];
}
const golden = JSON.parse(readFileSync(new URL('./fixtures/torch-plateau.json', import.meta.url), 'utf8')) as { torchVersion: string; cases: PlateauCase[] };

/** A hyper handle over plain numbers, as an optimizer's would be. */
function handle(lr: number): HyperHandle {
  const h: Hyper = { lr };
  return { get: () => ({ ...h }), set: (p) => Object.assign(h, p) };
}

/** Runs `epochs` epochs of 2 batches on the bus, ending epoch k with `monitor` = values[k]; returns the lr of each epoch's batches. */
async function run(bus: CallbackBus, values: readonly number[], monitor: 'validLoss' | 'accuracy'): Promise<number[][]> {
  const seen: number[][] = [];
  const spy: Callback = { name: 'spy', order: 0, onBatchBegin: (s) => { seen[s.epoch]?.push(s.hyper.lr); } };
  bus.add(spy);
  await bus.runFit(async () => {
    for (let epoch = 0; epoch < values.length; epoch++) {
      seen.push([]);
      await bus.runEpoch(async () => {
        for (let batch = 0; batch < 2; batch++) {
          await bus.runBatch(async () => { await bus.fire('onBackwardBegin', { lastLoss: 1 }); }, { iteration: epoch * 2 + batch, batch });
        }
        const v = values[epoch] ?? Number.NaN;
        Object.assign(bus.state, monitor === 'validLoss' ? { validLoss: v, metrics: {} } : { validLoss: 1, metrics: { accuracy: v } });
      }, { epoch });
    }
  }, { numEpochs: values.length });
  return seen;
}

describe(`ReduceLROnPlateau against PyTorch ${golden.torchVersion}`, () => {
  for (const c of golden.cases) {
    it(`${c.name}: the LR after every epoch`, async () => {
      const { mode, ...rest } = c.options;
      const monitor = mode === 'max' ? 'accuracy' : 'validLoss';
      const plateau = new ReduceLROnPlateau({ ...rest, mode, monitor });
      const bus = new CallbackBus([plateau], { hyper: handle(c.lr) });
      const seen = await run(bus, c.metrics, monitor);
      expect(seen[0]).toEqual([c.lr, c.lr]);
      // epoch k + 1 trains with the LR PyTorch holds after step(metrics[k])
      for (let k = 0; k + 1 < c.metrics.length; k++) {
        for (const lr of seen[k + 1] ?? []) expect(lr).toBeCloseTo(c.lrs[k] ?? Number.NaN, 15);
        const want = c.lrs[k] ?? Number.NaN;
        expect(Math.abs((seen[k + 1]?.[0] ?? Number.NaN) - want)).toBeLessThanOrEqual(1e-12 * want);
      }
    });
  }

  it('covers drops, floors, cooldown, skipped tiny drops and max mode', () => {
    expect(golden.cases.map((c) => c.name)).toEqual([
      'defaults', 'patience-2-factor-half', 'patience-0', 'abs-threshold', 'cooldown-2', 'min-lr-floor', 'eps-skips-tiny-drops', 'max-mode-accuracy',
    ]);
    for (const c of golden.cases) expect(Math.min(...c.lrs)).toBeLessThan(c.lr); // every case drops at least once
  });
});

describe('ReduceLROnPlateau with a schedule and with model.fit', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('scales a scheduled LR, keeping its shape', async () => {
    const plateau = new ReduceLROnPlateau({ patience: 0, factor: 0.5 });
    const sched = new ParamScheduler({ kind: 'torchLinear', lr: 0.1, startFactor: 0.5, totalIters: 8 });
    const bus = new CallbackBus([plateau, sched], { hyper: handle(0.1) });
    const seen = await run(bus, [1, 1, 1, 1], 'validLoss'); // no improvement after epoch 0: drop after epochs 1, 2, 3
    const scheduled = (it: number): number => 0.1 * (0.5 + (0.5 / 8) * it);
    expect(seen.flat()).toHaveLength(8);
    seen.flat().forEach((lr, it) => expect(lr).toBeCloseTo(scheduled(it) * 0.5 ** Math.max(0, Math.floor(it / 2) - 1), 15));
    expect(plateau.reductions).toEqual([1, 2, 3]);
    expect(plateau.scale).toBe(0.125);
  });

  it('lowers the optimizer\'s LR inside model.fit when the validation loss stalls', async () => {
    const before = tf.memory().numTensors;
    const p = tinyProblem();
    const optimizer = sgdw({ lr: 0.01, momentum: 0.9 });
    p.model.compile({ optimizer, loss: 'meanSquaredError' });
    const plateau = new ReduceLROnPlateau({ patience: 0, factor: 0.5, threshold: 10, thresholdMode: 'abs' }); // nothing counts as better
    const bus = new CallbackBus([plateau]);
    await p.model.fit(p.xs, p.ys, { epochs: 4, batchSize: 4, validationData: [p.xs, p.ys], verbose: 0, callbacks: [toTfjsCallback(bus)] });
    expect(plateau.reductions).toEqual([1, 2, 3]);
    expect(hyperParams(optimizer).get().lr).toBeCloseTo(0.01 * 0.125, 15); // the last drop is applied at once, as PyTorch's step()
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options and a missing hyper handle, naming them', async () => {
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/factor must be in \(0, 1\), got 1/);
    expect(() => new ReduceLROnPlateau({ patience: -1 })).toThrow(/patience must be an integer >= 0, got -1/);
    expect(() => new ReduceLROnPlateau({ cooldown: 1.5 })).toThrow(/cooldown must be an integer >= 0, got 1.5/);
    expect(() => new ReduceLROnPlateau({ thresholdMode: 'relative' as 'rel' })).toThrow(CallbackOptionError);
    expect(() => new ReduceLROnPlateau({ minLr: -1 })).toThrow(/minLr must be a finite number >= 0, got -1/);
    const bus = new CallbackBus([new ReduceLROnPlateau()]);
    await expect(bus.runFit(async () => { await bus.fire('onBatchBegin'); })).rejects.toThrow(/ReduceLROnPlateau has no hyper handle/);
  });
});
