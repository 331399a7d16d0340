/** The npm name of this package. */
export const packageName = '@onecycle/atomic-write';

export { AtomicWriteError } from './atomicWriteError';
export { writeFileAtomic } from './writeFileAtomic';
export { writeJsonAtomic } from './writeJsonAtomic';
