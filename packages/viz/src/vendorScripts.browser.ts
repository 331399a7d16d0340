// Browser twin of vendorScripts.ts (see tools/build/tsup.ts): node_modules cannot be read from a page.
import type * as node from './vendorScripts';
import { VizError } from './errors';

/**
 * Not available in a browser: the vega builds are found in node_modules.
 * @returns never; throws a VizError that names the browser alternative
 */
export const vendorScriptPaths: typeof node.vendorScriptPaths = () => {
  throw new VizError(
    'vendorScriptPaths finds the vega, vega-lite and vega-embed builds in node_modules and needs Node; in a browser import them through your bundler',
  );
};

/**
 * Not available in a browser: `toHtml` inlines the vega builds read from node_modules.
 * @returns never; throws a VizError that names the browser alternative
 */
export const vendorScripts: typeof node.vendorScripts = () => {
  throw new VizError(
    'toHtml inlines the vega builds from node_modules and needs Node; in a browser embed the spec: vegaEmbed(element, spec)',
  );
};
