import { expect } from 'vitest';

/** Asserts |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
export function expectClose(actual: number | undefined, expected: number, rel = 1e-9, label = ''): void {
  expect(actual, label).toBeTypeOf('number');
  const a = actual ?? NaN;
  const tol = rel * Math.max(Math.abs(expected), expected === 0 ? 1 : 0);
  if (!(Math.abs(a - expected) <= tol)) {
    expect.fail(`${label}: expected ${expected}, got ${a} (relative error ${Math.abs(a - expected) / Math.abs(expected)})`);
  }
}
