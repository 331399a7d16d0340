import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';
import { writeFileAtomic } from '@onecycle/atomic-write';
import { fsIOHandler } from '@onecycle/callbacks';
import type { LrFindResult } from '@onecycle/lr-finder';
import { parseFinite, stringifyFinite } from './jsonText';
import { CheckpointError } from './errors';
import type { FitPlan } from './fitPlan';
import type { Learner } from './learner';
import type { LearnerOptions } from './learnerOptions';
import { adaptModel } from './modelAdapter';
import type { CustomModel } from './modelAdapter';
import { optimizerFromConfig } from './optimizers';
import { restoreRecorder } from './recorderState';
import type { LoopPosition } from './trainLoop';
import { parseSavedState } from './checkpointGuards';

/** The fit in progress or last run, as saved. */
export interface RunState {
  /** The schedule, length and group multipliers of the fit. */
  plan: FitPlan;
  /** Batches per epoch when the fit began (a resume must see the same). */
  batchesPerEpoch: number;
  /** The next batch to run. */
  position: LoopPosition;
  /** Whether every planned batch ran. */
  finished: boolean;
}

/** One optimizer as saved: class, config and the layout of its weights file. */
export interface SavedOptimizer {
  className: string;
  config: tf.serialization.ConfigDict;
  specs: tf.io.WeightsManifestEntry[];
}

/** The contents of `learner.json`. */
export interface SavedState {
  format: 'onecycle-learner';
  version: 1;
  seed: number;
  rngState: number;
  modelKind: 'layers' | 'custom';
  lossName: string | undefined;
  metricNames: string[];
  variableNames: string[];
  variableSpecs: tf.io.WeightsManifestEntry[] | undefined;
  groups: number[][];
  optimizers: SavedOptimizer[];
  run: RunState | undefined;
  recorder: unknown;
  lastLrFind: LrFindResult | undefined;
  /** Leading layer groups frozen when saved (absent in checkpoints from before freezing existed: 0). */
  frozenGroups?: number;
}

/** Options of `Learner.load`: the data, plus what a directory cannot hold (functions, a custom model). */
export interface LoadOptions extends Omit<LearnerOptions, 'model' | 'seed' | 'layerGroups'> {
  /**
   * Required for a custom model (its variables are refilled from the checkpoint). For a LayersModel
   * checkpoint: absent reads the model from `dir/model`; a model of the same architecture gets the saved weights.
   */
  model?: LayersModel | CustomModel;
}

const STATE = 'learner.json';

type NamedTensor = { name: string; tensor: tf.Tensor };

async function weightsOf(opt: tf.Optimizer): Promise<NamedTensor[]> {
  return opt.getWeights();
}

/**
 * Writes a learner: `model/` (LayersModel via callbacks' fsIOHandler) or `variables.bin`,
 * `optimizer-<g>.bin`, and `learner.json` last (run position, schedule spec, recorder, RNG).
 *
 * @param learner - the learner
 * @param dir - target directory
 */
export async function saveLearner(learner: Learner, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const model = learner.model;
  const isLayers = model instanceof LayersModel;
  let variableSpecs: tf.io.WeightsManifestEntry[] | undefined;
  if (model instanceof LayersModel) {
    await model.save(fsIOHandler(path.join(dir, 'model')));
  } else {
    const enc = await tf.io.encodeWeights(learner.variables.map((v) => ({ name: v.name, tensor: v })));
    await writeFileAtomic(path.join(dir, 'variables.bin'), new Uint8Array(enc.data));
    variableSpecs = enc.specs;
  }
  const optimizers: SavedOptimizer[] = [];
  for (let g = 0; g < learner.optimizers.length; g++) {
    const opt = learner.optimizers[g];
    if (opt === undefined) continue;
    const weights = await weightsOf(opt);
    try {
      const enc = await tf.io.encodeWeights(weights);
      await writeFileAtomic(path.join(dir, `optimizer-${g}.bin`), new Uint8Array(enc.data));
      optimizers.push({ className: opt.getClassName(), config: opt.getConfig(), specs: enc.specs });
    } finally {
      for (const w of weights) if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
    }
  }
  const state: SavedState = {
    format: 'onecycle-learner',
    version: 1,
    seed: learner.seed,
    rngState: learner.rng.state,
    modelKind: isLayers ? 'layers' : 'custom',
    lossName: learner.lossName,
    metricNames: learner.metricNames,
    variableNames: learner.variables.map((v) => v.name),
    variableSpecs,
    groups: learner.layerGroupIndices,
    optimizers,
    run: learner.runState,
    recorder: learner.recorder.toJSON(),
    lastLrFind: learner.lastLrFind,
    frozenGroups: learner.frozenGroups,
  };
  await writeFileAtomic(path.join(dir, STATE), stringifyFinite(state));
}

async function readBin(file: string): Promise<ArrayBuffer> {
  const buf = await fs.readFile(file);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

/** Renames optimizer slot names `${oldVar}/slot` to `${newVar}/slot` (variable names change when a model is reloaded). */
function renameSlots(weights: NamedTensor[], oldNames: string[], newNames: string[]): NamedTensor[] {
  const order = oldNames.map((n, i) => ({ n, i })).sort((a, b) => b.n.length - a.n.length);
  return weights.map((w) => {
    for (const { n, i } of order) {
      const to = newNames[i];
      if (to !== undefined && w.name.startsWith(`${n}/`)) return { name: to + w.name.slice(n.length), tensor: w.tensor };
    }
    return w;
  });
}

/**
 * Reads a learner written by {@link saveLearner}.
 *
 * @param dir - the directory
 * @param opts - data and the parts a directory cannot hold
 * @param make - builds the Learner (avoids an import cycle)
 * @returns the learner, ready for `fit(…, { resume: true })`
 */
export async function loadLearner(dir: string, opts: LoadOptions, make: (o: LearnerOptions) => Learner): Promise<Learner> {
  let raw: unknown;
  try {
    raw = parseFinite(await fs.readFile(path.join(dir, STATE), 'utf8'));
  } catch (e) {
    throw new CheckpointError(`cannot read ${path.join(dir, STATE)}: ${e instanceof Error ? e.message : String(e)}; is it a directory written by learner.save()?`);
  }
  const saved = parseSavedState(raw);
  let model: LayersModel | CustomModel;
  if (saved.modelKind === 'layers') {
    const loaded = await loadLayersModel(fsIOHandler(path.join(dir, 'model')));
    if (opts.model instanceof LayersModel) {
      opts.model.setWeights(loaded.getWeights());
      loaded.dispose();
      model = opts.model;
    } else if (opts.model === undefined) {
      model = loaded;
    } else {
      loaded.dispose();
      throw new CheckpointError('this checkpoint holds a LayersModel: pass a LayersModel of the same architecture as opts.model, or none');
    }
  } else {
    if (opts.model === undefined) throw new CheckpointError('this checkpoint holds a custom model: pass the same model as opts.model to Learner.load');
    model = opts.model;
  }
  const all = adaptModel(model, undefined).variables;
  const layerGroups = saved.groups.map((g, gi) => g.map((i) => {
    const v = all[i];
    if (v === undefined) throw new CheckpointError(`layer group ${gi} names variable ${i}, but the model has ${all.length}: load it with the same architecture`);
    return v;
  }));
  const pending = [...saved.optimizers];
  const learner = make({
    ...opts,
    model,
    seed: saved.seed,
    ...(opts.loss !== undefined ? { loss: opts.loss } : saved.lossName !== undefined ? { loss: saved.lossName } : {}),
    metrics: opts.metrics ?? saved.metricNames,
    optimizer: opts.optimizer ?? (() => {
      const s = pending.shift();
      if (s === undefined) throw new CheckpointError('the checkpoint has fewer optimizers than layer groups');
      return optimizerFromConfig(s.className, s.config);
    }),
    layerGroups,
  });
  const vars = learner.variables;
  if (vars.length !== saved.variableNames.length) {
    throw new CheckpointError(`the model has ${vars.length} trainable variables but the checkpoint has ${saved.variableNames.length}: load it with the same architecture`);
  }
  if (saved.modelKind === 'custom' && saved.variableSpecs !== undefined) {
    const map = tf.io.decodeWeights(await readBin(path.join(dir, 'variables.bin')), saved.variableSpecs);
    vars.forEach((v, i) => {
      const t = map[saved.variableNames[i] ?? ''];
      if (t === undefined) throw new CheckpointError(`variables.bin lacks ${saved.variableNames[i] ?? i}`);
      v.assign(t);
    });
    tf.dispose(map);
  }
  const newNames = vars.map((v) => v.name);
  for (let g = 0; g < learner.optimizers.length; g++) {
    const s = saved.optimizers[g];
    const opt = learner.optimizers[g];
    if (s === undefined || opt === undefined) throw new CheckpointError(`the checkpoint has no optimizer state for layer group ${g}`);
    const map = tf.io.decodeWeights(await readBin(path.join(dir, `optimizer-${g}.bin`)), s.specs);
    const list = s.specs.flatMap((spec) => {
      const t = map[spec.name];
      return t === undefined ? [] : [{ name: spec.name, tensor: t }];
    });
    await opt.setWeights(renameSlots(list, saved.variableNames, newNames));
    tf.dispose(map);
  }
  learner.rng.state = saved.rngState;
  learner.runState = saved.run;
  learner.lastLrFind = saved.lastLrFind;
  learner.freezeTo(saved.frozenGroups ?? 0);
  restoreRecorder(learner.recorder, saved.recorder);
  return learner;
}
