// One build-settings factory for every package: ESM + CJS + .d.ts with sourcemaps.
// Each package's tsup.config.ts imports this, calls it and exports the result.
import type { Options } from 'tsup';

/** What a package may change from the shared settings. */
export interface PackageBuildOverrides {
  /** Entry points. @default ['src/index.ts'] */
  entry?: string[] | Record<string, string>;
  /** Text put before each output file, e.g. a shebang for a bin. */
  banner?: { js: string };
  /** esbuild platform. @default 'neutral' */
  platform?: 'node' | 'neutral';
}

/**
 * Settings for a package with a command: the library build plus an ESM-only executable built
 * from `binEntry` with a `#!/usr/bin/env node` shebang.
 */
export function packageBuildWithBin(binEntry: string, overrides: PackageBuildOverrides = {}): Options[] {
  const lib = packageBuild({ ...overrides, platform: 'node' });
  const bin: Options = {
    ...packageBuild({ entry: [binEntry], platform: 'node', banner: { js: '#!/usr/bin/env node' } }),
    format: ['esm'],
    dts: false,
    clean: false,
  };
  return [lib, bin];
}

/**
 * Build settings for a `@onecycle/*` package: ESM (`.js`) and CJS (`.cjs`) with `.d.ts`/`.d.cts`
 * and sourcemaps into `dist/`; dependencies and peer dependencies stay external.
 */
export function packageBuild(overrides: PackageBuildOverrides = {}): Options {
  const options: Options = {
    entry: overrides.entry ?? ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: false,
    target: 'node20',
    platform: overrides.platform ?? 'neutral',
    outDir: 'dist',
  };
  if (overrides.banner !== undefined) options.banner = overrides.banner;
  return options;
}
