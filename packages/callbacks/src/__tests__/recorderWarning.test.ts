import { describe, expect, expectTypeOf, it } from 'vitest';
import { CallbackBus, ProgressBar, Recorder } from '../index';
import type { Callback, RecordedEpoch } from '../index';

/** A loop that never reports a loss: two epochs of three batches. */
async function silentLoop(bus: CallbackBus): Promise<void> {
  await bus.runFit(async () => {
    for (let epoch = 0; epoch < 2; epoch++) {
      await bus.runEpoch(async () => {
        for (let batch = 0; batch < 3; batch++) await bus.runBatch(async () => undefined, { iteration: epoch * 3 + batch, batch });
      }, { epoch });
    }
  });
}

describe('Recorder without losses', () => {
  it('warns once per run through the bus, and the epochs say trainLoss null (typed so)', async () => {
    const recorder = new Recorder();
    const bus = new CallbackBus([recorder]);
    const warnings: string[] = [];
    bus.onWarning = (m) => warnings.push(m);
    await silentLoop(bus);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Recorder: batch 0 ended without a loss.*bus\.fire\('onBackwardBegin', \{ lastLoss \}\)/);
    const rec = recorder.toJSON();
    expect(rec.batches).toHaveLength(0);
    expect(rec.epochs.map((e) => e.trainLoss)).toEqual([null, null]);
    expect(JSON.parse(JSON.stringify(rec)).epochs[0].trainLoss).toBeNull();
    expectTypeOf<RecordedEpoch['trainLoss']>().toEqualTypeOf<number | null>();
    await silentLoop(bus); // a new run warns again
    expect(warnings).toHaveLength(2);
  });

  it('does not warn when every batch has a loss', async () => {
    const recorder = new Recorder();
    const bus = new CallbackBus([recorder]);
    const warnings: string[] = [];
    bus.onWarning = (m) => warnings.push(m);
    await bus.runFit(async () => {
      await bus.runEpoch(async () => {
        await bus.runBatch(async () => { await bus.fire('onBackwardBegin', { lastLoss: 2 }); }, { iteration: 0, batch: 0 });
      }, { epoch: 0 });
    });
    expect(warnings).toEqual([]);
    expect(recorder.toJSON().epochs[0]?.trainLoss).toBe(2);
  });
});

describe('bus.get', () => {
  it('is typed by the class given, and still finds by name', () => {
    const recorder = new Recorder();
    const bus = new CallbackBus([recorder, new ProgressBar({ table: false })]);
    const found = bus.get(Recorder);
    expectTypeOf(found).toEqualTypeOf<Recorder | undefined>();
    expect(found).toBe(recorder);
    expect(found?.toJSON().version).toBe(1);
    expectTypeOf(bus.get('Recorder')).toEqualTypeOf<Callback | undefined>();
    expect(bus.get('Recorder')).toBe(recorder);
    expect(new CallbackBus([]).get(Recorder)).toBeUndefined();
  });
});
