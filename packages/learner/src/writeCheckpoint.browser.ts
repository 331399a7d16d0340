// Browser twin of writeCheckpoint.ts (see tools/build/tsup.ts): a checkpoint directory needs Node's fs.
import type * as node from './writeCheckpoint';
import { CheckpointError } from './errors';

/**
 * Not available in a browser: `learner.save` writes a directory of files.
 * @param dir - the directory that was asked for
 * @returns never; rejects with a CheckpointError that names the browser alternative
 */
export const writeCheckpoint: typeof node.writeCheckpoint = async (_saved, dir) => {
  throw new CheckpointError(
    `learner.save(${JSON.stringify(dir)}) writes files and works in Node only; in a browser save the model's weights with model.save('indexeddb://name') (or 'localstorage://name', 'downloads://name'), or keep learner.toSaved() yourself`,
  );
};

/**
 * Not available in a browser: `Learner.load` reads a directory of files.
 * @param dir - the directory that was asked for
 * @returns never; rejects with a CheckpointError that names the browser alternative
 */
export const readCheckpoint: typeof node.readCheckpoint = async (dir) => {
  throw new CheckpointError(
    `Learner.load(${JSON.stringify(dir)}) reads files and works in Node only; in a browser load the model with tf.loadLayersModel('indexeddb://name') and pass it as new Learner({ model, … }), or pass a kept learner.toSaved() to Learner.restore`,
  );
};
