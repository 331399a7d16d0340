/**
 * A model of the zoo was asked for with a bad name or option. The message names the option
 * (as a path such as `model.depth`), the value given and what is allowed.
 *
 * @example
 * ```ts
 * throw new ZooError('model.depth must be 6n+2 (8, 14, 20, …, 56, 110), got 10');
 * ```
 */
export class ZooError extends Error {
  override readonly name = 'ZooError' as const;

  /**
   * @param message - what was wrong, naming the option and the value
   * @param options - the underlying error, if any
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
