// One build-settings factory for every package: ESM + CJS + .d.ts with sourcemaps, and for
// packages with Node-only modules a browser ESM build (dist/index.browser.js).
// Each package's tsup.config.ts imports this, calls it and exports the result.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

/** The browser build's output, next to the Node builds in `dist/`. */
const BROWSER_ENTRY = 'index.browser';

/** esbuild's plugin type, taken from tsup's options (esbuild is tsup's dependency, not ours). */
type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * An esbuild plugin that swaps Node-only modules for their browser twins: a relative import
 * `./x` from a file in `src/` resolves to `./x.browser.ts` when that file exists. A twin has the
 * same exports and signatures as its module (`import type * as node from './x'`, then each export
 * typed `typeof node.name`, so tsc keeps them equal), and the one `.d.ts` describes both builds.
 * A twin may import its own module for the parts that run anywhere.
 * @returns the plugin
 */
export function browserTwins(): EsbuildPlugin {
  return {
    name: 'onecycle-browser-twins',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point' || args.importer === '') return undefined;
        const target = resolve(dirname(args.importer), args.path).replace(/\.(ts|js)$/, '');
        const twin = `${target}.browser.ts`;
        // a twin importing its own module gets the module, not itself
        if (args.importer === twin || !existsSync(twin)) return undefined;
        return { path: twin };
      });
    },
  };
}

/**
 * Settings for the browser build of a package: `src/index.ts` bundled as one ESM file
 * `dist/index.browser.js` (platform 'browser', no `.d.ts`: the Node build's types describe it),
 * with each `src/x.ts` that has a `src/x.browser.ts` twin replaced by it ({@link browserTwins}).
 * Dependencies stay external; the app's bundler resolves them with the `browser` condition.
 * @returns tsup options, to list after {@link packageBuild}'s
 */
export function packageBrowserBuild(): Options {
  return {
    entry: { [BROWSER_ENTRY]: 'src/index.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    treeshake: true,
    splitting: false,
    target: 'es2022',
    platform: 'browser',
    outDir: 'dist',
    esbuildPlugins: [browserTwins()],
  };
}

/**
 * Settings for a package that also runs in a browser: {@link packageBuild}'s Node builds (which
 * leave `dist/index.browser.*` alone when cleaning, as both builds run at once) plus
 * {@link packageBrowserBuild}.
 * @param overrides - as for {@link packageBuild}
 * @returns the Node and browser build settings
 */
export function packageBuildWithBrowser(overrides: PackageBuildOverrides = {}): [Options, Options] {
  const lib: Options = { ...packageBuild(overrides), clean: [`!${BROWSER_ENTRY}.*`] };
  return [lib, packageBrowserBuild()];
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
