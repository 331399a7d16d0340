import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VizError } from './errors';

/** The three browser builds an offline chart page needs, in load order. */
const BUILDS = [
  { pkg: 'vega', file: 'vega.min.js' },
  { pkg: 'vega-lite', file: 'vega-lite.min.js' },
  { pkg: 'vega-embed', file: 'vega-embed.min.js' },
] as const;

/**
 * Paths of the vega, vega-lite and vega-embed minified UMD builds in node_modules (found with
 * `require.resolve`, so they are the versions this package depends on). Node only: in a browser
 * build it throws a VizError.
 * @returns absolute paths, in the order to load them.
 */
export function vendorScriptPaths(): string[] {
  const req = createRequire(import.meta.url);
  return BUILDS.map(({ pkg, file }) => {
    // Each package's entry lives in its build/ folder, next to the UMD build.
    const entry = req.resolve(pkg);
    return join(dirname(entry), file);
  });
}

let cache: string[] | undefined;

/**
 * The text of the vega, vega-lite and vega-embed builds, made safe to inline in `<script>`.
 * @returns script texts, in load order.
 */
export function vendorScripts(): string[] {
  if (cache !== undefined) return cache;
  cache = vendorScriptPaths().map((p) => {
    try {
      return readFileSync(p, 'utf8').replace(/<\/script/gi, '<\\/script');
    } catch (err) {
      throw new VizError(`cannot read the browser build ${p} (is the vega package installed?)`, { cause: err });
    }
  });
  return cache;
}
