/** What every zoo model needs to know about the data. */
export interface ZooInput {
  /** Shape of one sample: `[features]` or `[height, width, channels]`. */
  inputShape: readonly number[];
  /** Number of classes (units of the softmax output). */
  numClasses: number;
  /** Seed of the kernel initializers; random weights when absent. */
  seed?: number;
}
