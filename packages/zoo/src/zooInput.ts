import { ModelInputError, ModelOptionError } from './errors';

/** What every zoo model needs to know about the data. */
export interface ZooInput {
  /** Shape of one sample: `[features]` or `[height, width, channels]`. */
  inputShape: readonly number[];
  /** Number of classes (units of the softmax output). */
  numClasses: number;
  /** Seed of the kernel initializers; random weights when absent. */
  seed?: number;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/**
 * Checks the data description every model builder receives, so a bad shape fails with the
 * option's name rather than deep inside tfjs.
 *
 * @param model - the model's name, for messages
 * @throws ModelInputError for an empty shape or a size that is not a positive whole number
 * @throws ModelOptionError for a class count below 1 or a seed that is not a whole number
 */
export function checkZooInput(data: ZooInput, model: string): void {
  if (!Array.isArray(data.inputShape) || data.inputShape.length === 0 || !data.inputShape.every(isCount)) {
    throw new ModelInputError(`inputShape of model ${model} must be a non-empty list of positive whole numbers ([features] or [height, width, channels]), got ${JSON.stringify(data.inputShape)}`);
  }
  if (!isCount(data.numClasses)) {
    throw new ModelOptionError(`numClasses of model ${model} must be a positive whole number (units of the softmax output), got ${JSON.stringify(data.numClasses)}`);
  }
  if (data.seed !== undefined && !(Number.isSafeInteger(data.seed) && data.seed >= 0)) {
    throw new ModelOptionError(`seed of model ${model} must be a non-negative whole number (layer i is seeded seed * 1000 + i + 1), got ${JSON.stringify(data.seed)}`);
  }
}
