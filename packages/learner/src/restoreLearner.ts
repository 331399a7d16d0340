import { LayersModel } from '@tensorflow/tfjs-layers';
import { CheckpointError } from './errors';
import type { Learner } from './learner';
import type { LearnerOptions } from './learnerOptions';
import { adaptModel } from './modelAdapter';
import type { CustomModel } from './modelAdapter';
import { optimizerFromConfig } from './makeOptimizers';
import { restoreLayersModel, restoreWeights } from './savedLearner';
import type { LoadOptions, SavedLearner, SavedState } from './savedLearner';

/**
 * Builds a learner from a saved one: the model (rebuilt from its topology, or `opts.model`
 * refilled), the layer groups and optimizers as saved, their weights, then the rest of the state
 * through `apply` (the Learner's own members). Whatever was built is freed when a part does not fit.
 *
 * @param saved - what `learner.toSaved()` returned (or a checkpoint read back)
 * @param opts - data and what a checkpoint cannot hold
 * @param make - the Learner constructor (this module cannot import the class: it would be a cycle)
 * @param apply - puts the saved RNG, run position, recorder, frozen groups and LR finder result in place
 * @throws CheckpointError when the saved parts do not fit together or do not fit `opts.model`
 */
export async function restoreLearner(saved: SavedLearner, opts: LoadOptions, make: (o: LearnerOptions) => Learner, apply: (learner: Learner, state: SavedState) => void): Promise<Learner> {
  const { state } = saved;
  let model: LayersModel | CustomModel;
  let built: LayersModel | undefined;
  if (state.modelKind === 'layers') {
    if (saved.model === undefined) throw new CheckpointError('the checkpoint holds a LayersModel but no model/model.json');
    if (opts.model !== undefined && !(opts.model instanceof LayersModel)) {
      throw new CheckpointError('this checkpoint holds a LayersModel: pass a LayersModel of the same architecture as opts.model, or none');
    }
    model = await restoreLayersModel(saved.model, opts.model);
    if (opts.model === undefined) built = model;
  } else {
    if (opts.model === undefined) throw new CheckpointError('this checkpoint holds a custom model: pass the same model as opts.model to Learner.load');
    model = opts.model;
  }
  let learner: Learner | undefined;
  try {
    const all = adaptModel(model, undefined).variables;
    const layerGroups = state.groups.map((g, gi) => g.map((i) => {
      const v = all[i];
      if (v === undefined) throw new CheckpointError(`learner.json: layer group ${gi} names variable ${i}, but the model has ${all.length}: load it with the saved architecture`);
      return v;
    }));
    const pending = [...state.optimizers];
    learner = make({
      ...opts,
      model,
      seed: state.seed,
      ...(opts.loss !== undefined ? { loss: opts.loss } : state.lossName !== undefined ? { loss: state.lossName } : {}),
      metrics: opts.metrics ?? state.metricNames,
      optimizer: opts.optimizer ?? (() => {
        const s = pending.shift();
        if (s === undefined) throw new CheckpointError('learner.json has fewer optimizers than layer groups');
        return optimizerFromConfig(s.className, s.config);
      }),
      layerGroups,
    });
    await restoreWeights(saved, learner.variables, learner.optimizers);
    apply(learner, state);
    return learner;
  } catch (e) {
    learner?.dispose();
    built?.dispose();
    throw e;
  }
}
