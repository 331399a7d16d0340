import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Learner, LearnerOptionError } from '../index';
import type { LearnerOptions } from '../index';
import { useLearnerFixture } from './helpers';

const fx = useLearnerFixture('onecycle-freeze-');

/** dense(8) -> batch norm -> dense(3): group 0 = the dense layer and its batch norm, group 1 = the head. */
function bnModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  return model;
}

function learner(model: tf.LayersModel, extra: Partial<LearnerOptions> = {}): Learner {
  return new Learner({
    model, data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, loss: 'categoricalCrossentropy',
    layerGroups: [[0, 1], [2]], seed: 3, progress: false, ...extra,
  });
}

/** Each trainable variable's values, keyed `layer index:weight` (`1:gamma` is the batch norm's scale). */
function values(model: tf.LayersModel): Map<string, number[]> {
  return new Map(model.layers.flatMap((l, i) => l.trainableWeights.map((w): [string, number[]] => [`${i}:${w.name.split('/').pop() ?? ''}`, Array.from(w.read().dataSync())])));
}

function changed(before: Map<string, number[]>, after: Map<string, number[]>): string[] {
  return [...before].filter(([key, v]) => (after.get(key) ?? []).some((x, i) => x !== v[i])).map(([key]) => key).sort();
}

describe('freeze, unfreeze and fineTune (fastai v2)', () => {
  it('a frozen group does not train — except its batch norm, as fastai\'s train_bn — and unfreeze trains it again', async () => {
    const model = bnModel();
    const learn = learner(model);
    await learn.fit(0.05, 1); // the optimizers' slots exist from here on
    learn.freeze();
    expect(learn.frozenGroups).toBe(1);
    const before = tf.memory().numTensors;
    let w = values(model);
    await learn.fit(0.05, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(changed(w, values(model))).toEqual(['1:beta', '1:gamma', '2:bias', '2:kernel']); // not 0:kernel, 0:bias
    learn.unfreeze();
    w = values(model);
    await learn.fit(0.05, 1);
    expect(changed(w, values(model))).toHaveLength(6);
    learn.dispose();
    model.dispose();
  });

  it('a frozen group\'s optimizer takes no step, so Adam\'s bias correction starts when it is unfrozen', async () => {
    const before = tf.memory().numTensors;
    const model = bnModel();
    const learn = learner(model, { optimizer: 'adamw', trainBn: false });
    learn.freeze();
    await learn.fit(0.01, 2);
    expect(learn.optimizers.map((o) => o.iterations)).toEqual([0, 6]);
    learn.unfreeze();
    await learn.fit(0.01, 1);
    expect(learn.optimizers.map((o) => o.iterations)).toEqual([3, 9]);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with trainBn false the whole frozen group stands still', async () => {
    const before = tf.memory().numTensors;
    const model = bnModel();
    const learn = learner(model, { trainBn: false });
    learn.freezeTo(-1);
    const w = values(model);
    await learn.fit(0.05, 1);
    expect(changed(w, values(model))).toEqual(['2:bias', '2:kernel']); // the head only
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fineTune runs the frozen one-cycle, then the unfrozen one with discriminative LRs', async () => {
    const before = tf.memory().numTensors;
    const model = bnModel();
    const learn = learner(model);
    const { frozen, unfrozen } = await learn.fineTune(2, 0.01, { freezeEpochs: 1, lrMult: 10 });
    expect(frozen.spec).toMatchObject({ kind: 'oneCycle', lrMax: 0.01, totalSteps: 3, pctStart: 0.99 });
    expect(unfrozen.spec).toMatchObject({ kind: 'oneCycle', lrMax: 0.005, totalSteps: 6, pctStart: 0.3, div: 5 });
    expect(learn.frozenGroups).toBe(0);
    expect(learn.recorder.toJSON().batches).toHaveLength(6); // the record of the last fit
    await expect(learn.fineTune(1, 0.01, { lrMult: 0.5 })).rejects.toThrow(/lrMult must be a number >= 1, got 0.5/);
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects freezing every group, and keeps the frozen groups through save and load', async () => {
    const before = tf.memory().numTensors;
    const model = bnModel();
    const learn = learner(model);
    expect(learn.numGroups).toBe(2);
    expect(() => learn.freezeTo(2)).toThrowError(LearnerOptionError);
    learn.freezeTo(-2); // fastai: groups[:-2] of 2 is none
    expect(learn.frozenGroups).toBe(0);
    expect(() => learn.freezeTo(-3)).toThrow(/freezeTo needs an integer n with 0 <= n <= 1 \(or a negative count from the end\) for 2 layer group\(s\), got -3/);
    learn.freezeTo(1);
    const dir = path.join(fx.tmp, 'frozen');
    await learn.save(dir);
    const again = await Learner.load(dir, { data: { train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } }, progress: false });
    expect(again.frozenGroups).toBe(1);
    again.dispose();
    if (again.model instanceof tf.LayersModel) again.model.dispose();
    learn.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
