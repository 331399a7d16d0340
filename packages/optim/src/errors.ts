/** Base class of every error thrown by `@onecycle/optim`. */
export class OptimError extends Error {
  override readonly name: string = 'OptimError';
}

/** An optimizer option or argument had a value that is not allowed; the message names it, its value and what is allowed. */
export class OptimOptionError extends OptimError {
  override readonly name = 'OptimOptionError' as const;
}

/** `hyperParams` was given an optimizer or a hyper-parameter it cannot drive. */
export class HyperParamError extends OptimError {
  override readonly name = 'HyperParamError' as const;
}
