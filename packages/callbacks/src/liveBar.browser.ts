// Browser twin of liveBar.ts (see tools/build/tsup.ts): cli-progress draws on a Node terminal
// stream and needs Node's readline and events, so a browser has no live bar.
import type * as node from './liveBar';
import { CallbackOptionError } from './errors';

export type { LiveBar } from './liveBar';

/**
 * Not available in a browser: a live bar draws on a Node terminal.
 * @returns never; throws a CallbackOptionError
 */
export const createLiveBar: typeof node.createLiveBar = () => {
  throw new CallbackOptionError(
    'ProgressBar live: true draws a cli-progress bar on a Node terminal and needs Node; in a browser use live: false (rows go to opts.stream or console.log)',
  );
};
