/**
 * mulberry32: a small seeded PRNG giving floats in [0, 1).
 *
 * @param seed - any integer.
 * @returns the generator.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded Fisher-Yates permutation of `0..n-1`.
 *
 * @param n - length.
 * @param seed - seed; the same seed gives the same order.
 * @returns the permutation.
 */
export function seededPermutation(n: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i] ?? i;
    p[i] = p[j] ?? j;
    p[j] = t;
  }
  return p;
}
