/**
 * Arithmetic mean.
 * @returns the mean, or null for no values
 */
export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Sample standard deviation (n − 1 in the denominator, as the ± figures in Smith's tables).
 * @returns the deviation; 0 for one value, null for none
 */
export function sampleStd(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null) return null;
  if (xs.length < 2) return 0;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}
