/**
 * A small seedable pseudo-random generator (mulberry32, Tommy Ettinger's 32-bit generator) whose
 * whole state is one integer, so it can be saved with a checkpoint and restored exactly.
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
    this.#state = SeededRng.toUint32(seed);
  }

  private static toUint32(seed: number): number {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    return Math.trunc(seed) >>> 0;
  }

  /** The generator's state (an unsigned 32-bit integer); assign it to resume the same sequence. */
  get state(): number {
    return this.#state;
  }

  set state(value: number) {
    this.#state = SeededRng.toUint32(value);
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
   * A uniformly random permutation of `0 … n-1` (Fisher–Yates).
   *
   * @param n - length of the permutation
   * @returns the indices in shuffled order
   */
  permutation(n: number): Int32Array {
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
