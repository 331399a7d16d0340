// Browser twin of checkpoint.ts (see tools/build/tsup.ts): a learner directory needs Node's fs.
import type * as node from './checkpoint';
import { CheckpointError } from './errors';

export type { LoadOptions, RunState, SavedOptimizer, SavedState } from './checkpoint';

/**
 * Not available in a browser: `learner.save` writes a directory of files.
 * @param _learner - the learner
 * @param dir - the directory that was asked for
 * @returns never; rejects with a CheckpointError that names the browser alternative
 */
export const saveLearner: typeof node.saveLearner = async (_learner, dir) => {
  throw new CheckpointError(
    `learner.save(${JSON.stringify(dir)}) writes files and works in Node only; in a browser save the model's weights with model.save('indexeddb://name') (or 'localstorage://name', 'downloads://name'); optimizer state and the run position cannot be saved there`,
  );
};

/**
 * Not available in a browser: `Learner.load` reads a directory of files.
 * @param dir - the directory that was asked for
 * @returns never; rejects with a CheckpointError that names the browser alternative
 */
export const loadLearner: typeof node.loadLearner = async (dir) => {
  throw new CheckpointError(
    `Learner.load(${JSON.stringify(dir)}) reads files and works in Node only; in a browser load the model with tf.loadLayersModel('indexeddb://name') and pass it as new Learner({ model, … })`,
  );
};
