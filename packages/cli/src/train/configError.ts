/**
 * A `train` config (run.json) is invalid. The message starts with the field path
 * (`optimizer.momentum`, `schedule.fit.useClrBeta[2]`, `model.depth`), then the value and what is allowed.
 *
 * @example
 * ```ts
 * throw new ConfigError('batchSize must be a positive whole number, got 0');
 * ```
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError' as const;

  /**
   * @param message - the field path, the value and what is allowed
   * @param options - the underlying error, if any
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
