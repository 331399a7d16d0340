import { ScheduleError } from './errors';

/**
 * The project's one seeded pseudo-random generator: mulberry32 (Tommy Ettinger's 32-bit
 * generator), whose whole state is one integer, so it can be saved with a checkpoint and
 * restored exactly. Data splits, shuffles, augmentation and the LR finder all draw from it, so a
 * seed means the same thing everywhere.
 *
 * @example
 * ```ts
 * const rng = new SeededRng(42);
 * const order = rng.permutation(10);
 * const saved = rng.state;            // later: new SeededRng(0).state = saved
 * ```
 */
export class SeededRng {
  #state: number;

  /** @param seed - any finite number; it is reduced to an unsigned 32-bit integer */
  constructor(seed: number) {
    this.#state = toUint32(seed, 'seed');
  }

  /** The generator's state (an unsigned 32-bit integer); assign it to resume the same sequence. */
  get state(): number {
    return this.#state;
  }

  set state(value: number) {
    this.#state = toUint32(value, 'state');
  }

  /** @returns a uniform float in [0, 1) */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * A uniformly random permutation of `0 … n-1` (Fisher–Yates, drawing from the last index down).
   *
   * @param n - length of the permutation, a non-negative integer below 2^31 (an Int32Array, so tfjs takes it as int32 indices)
   * @returns the indices in shuffled order
   */
  permutation(n: number): Int32Array {
    if (!Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new ScheduleError(`n must be a non-negative integer, got ${String(n)}: it is the length of the permutation (at most 2^31 - 1)`);
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] ?? 0;
      out[i] = out[j] ?? 0;
      out[j] = tmp;
    }
    return out;
  }
}

function toUint32(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ScheduleError(`${name} must be a finite number, got ${typeof value === 'number' ? String(value) : typeof value}`);
  }
  return Math.trunc(value) >>> 0;
}

/**
 * mulberry32 as a plain function: floats in [0, 1) from a seed, the same sequence as
 * `new SeededRng(seed).next()`.
 *
 * @param seed - any finite number.
 */
export function mulberry32(seed: number): () => number {
  const rng = new SeededRng(seed);
  return () => rng.next();
}

/**
 * A seeded Fisher–Yates permutation of `0 … n-1`: the same seed gives the same order.
 *
 * @param n - length.
 * @param seed - any finite number.
 */
export function seededPermutation(n: number, seed: number): Int32Array {
  return new SeededRng(seed).permutation(n);
}
