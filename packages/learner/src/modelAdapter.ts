import * as tf from '@tensorflow/tfjs-core';
import { LayersModel } from '@tensorflow/tfjs-layers';
import { LearnerOptionError } from './errors';

/** A model that is not a `tf.LayersModel`: trainable variables in a fixed order and a forward function. */
export interface CustomModel {
  /** The trainable variables, always in the same order (saved and restored in this order). */
  readonly trainableVariables: readonly tf.Variable[];
  /**
   * The forward pass.
   * @param x - a batch of inputs
   * @param opts - `training` is true while fitting (dropout on, batch-norm statistics updated)
   * @returns the predictions
   */
  apply(x: tf.Tensor, opts: { training: boolean }): tf.Tensor;
}

/**
 * How the model's variables are split into layer groups (each group gets its own LR, as fastai):
 * a number `n` splits the layers that have weights into `n` contiguous groups; `number[][]` lists
 * layer indices (of `model.layers`) per group; `tf.Variable[][]` lists variables (custom models).
 */
export type LayerGroupsSpec = number | number[][] | tf.Variable[][];

/** The model as the training loop sees it. */
export interface ModelAdapter {
  readonly layersModel: LayersModel | undefined;
  readonly variables: tf.Variable[];
  readonly groups: tf.Variable[][];
  /** Names of the variables of normalization layers (batch / layer norm): fastai's `train_bn` keeps them trainable when frozen. */
  readonly normVariables: ReadonlySet<string>;
  forward(x: tf.Tensor, training: boolean): tf.Tensor;
}

function asVariable(t: tf.Tensor, name: string): tf.Variable {
  if (t instanceof tf.Variable) return t;
  const v = tf.engine().registeredVariables[name];
  if (v === undefined) throw new LearnerOptionError(`model weight ${name} is not a registered tf.Variable`);
  return v;
}

function layerVariables(model: LayersModel, layerIndex: number): tf.Variable[] {
  const layer = model.layers[layerIndex];
  if (layer === undefined) throw new LearnerOptionError(`layerGroups names layer ${layerIndex}, but the model has ${model.layers.length} layers (0..${model.layers.length - 1})`);
  return layer.trainableWeights.map((w) => asVariable(w.read(), w.name));
}

function splitEven<T>(items: T[][], n: number): T[][] {
  if (!Number.isInteger(n) || n < 1 || n > items.length) {
    throw new LearnerOptionError(`layerGroups must be an integer in [1, ${items.length}] (layers with weights), got ${n}`);
  }
  const out: T[][] = [];
  for (let g = 0; g < n; g++) {
    const from = Math.floor((g * items.length) / n);
    const to = Math.floor(((g + 1) * items.length) / n);
    out.push(items.slice(from, to).flat());
  }
  return out;
}

function checkCover(all: tf.Variable[], groups: tf.Variable[][]): void {
  const seen = new Map<string, number>();
  groups.forEach((g, gi) => {
    if (g.length === 0) throw new LearnerOptionError(`layer group ${gi} has no trainable variables`);
    for (const v of g) {
      const prev = seen.get(v.name);
      if (prev !== undefined) throw new LearnerOptionError(`variable ${v.name} is in layer groups ${prev} and ${gi}: each variable belongs to exactly one group`);
      seen.set(v.name, gi);
    }
  });
  const missing = all.filter((v) => !seen.has(v.name)).map((v) => v.name);
  if (missing.length > 0) throw new LearnerOptionError(`layerGroups leave out trainable variables ${missing.join(', ')}: every trainable variable must be in a group`);
}

function isNumberGroups(spec: number[][] | tf.Variable[][]): spec is number[][] {
  return spec.every((g) => g.every((v) => typeof v === 'number'));
}

/**
 * Builds the loop's view of a model and its layer groups.
 *
 * @param model - a LayersModel or a custom model
 * @param spec - layer groups; one group with every variable when absent
 */
export function adaptModel(model: LayersModel | CustomModel, spec: LayerGroupsSpec | undefined): ModelAdapter {
  if (model instanceof LayersModel) {
    const variables = model.trainableWeights.map((w) => asVariable(w.read(), w.name));
    let groups: tf.Variable[][];
    if (spec === undefined) groups = [variables];
    else if (typeof spec === 'number') {
      const perLayer = model.layers.map((_, i) => layerVariables(model, i)).filter((vs) => vs.length > 0);
      groups = splitEven(perLayer, spec);
    } else if (isNumberGroups(spec)) groups = spec.map((g) => g.flatMap((i) => layerVariables(model, i)));
    else groups = spec.map((g) => [...g]);
    checkCover(variables, groups);
    const normVariables = new Set(model.layers.filter((l) => /Normalization$/.test(l.getClassName())).flatMap((l) => l.trainableWeights.map((w) => w.name)));
    return {
      layersModel: model,
      variables,
      groups,
      normVariables,
      forward(x, training) {
        const out = model.apply(x, { training });
        if (out instanceof tf.Tensor) return out;
        throw new LearnerOptionError('the model must have exactly one output tensor');
      },
    };
  }
  const variables = [...model.trainableVariables];
  if (variables.length === 0) throw new LearnerOptionError('the custom model has no trainableVariables');
  let groups: tf.Variable[][];
  if (spec === undefined) groups = [variables];
  else if (typeof spec === 'number') groups = splitEven(variables.map((v) => [v]), spec);
  else if (isNumberGroups(spec)) groups = spec.map((g) => g.map((i) => {
    const v = variables[i];
    if (v === undefined) throw new LearnerOptionError(`layerGroups names variable ${i}, but the custom model has ${variables.length}`);
    return v;
  }));
  else groups = spec.map((g) => [...g]);
  checkCover(variables, groups);
  return {
    layersModel: undefined,
    variables,
    groups,
    normVariables: new Set<string>(),
    forward: (x, training) => model.apply(x, { training }),
  };
}
