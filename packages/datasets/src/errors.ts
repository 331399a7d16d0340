/**
 * Base class of every error thrown by `@onecycle/datasets`: a dataset file that is missing,
 * unreadable or not what its format promises, or a bad argument to a loader or split. The message
 * starts with the file, folder or parameter concerned (`file`) and says what is wrong and what to do.
 *
 * @example
 * ```ts
 * try { await readIdxFile('train-images-idx3-ubyte.gz', 'images'); }
 * catch (err) { if (err instanceof DatasetError) console.error(err.file, err.message); }
 * ```
 */
export class DatasetError extends Error {
  override readonly name: string = 'DatasetError';
  /** The file, folder or parameter the problem is about. */
  readonly file: string;

  /**
   * @param file - the file, folder or parameter concerned
   * @param problem - what is wrong with it, and what to do when there is something to do
   * @param options - the underlying error, if any
   */
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.file = file;
  }
}

/** A dataset file, folder or package is not there or cannot be read; the message says how to get it. */
export class DatasetNotFoundError extends DatasetError {
  override readonly name = 'DatasetNotFoundError' as const;
}

/**
 * A file's size does not match what its header or format requires (fewer bytes: truncated; more:
 * trailing bytes), or its gzip stream is cut short — usually an interrupted download.
 */
export class TruncatedFileError extends DatasetError {
  override readonly name = 'TruncatedFileError' as const;
}

/** A file's magic number is not the one of the format asked for (e.g. an IDX labels file given as images). */
export class WrongMagicError extends DatasetError {
  override readonly name = 'WrongMagicError' as const;
}

/**
 * A file is complete but its content is invalid: a label outside the classes, a zero dimension,
 * images and labels files of different splits, JSON that is not a digits file.
 */
export class MalformedDatasetError extends DatasetError {
  override readonly name = 'MalformedDatasetError' as const;
}

/** An argument to a loader or a split is invalid; the message names it, the value and what is allowed. */
export class DatasetOptionError extends DatasetError {
  override readonly name = 'DatasetOptionError' as const;
}
