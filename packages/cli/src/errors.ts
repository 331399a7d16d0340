/**
 * Bad command-line usage: an unknown command, option or kind, a missing or malformed value, an
 * unreadable input file, an output path in a missing folder. `runCli` prints the message and the
 * command's usage line to stderr and exits with status 2.
 *
 * @example
 * ```ts
 * throw new UsageError("--lr must be a number, got 'fast'");
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError' as const;

  /**
   * @param message - what was wrong, naming the option and the value
   * @param options - the underlying error, if any
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

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
