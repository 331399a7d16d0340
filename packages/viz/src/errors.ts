/**
 * The error every `@onecycle/viz` function throws for bad input or a file it cannot write.
 * The message names the parameter (or path), the value and what is allowed.
 */
export class VizError extends Error {
  override readonly name = 'VizError' as const;

  /**
   * @param message - what was wrong and what to do.
   * @param options - standard `ErrorOptions` (`cause`).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
