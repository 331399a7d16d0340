import * as tf from '@tensorflow/tfjs-core';
import { LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';
import type { LrFindResult } from '@onecycle/lr-finder';
import { CheckpointError } from './errors';
import type { FitPlan } from './fitPlan';
import type { LearnerOptions } from './learnerOptions';
import type { CustomModel } from './modelAdapter';
import type { LoopPosition } from './runLoop';

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

/** One optimizer as saved: class, config and the layout of its weights. */
export interface SavedOptimizer {
  className: string;
  config: tf.serialization.ConfigDict;
  specs: tf.io.WeightsManifestEntry[];
}

/** Everything about a learner that is not bytes of weights (the checkpoint's `learner.json`). */
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

/** A LayersModel as saved: its topology (`model.json`) and weights (`weights.bin`). */
export interface SavedLayersModel {
  /** The Keras topology. */
  topology: tf.io.ModelArtifacts['modelTopology'];
  /** The training config, when the model was compiled. */
  trainingConfig?: tf.io.TrainingConfig;
  /** Layout of `weightData`. */
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** Every weight, concatenated. */
  weightData: ArrayBuffer;
}

/**
 * A learner as plain data and bytes, with no live tensors: what `Learner.toSaved()` returns and
 * `Learner.restore()` takes. A checkpoint writes it as files and reads it back; each part is
 * named after its file (`learner.json`, `model/…`, `variables.bin`, `optimizer-<g>.bin`).
 */
export interface SavedLearner {
  /** The `learner.json` part. */
  state: SavedState;
  /** A LayersModel's topology and weights (for `modelKind: 'layers'`). */
  model: SavedLayersModel | undefined;
  /** A custom model's variables, laid out by `state.variableSpecs` (for `modelKind: 'custom'`). */
  variables: ArrayBuffer | undefined;
  /** Each layer group's optimizer weights, laid out by `state.optimizers[g].specs`. */
  optimizers: ArrayBuffer[];
}

/** Options of `Learner.load` / `Learner.restore`: the data, plus what a checkpoint cannot hold (functions, a custom model). */
export interface LoadOptions extends Omit<LearnerOptions, 'model' | 'seed' | 'layerGroups'> {
  /**
   * Required for a custom model (its variables are refilled from the checkpoint). For a LayersModel
   * checkpoint: absent rebuilds the saved model; a model of the same architecture gets the saved weights.
   */
  model?: LayersModel | CustomModel;
}

/** The file name of optimizer `g`'s weights in a checkpoint. */
export function optimizerPart(g: number): string {
  return `optimizer-${g}.bin`;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

/** Bytes the weights of `specs` take (strings are not used by models and optimizers here). */
function specBytes(specs: readonly tf.io.WeightsManifestEntry[], part: string): number {
  let total = 0;
  for (const s of specs) {
    const per = BYTES[s.dtype];
    if (per === undefined || s.quantization !== undefined) throw new CheckpointError(`${part}: weight ${s.name} has dtype ${s.dtype}${s.quantization === undefined ? '' : ' (quantized)'}, which a learner checkpoint never holds`);
    total += per * s.shape.reduce((a, b) => a * b, 1);
  }
  return total;
}

/**
 * Decodes one part's weights, first checking that its size matches its layout, so a damaged file
 * is reported by name instead of as a tfjs `RangeError` or a count mismatch.
 *
 * @param data - the part's bytes
 * @param specs - its layout
 * @param part - the part's file name, for messages
 * @returns the tensors by name (caller disposes)
 */
export function decodePart(data: ArrayBuffer, specs: readonly tf.io.WeightsManifestEntry[], part: string): tf.NamedTensorMap {
  const need = specBytes(specs, part);
  if (data.byteLength !== need) {
    throw new CheckpointError(`${part} has ${data.byteLength} bytes but its ${specs.length} weight(s) take ${need}: the file is ${data.byteLength < need ? 'truncated' : 'longer than saved'}`);
  }
  return tf.io.decodeWeights(data, [...specs]);
}

/**
 * Rebuilds (or refills) the LayersModel of a saved learner.
 *
 * @param saved - the saved model part
 * @param given - a model of the same architecture to fill, or undefined to rebuild the saved one
 */
export async function restoreLayersModel(saved: SavedLayersModel, given: LayersModel | undefined): Promise<LayersModel> {
  const weights = decodePart(saved.weightData, saved.weightSpecs, 'model/weights.bin');
  try {
    if (given !== undefined) {
      const mine = given.weights.map((w) => w.shape.map((d) => d ?? -1));
      const want = saved.weightSpecs;
      const same = mine.length === want.length && mine.every((shape, i) => tf.util.arraysEqual(shape, want[i]?.shape ?? []));
      if (!same) {
        const shapes = (l: ReadonlyArray<readonly number[]>): string => l.map((shape) => `[${shape.join(',')}]`).join(' ');
        throw new CheckpointError(`model/weights.bin holds ${want.length} weights of shapes ${shapes(want.map((w) => w.shape))}, but the model given to load has ${mine.length} of shapes ${shapes(mine)}: pass a model of the saved architecture, or none`);
      }
      given.setWeights(want.map((s) => {
        const t = weights[s.name];
        if (t === undefined) throw new CheckpointError(`model/weights.bin lacks weight ${s.name}`);
        return t;
      }));
      return given;
    }
    try {
      return await loadLayersModel(tf.io.fromMemory({
        modelTopology: saved.topology,
        weightSpecs: saved.weightSpecs,
        weightData: saved.weightData,
        ...(saved.trainingConfig === undefined ? {} : { trainingConfig: saved.trainingConfig }),
      }));
    } catch (e) {
      throw new CheckpointError(`model/model.json does not describe a model tfjs can build from model/weights.bin: ${e instanceof Error ? e.message : String(e)}`);
    }
  } finally {
    tf.dispose(weights);
  }
}

type NamedTensor = { name: string; tensor: tf.Tensor };

/** Renames optimizer slot names `${oldVar}/slot` to `${newVar}/slot` (variable names change when a model is rebuilt). */
function renameSlots(weights: NamedTensor[], oldNames: readonly string[], newNames: readonly string[]): NamedTensor[] {
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
 * Puts saved variables and optimizer weights into a freshly built learner's.
 *
 * @param variables - the learner's variables, in save order
 * @param optimizers - the learner's optimizers, one per layer group
 */
export async function restoreWeights(saved: SavedLearner, variables: readonly tf.Variable[], optimizers: readonly tf.Optimizer[]): Promise<void> {
  const { state } = saved;
  if (variables.length !== state.variableNames.length) {
    throw new CheckpointError(`the model has ${variables.length} trainable variables but learner.json lists ${state.variableNames.length}: load it with the saved architecture`);
  }
  if (state.modelKind === 'custom') {
    if (saved.variables === undefined || state.variableSpecs === undefined) throw new CheckpointError('variables.bin is missing: a custom model checkpoint keeps its variables there');
    const map = decodePart(saved.variables, state.variableSpecs, 'variables.bin');
    try {
      variables.forEach((v, i) => {
        const t = map[state.variableNames[i] ?? ''];
        if (t === undefined) throw new CheckpointError(`variables.bin lacks ${state.variableNames[i] ?? i}`);
        if (!tf.util.arraysEqual(t.shape, v.shape)) {
          throw new CheckpointError(`variables.bin holds ${state.variableNames[i] ?? i} of shape [${t.shape.join(',')}], but the model's variable ${i} has shape [${v.shape.join(',')}]: load it with the saved architecture`);
        }
      });
      variables.forEach((v, i) => {
        const t = map[state.variableNames[i] ?? ''];
        if (t !== undefined) v.assign(t);
      });
    } finally {
      tf.dispose(map);
    }
  }
  const newNames = variables.map((v) => v.name);
  for (let g = 0; g < optimizers.length; g++) {
    const s = state.optimizers[g];
    const data = saved.optimizers[g];
    const opt = optimizers[g];
    if (s === undefined || data === undefined || opt === undefined) throw new CheckpointError(`the checkpoint has no optimizer state for layer group ${g} (${optimizerPart(g)})`);
    const map = decodePart(data, s.specs, optimizerPart(g));
    try {
      const list = s.specs.flatMap((spec) => {
        const t = map[spec.name];
        return t === undefined ? [] : [{ name: spec.name, tensor: t }];
      });
      await opt.setWeights(renameSlots(list, state.variableNames, newNames));
    } catch (e) {
      if (e instanceof CheckpointError) throw e;
      throw new CheckpointError(`${optimizerPart(g)} does not fit the optimizer of layer group ${g} (${opt.getClassName()}): ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      tf.dispose(map);
    }
  }
}

/**
 * A LayersModel's topology and weights, taken through tfjs's own save path (so the JSON is what
 * `model.save` writes everywhere).
 *
 * @returns its saved form
 */
export async function saveLayersModel(model: LayersModel): Promise<SavedLayersModel> {
  let out: SavedLayersModel | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    const weightData = a.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(a.weightData);
    out = {
      topology: a.modelTopology,
      ...(a.trainingConfig === undefined ? {} : { trainingConfig: a.trainingConfig }),
      weightSpecs: a.weightSpecs ?? [],
      weightData,
    };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength } };
  }));
  if (out === undefined) throw new CheckpointError('the model did not hand its weights to the save handler');
  return out;
}

/**
 * An optimizer's class, config and weights (slots and iteration count) as bytes.
 *
 * @returns its saved form and bytes
 */
export async function saveOptimizer(opt: tf.Optimizer): Promise<{ saved: SavedOptimizer; data: ArrayBuffer }> {
  const weights = await opt.getWeights();
  try {
    const enc = await tf.io.encodeWeights(weights);
    return { saved: { className: opt.getClassName(), config: opt.getConfig(), specs: enc.specs }, data: enc.data };
  } finally {
    // getWeights hands out the slot variables themselves (kept) and a fresh iteration scalar (freed).
    for (const w of weights) if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
  }
}

/** What {@link encodeLearner} needs of a learner. */
export interface LearnerParts {
  model: LayersModel | CustomModel;
  variables: readonly tf.Variable[];
  optimizers: readonly tf.Optimizer[];
  /** The learner.json fields that are the learner's own (not derived from the model or optimizers). */
  state: Pick<SavedState, 'seed' | 'rngState' | 'lossName' | 'metricNames' | 'groups' | 'run' | 'recorder' | 'lastLrFind' | 'frozenGroups'>;
}

/**
 * A learner's parts as a {@link SavedLearner}: the model's topology and weights (or a custom
 * model's variables) and each optimizer's weights as bytes, the rest as plain data.
 *
 * @param parts - the learner's model, variables, optimizers and own state
 */
export async function encodeLearner(parts: LearnerParts): Promise<SavedLearner> {
  const model = parts.model instanceof LayersModel ? await saveLayersModel(parts.model) : undefined;
  let variables: ArrayBuffer | undefined;
  let variableSpecs: tf.io.WeightsManifestEntry[] | undefined;
  if (model === undefined) {
    const enc = await tf.io.encodeWeights(parts.variables.map((v) => ({ name: v.name, tensor: v })));
    variables = enc.data;
    variableSpecs = enc.specs;
  }
  const optimizers: SavedOptimizer[] = [];
  const optimizerData: ArrayBuffer[] = [];
  for (const opt of parts.optimizers) {
    const { saved, data } = await saveOptimizer(opt);
    optimizers.push(saved);
    optimizerData.push(data);
  }
  return {
    state: {
      format: 'onecycle-learner',
      version: 1,
      ...parts.state,
      modelKind: model === undefined ? 'custom' : 'layers',
      variableNames: parts.variables.map((v) => v.name),
      variableSpecs,
      optimizers,
    },
    model,
    variables,
    optimizers: optimizerData,
  };
}
