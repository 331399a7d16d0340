/**
 * Base class of every error thrown by `@onecycle/zoo`.
 *
 * @example
 * ```ts
 * try { buildModel(parseModelSpec(json), data); } catch (err) { if (err instanceof ZooError) console.error(err.message); }
 * ```
 */
export class ZooError extends Error {
  override readonly name: string = 'ZooError';
}

/**
 * A model was asked for with a bad name or option. The message names the option (as a path such
 * as `model.depth`), the value given and what is allowed.
 */
export class ModelOptionError extends ZooError {
  override readonly name = 'ModelOptionError' as const;
}

/** A model or layer got an input shape it cannot work with (e.g. LeNet on images under 12x12). */
export class ModelInputError extends ZooError {
  override readonly name = 'ModelInputError' as const;
}
