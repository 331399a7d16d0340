/**
 * The error every `@onecycle/lr-finder` function throws for bad input or a failed range test.
 * Messages name the parameter, the value and what is allowed.
 *
 * @example
 * ```ts
 * try { await findLr({ model, x, y }, { startLr: 1, endLr: 0.1 }); }
 * catch (e) { if (e instanceof LrFinderError) console.error(e.message); }
 * ```
 */
export class LrFinderError extends Error {
  /** Literal class name, stable across bundlers. */
  override readonly name = 'LrFinderError' as const;

  /**
   * @param message - what was wrong and what is allowed.
   * @param options - optional `cause`.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
