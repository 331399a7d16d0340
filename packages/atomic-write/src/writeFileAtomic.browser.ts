import { AtomicWriteError } from './atomicWriteError';
import type * as node from './writeFileAtomic';

/** Browser twin of writeFileAtomic: there is no file system, so it rejects and says what to use instead. */
export const writeFileAtomic: typeof node.writeFileAtomic = (file) =>
  Promise.reject(new AtomicWriteError(`writeFileAtomic cannot write ${file} in a browser: it needs Node's file system (save to IndexedDB or offer a download instead)`));
