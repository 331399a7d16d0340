/**
 * An atomic write cannot be done here: in a browser build there is no file system to write to.
 * @example
 * ```ts
 * throw new AtomicWriteError('writeFileAtomic needs Node's file system');
 * ```
 */
export class AtomicWriteError extends Error {
  override readonly name: string = 'AtomicWriteError';
}
