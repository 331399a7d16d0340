// Browser twin of measureText.ts (see tools/build/tsup.ts): in a page vega measures text with a
// canvas in the fonts the page really has, so toSvg leaves vega's measuring alone (replacing it
// would also change every chart vega-embed draws in the same page).
import type * as node from './measureText';

export { measureText } from './measureText';
export type { TextItemLike } from './measureText';

/**
 * Does nothing in a browser: vega's own canvas measuring is right there.
 * @param _vega - the imported `vega` module
 */
export const useDejaVuMetrics: typeof node.useDejaVuMetrics = () => undefined;
