import { mulberry32 as coreMulberry32, seededPermutation as corePermutation } from '@onecycle/core-schedules';

/**
 * mulberry32: a small seeded PRNG giving floats in [0, 1).
 * @deprecated use `mulberry32` (or `SeededRng`) from `@onecycle/core-schedules`, the project's one seeded RNG; this is the same generator.
 * @param seed - any integer.
 * @returns the generator.
 */
export function mulberry32(seed: number): () => number {
  return coreMulberry32(seed);
}

/**
 * A seeded Fisher-Yates permutation of `0..n-1`, as a plain array.
 * @deprecated use `seededPermutation` (or `SeededRng.permutation`) from `@onecycle/core-schedules`; the same order, as a Uint32Array.
 * @param n - length.
 * @param seed - seed; the same seed gives the same order.
 * @returns the permutation.
 */
export function seededPermutation(n: number, seed: number): number[] {
  return Array.from(corePermutation(n, seed));
}
