// A checkpoint directory: what a save leaves on disk, and that every damaged, incomplete or
// mismatched checkpoint is refused with a CheckpointError naming the file.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CheckpointError, Learner } from '../index';
import { makeModel, useLearnerFixture, weightsOf } from './helpers';

const fx = useLearnerFixture('onecycle-checkpoint-');

const data = (): { train: { x: tf.Tensor; y: tf.Tensor; batchSize: number } } => ({ train: { x: fx.data.x, y: fx.data.y, batchSize: 16 } });

function learner(model: tf.LayersModel): Learner {
  return new Learner({ model, data: data(), loss: 'categoricalCrossentropy', seed: 7, progress: false });
}

/** The save folder the manifest names. */
function folderOf(dir: string): string {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'checkpoint.json'), 'utf8'));
  if (typeof manifest !== 'object' || manifest === null || !('folder' in manifest) || typeof manifest.folder !== 'string') throw new Error('no folder');
  return path.join(dir, manifest.folder);
}

/** Rewrites the manifest's size and hash of one file, as a tool that edits files consistently would. */
function resign(dir: string, rel: string): void {
  const file = path.join(dir, 'checkpoint.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { files: Array<{ path: string; bytes: number; sha256: string }> };
  const bytes = fs.readFileSync(path.join(folderOf(dir), rel));
  for (const f of manifest.files) {
    if (f.path === rel) {
      f.bytes = bytes.byteLength;
      f.sha256 = createHash('sha256').update(bytes).digest('hex');
    }
  }
  fs.writeFileSync(file, JSON.stringify(manifest));
}

let counter = 0;
/** A fresh copy of the saved checkpoint `src`. */
function copy(src: string): string {
  counter += 1;
  const dir = path.join(fx.tmp, `case-${counter}`);
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

describe('save writes one complete folder and switches to it', () => {
  it('leaves checkpoint.json and one save folder; a second save replaces the folder and removes the first', async () => {
    const model = makeModel();
    const learn = learner(model);
    await learn.fit(0.05, 1);
    const dir = path.join(fx.tmp, 'switch');
    const before = tf.memory().numTensors;
    await learn.save(dir);
    const first = folderOf(dir);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(first), 'checkpoint.json'].sort());
    // leftovers of an interrupted save: a half-written folder and a manifest temp file
    fs.mkdirSync(path.join(dir, 'save-zz-0123abcd'));
    fs.writeFileSync(path.join(dir, 'save-zz-0123abcd', 'learner.json'), '{"half":');
    fs.writeFileSync(path.join(dir, 'checkpoint.json.tmp-1-1'), '{');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    await learn.save(dir);
    const second = folderOf(dir);
    expect(second).not.toBe(first);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(second), 'checkpoint.json', 'notes.txt'].sort());
    expect(tf.memory().numTensors).toBe(before);
    const back = await Learner.load(dir, { data: data(), progress: false });
    expect(back.model instanceof tf.LayersModel && weightsOf(back.model)).toEqual(weightsOf(model));
    back.dispose();
    if (back.model instanceof tf.LayersModel) back.model.dispose();
    learn.dispose();
    model.dispose();
  });

  it('loads a checkpoint of the single-folder layout written before the manifest', async () => {
    const model = makeModel();
    const learn = learner(model);
    await learn.fit(0.05, 1);
    const dir = path.join(fx.tmp, 'new-layout');
    await learn.save(dir);
    const legacy = path.join(fx.tmp, 'legacy');
    fs.cpSync(folderOf(dir), legacy, { recursive: true });
    const back = await Learner.load(legacy, { data: data(), progress: false });
    expect(back.model instanceof tf.LayersModel && weightsOf(back.model)).toEqual(weightsOf(model));
    // the next save there switches it to the manifest layout and removes the old files
    await back.save(legacy);
    expect(fs.readdirSync(legacy).filter((n) => !n.startsWith('save-'))).toEqual(['checkpoint.json']);
    back.dispose();
    if (back.model instanceof tf.LayersModel) back.model.dispose();
    learn.dispose();
    model.dispose();
  });

  it('toSaved / restore round-trip without files', async () => {
    const model = makeModel();
    const learn = learner(model);
    await learn.fit(0.05, 1);
    const saved = await learn.toSaved();
    const other = makeModel(9);
    const back = await Learner.restore(saved, { model: other, data: data(), progress: false });
    expect(weightsOf(other)).toEqual(weightsOf(model));
    expect(back.rng.state).toBe(learn.rng.state);
    expect(back.recorder.toJSON()).toEqual(learn.recorder.toJSON());
    for (const l of [learn, back]) l.dispose();
    for (const m of [model, other]) m.dispose();
  });
});

describe('load refuses a damaged, incomplete or mismatched checkpoint', () => {
  type Damage = [name: string, damage: (dir: string) => void, words: readonly string[], model?: () => tf.LayersModel];
  const append = (rel: string, n: number) => (dir: string) => fs.appendFileSync(path.join(folderOf(dir), rel), Buffer.alloc(n));
  const truncate = (rel: string, keep: number) => (dir: string) => {
    const file = path.join(folderOf(dir), rel);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, keep));
  };
  const flip = (rel: string, at: number) => (dir: string) => {
    const file = path.join(folderOf(dir), rel);
    const b = fs.readFileSync(file);
    b[at] = (b[at] ?? 0) ^ 0x10;
    fs.writeFileSync(file, b);
  };
  const remove = (rel: string) => (dir: string) => fs.rmSync(path.join(folderOf(dir), rel), { recursive: true });
  const editState = (edit: (s: Record<string, unknown>) => void) => (dir: string) => {
    const file = path.join(folderOf(dir), 'learner.json');
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(s);
    fs.writeFileSync(file, JSON.stringify(s));
    resign(dir, 'learner.json');
  };
  const cases: Damage[] = [
    ['truncated weights.bin', truncate('model/weights.bin', 10), ['weights.bin', 'bytes', 'truncated']],
    ['64 extra bytes on weights.bin', append('model/weights.bin', 64), ['weights.bin', 'longer than saved']],
    ['truncated optimizer file', truncate('optimizer-0.bin', 4), ['optimizer-0.bin', 'truncated']],
    ['a bit flipped in the optimizer file', flip('optimizer-0.bin', 3), ['optimizer-0.bin', 'sha256', 'changed or damaged']],
    ['garbage model.json', (dir) => fs.writeFileSync(path.join(folderOf(dir), 'model', 'model.json'), 'not json {'), ['model.json']],
    ['garbage model.json, re-signed', (dir) => {
      fs.writeFileSync(path.join(folderOf(dir), 'model', 'model.json'), 'not json {');
      resign(dir, 'model/model.json');
    }, ['model.json', 'not valid JSON']],
    ['weights.bin truncated and re-signed', (dir) => {
      truncate('model/weights.bin', 12)(dir);
      resign(dir, 'model/weights.bin');
    }, ['model/weights.bin', 'truncated']],
    ['optimizer file shortened and re-signed', (dir) => {
      truncate('optimizer-0.bin', 8)(dir);
      resign(dir, 'optimizer-0.bin');
    }, ['optimizer-0.bin', 'truncated']],
    ['missing weights.bin', remove('model/weights.bin'), ['weights.bin', 'missing']],
    ['missing optimizer file', remove('optimizer-0.bin'), ['optimizer-0.bin', 'missing']],
    ['missing learner.json', remove('learner.json'), ['learner.json', 'missing']],
    ['missing save folder', (dir) => fs.rmSync(folderOf(dir), { recursive: true }), ['missing']],
    ['missing manifest', (dir) => fs.rmSync(path.join(dir, 'checkpoint.json')), ['checkpoint.json', 'missing', 'learner.save()']],
    ['garbage manifest', (dir) => fs.writeFileSync(path.join(dir, 'checkpoint.json'), '[1,'), ['checkpoint.json', 'not valid JSON']],
    ['manifest of another format', (dir) => fs.writeFileSync(path.join(dir, 'checkpoint.json'), '{"format":"x"}'), ['checkpoint.json', 'format']],
    ['run.position.iteration 9999', editState((s) => {
      const run = s['run'] as { position: { iteration: number } };
      run.position.iteration = 9999;
    }), ['learner.json', 'run.position.iteration', '9999']],
    ['run.position.epoch past the plan', editState((s) => {
      const run = s['run'] as { position: { epoch: number } };
      run.position.epoch = 7;
    }), ['learner.json', 'run.position.epoch', '7']],
    ['seed a string', editState((s) => {
      s['seed'] = 'x';
    }), ['learner.json', 'seed', 'a number']],
    ['optimizer of another file (mixed saves)', (dir) => {
      // a file from another save of another learner: its hash is not the manifest's
      fs.writeFileSync(path.join(folderOf(dir), 'optimizer-0.bin'), Buffer.alloc(fs.statSync(path.join(folderOf(dir), 'optimizer-0.bin')).size, 1));
    }, ['optimizer-0.bin', 'sha256']],
    ['another architecture', () => undefined, ['weights.bin', 'shapes', 'the model given to load'], () => {
      const m = tf.sequential();
      m.add(tf.layers.dense({ inputShape: [4], units: 5, activation: 'relu' }));
      m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
      return m;
    }],
  ];

  it('has the cases of every part', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', async (_name, damage, words, makeOther) => {
    const model = makeModel();
    const learn = learner(model);
    await learn.fit(0.05, 2, { callbacks: [{ name: 'stop', onBatchBegin: (s) => {
      if (s.iteration === 4) return { stopTraining: true };
      return undefined;
    } }] });
    const src = path.join(fx.tmp, `src-${counter}`);
    await learn.save(src);
    const dir = copy(src);
    damage(dir);
    const other = makeOther?.();
    const before = tf.memory().numTensors;
    const err = await Learner.load(dir, { data: data(), progress: false, ...(other === undefined ? {} : { model: other }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    for (const w of words) expect(String(err)).toContain(w);
    expect(String(err)).not.toMatch(/\d+\.\d{4,},\s*-?\d+\.\d{4,}/); // no tensor values pasted in
    expect(tf.memory().numTensors).toBe(before);
    other?.dispose();
    learn.dispose();
    model.dispose();
  });
});
