/**
 * A dataset file that is missing, unreadable or not what its format promises (wrong magic number,
 * wrong size, truncated, bad labels). The message names the file and what is wrong.
 *
 * @example
 * ```ts
 * try { await readIdxFile('train-images-idx3-ubyte.gz', 'images'); }
 * catch (err) { if (err instanceof DatasetError) console.error(err.file, err.message); }
 * ```
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError' as const;
  /** The file or folder the problem is about. */
  readonly file: string;

  /**
   * @param file - the file or folder concerned
   * @param problem - what is wrong with it, and what to do when there is something to do
   * @param options - the underlying error, if any
   */
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.file = file;
  }
}
