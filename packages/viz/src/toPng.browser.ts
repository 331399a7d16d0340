// Browser twin of toPng.ts (see tools/build/tsup.ts): the native rasteriser needs Node.
import type * as node from './toPng';
import { VizError } from './errors';

export type { ToPngOptions } from './toPng';

/**
 * Not available in a browser: `toPng` rasterises with the native `@resvg/resvg-js`.
 * @returns never; rejects with a VizError that names the browser alternative
 * @example
 * ```ts
 * const { view } = await vegaEmbed('#chart', spec); const url = await view.toImageURL('png', 2);
 * ```
 */
export const toPng: typeof node.toPng = async () => {
  throw new VizError(
    "toPng rasterises with the native @resvg/resvg-js and needs Node; in a browser embed the spec with vegaEmbed(element, spec) and call view.toImageURL('png', 2), or use toSvg(spec)",
  );
};
