// Browser twin of writeFileAtomic.ts (see tools/build/tsup.ts): same exports; files need Node.
import type * as node from './writeFileAtomic';
import { AtomicWriteError } from './errors';

const needsNode = (what: string): AtomicWriteError =>
  new AtomicWriteError(`${what} needs Node's fs; in a browser keep data in memory, IndexedDB or a download instead`);

/** Not available in a browser: rejects with an AtomicWriteError. */
export const writeFileAtomic: typeof node.writeFileAtomic = async (path) => {
  throw needsNode(`writing ${JSON.stringify(path)}`);
};

/** Not available in a browser: rejects with an AtomicWriteError. */
export const writeJsonAtomic: typeof node.writeJsonAtomic = async (path) => {
  throw needsNode(`writing ${JSON.stringify(path)}`);
};

/** Not available in a browser: rejects with an AtomicWriteError. */
export const removeStaleTempFiles: typeof node.removeStaleTempFiles = async (dir) => {
  throw needsNode(`cleaning ${JSON.stringify(dir)}`);
};
