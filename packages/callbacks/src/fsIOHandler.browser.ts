// Browser twin of fsIOHandler.ts (see tools/build/tsup.ts): same exports, but files need Node.
import type * as node from './fsIOHandler';
import { CallbackOptionError } from './errors';

const INSTEAD = "in a browser save with tf.io's 'indexeddb://name', 'localstorage://name' or 'downloads://name' URLs (e.g. SaveBestModel({ handler: 'indexeddb://best' }))";

/**
 * Not available in a browser: `fsIOHandler` reads and writes a folder with Node's `fs`.
 * @param dir - the folder that was asked for
 * @returns never; throws a CallbackOptionError that names tf.io's browser URLs instead
 * @example
 * ```ts
 * await model.save('indexeddb://best'); // instead of fsIOHandler('out/best') in a browser
 * ```
 */
export const fsIOHandler: typeof node.fsIOHandler = (dir) => {
  throw new CallbackOptionError(`fsIOHandler(${JSON.stringify(dir)}) writes files and needs Node; ${INSTEAD}`);
};

