// One test-settings factory for every package, as tools/build/tsup.ts is for builds.
import { defineConfig } from 'vitest/config';

/**
 * Vitest settings for a `@onecycle/*` package: tests in `src/**\/*.test.ts`, each file in its own
 * forked process (tfjs keeps global state per process), generous timeouts for the pure-JS backend.
 */
export function packageTest(): ReturnType<typeof defineConfig> {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      pool: 'forks',
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  });
}
