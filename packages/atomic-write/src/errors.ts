/**
 * The error `@onecycle/atomic-write` throws: bad arguments, or a write that failed (its `cause`
 * is the file system's error). The target file is then untouched.
 */
export class AtomicWriteError extends Error {
  /** Always `'AtomicWriteError'`. */
  override readonly name = 'AtomicWriteError' as const;
}
