import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** The toy runner module of these tests. */
export const TOY_RUNNER = path.join(import.meta.dirname, 'fixtures', 'toyRunner.mjs');

/**
 * Registers a fresh temp folder per test, removed after it.
 * @returns an object whose `dir` is the current test's folder
 */
export function useTempDir(): { readonly dir: string } {
  let current: string | undefined;
  beforeEach(() => {
    current = mkdtempSync(path.join(os.tmpdir(), 'onecycle-sweep-test-'));
  });
  afterEach(() => {
    if (current !== undefined) rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  return {
    get dir() {
      if (current === undefined) throw new Error('useTempDir: read dir inside a test');
      return current;
    },
  };
}

/**
 * results.json without what may differ between two identical sweeps: each run's timing (seconds, worker).
 * @param file - the results.json path
 * @returns the parsed results with `timing` removed
 */
export function resultsWithoutTiming(file: string): unknown {
  const results: { runs: Array<Record<string, unknown>> } = JSON.parse(readFileSync(file, 'utf8'));
  for (const run of results.runs) delete run['timing'];
  return results;
}
