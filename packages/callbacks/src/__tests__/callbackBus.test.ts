import { describe, expect, it } from 'vitest';
import {
  CALLBACK_EVENTS,
  CallbackBus,
  CallbackError,
  CallbackOptionError,
  CancelBatchError,
  CancelEpochError,
  CancelFitError,
} from '../index';
import type { Callback, CallbackEvent } from '../index';

function tracer(name: string, log: string[], order?: number): Callback {
  const cb: Callback = { name };
  if (order !== undefined) cb.order = order;
  for (const e of CALLBACK_EVENTS) cb[e] = () => void log.push(`${name}:${e}`);
  return cb;
}

/** A tiny hand-written loop: 2 epochs x 3 batches. */
async function loop(bus: CallbackBus, losses: number[] = [1, 2, 3, 4, 5, 6]): Promise<void> {
  await bus.runFit(
    async () => {
      for (let epoch = 0; epoch < 2; epoch++) {
        await bus.runEpoch(
          async () => {
            for (let batch = 0; batch < 3; batch++) {
              await bus.runBatch(
                async () => {
                  await bus.fire('onLossBegin');
                  await bus.fire('onBackwardBegin', { lastLoss: losses[epoch * 3 + batch] ?? 0 });
                  await bus.fire('onBackwardEnd');
                  await bus.fire('onStepEnd');
                },
                { iteration: epoch * 3 + batch, batch },
              );
            }
          },
          { epoch },
        );
      }
    },
    { numEpochs: 2, numIterations: 6 },
  );
}

describe('CallbackBus', () => {
  it('runs hooks sorted by order (stable), on every event', async () => {
    const log: string[] = [];
    const bus = new CallbackBus([tracer('b', log, 1), tracer('a', log), tracer('c', log, -1)]);
    await bus.fire('onBatchBegin');
    expect(log).toEqual(['c:onBatchBegin', 'a:onBatchBegin', 'b:onBatchBegin']);
    log.length = 0;
    await loop(bus);
    expect(log.filter((l) => l.startsWith('a:'))).toHaveLength(1 + 2 * 2 + 6 * 6 + 1);
    expect(bus.list().map((c) => c.name)).toEqual(['c', 'a', 'b']);
  });

  it('applies the patch first and merges partial state returned by sync and async hooks', async () => {
    const seen: number[] = [];
    const bus = new CallbackBus([
      { name: 'a', onBatchBegin: (s) => ({ batch: s.batch + 10 }) },
      { name: 'b', order: 1, onBatchBegin: async (s) => ({ batch: s.batch * 2 }) },
      { name: 'c', order: 2, onBatchBegin: (s) => void seen.push(s.batch) },
    ]);
    await bus.fire('onBatchBegin', { batch: 1 });
    expect(seen).toEqual([22]);
    expect(bus.state.batch).toBe(22);
  });

  it('keeps the debiased EMA (0.98) of the loss, reset at onTrainBegin', async () => {
    const bus = new CallbackBus();
    const losses = [4, 2, 3, 1, 0.5, 0.25];
    await loop(bus, losses);
    let avg = 0;
    losses.forEach((l) => (avg = 0.98 * avg + 0.02 * l));
    expect(bus.state.smoothLoss).toBeCloseTo(avg / (1 - 0.98 ** 6), 12);
    await bus.fire('onTrainBegin');
    expect(bus.state.smoothLoss).toBeUndefined();
    await bus.fire('onBackwardBegin', { lastLoss: 7 });
    expect(bus.state.smoothLoss).toBeCloseTo(7, 12);
  });

  it('continues the EMA from earlier losses (a resumed run) exactly as if they had come in this run', async () => {
    const whole = new CallbackBus();
    await loop(whole, [4, 2, 3, 1, 0.5, 0.25]);
    const resumed = new CallbackBus();
    await resumed.fire('onTrainBegin');
    resumed.continueSmoothLoss([4, 2, 3]);
    expect(resumed.state.smoothLoss).toBeCloseTo((0.98 * (0.98 * 0.02 * 4 + 0.02 * 2) + 0.02 * 3) / (1 - 0.98 ** 3), 12);
    for (const lastLoss of [1, 0.5, 0.25]) await resumed.fire('onBackwardBegin', { lastLoss });
    expect(resumed.state.smoothLoss).toBe(whole.state.smoothLoss);
  });

  it('wraps errors in CallbackError naming the callback and event, with the cause', async () => {
    const boom = new Error('boom');
    const bus = new CallbackBus([{ name: 'bad', onEpochEnd: () => { throw boom; } }, { name: 'worse', onBatchEnd: async () => { throw boom; } }]);
    const e = await bus.fire('onEpochEnd').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CallbackError);
    expect(e).toMatchObject({ name: 'CallbackError', callbackName: 'bad', event: 'onEpochEnd', cause: boom });
    expect(String(e)).toMatch(/callback "bad" failed in onEpochEnd: boom/);
    await expect(bus.fire('onBatchEnd')).rejects.toMatchObject({ callbackName: 'worse', event: 'onBatchEnd' });
  });

  it('still fires onTrainEnd after an error, then rethrows it', async () => {
    const log: string[] = [];
    const bus = new CallbackBus([tracer('t', log), { name: 'bad', onStepEnd: () => { throw new Error('x'); } }]);
    await expect(loop(bus)).rejects.toBeInstanceOf(CallbackError);
    expect(log.at(-1)).toBe('t:onTrainEnd');
    expect(log).not.toContain('t:onEpochEnd');
  });

  const cancelCases: Array<[string, () => Error, CallbackEvent, number]> = [
    ['CancelBatchError skips the rest of that batch', () => new CancelBatchError(), 'onBackwardEnd', 5],
    ['CancelEpochError skips the rest of that epoch', () => new CancelEpochError(), 'onBackwardEnd', 4],
    ['CancelFitError ends training', () => new CancelFitError(), 'onBackwardEnd', 1],
  ];
  for (const [title, make, at, steps] of cancelCases) {
    it(`${title} and still fires the end events`, async () => {
      const log: string[] = [];
      let fired = false;
      const bus = new CallbackBus([
        tracer('t', log, 1),
        { name: 'cancel', [at]: (s: { iteration: number }) => { if (s.iteration === 1 && !fired) { fired = true; throw make(); } } },
      ]);
      await loop(bus);
      expect(log.filter((l) => l === 't:onStepEnd')).toHaveLength(steps);
      expect(log.filter((l) => l === 't:onBatchEnd').length).toBeGreaterThanOrEqual(2);
      expect(log.at(-1)).toBe('t:onTrainEnd');
      expect(log.at(-2)).toBe('t:onEpochEnd');
    });
  }

  it('stopTraining set by a hook ends the run after that batch', async () => {
    const log: string[] = [];
    const bus = new CallbackBus([tracer('t', log, 1), { name: 'stop', onBatchEnd: (s) => (s.iteration === 3 ? { stopTraining: true } : undefined) }]);
    await loop(bus);
    expect(log.filter((l) => l === 't:onBatchEnd')).toHaveLength(4);
    expect(log.at(-1)).toBe('t:onTrainEnd');
  });

  it('add/remove/get, unique names and finite orders', () => {
    const bus = new CallbackBus([{ name: 'a' }]);
    expect(() => bus.add({ name: 'a' })).toThrow(CallbackOptionError);
    expect(() => bus.add({ name: 'z', order: Number.NaN })).toThrow(/order NaN: it must be a finite number/);
    expect(bus.get('a')).toBeDefined();
    bus.remove('a');
    expect(bus.get('a')).toBeUndefined();
    expect(bus.context.bus).toBe(bus);
  });
});
