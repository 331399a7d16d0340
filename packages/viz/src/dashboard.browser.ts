// Browser twin of dashboard.ts (see tools/build/tsup.ts): a page cannot run an HTTP server.
import type * as node from './dashboard';
import { VizError } from './errors';

export type { Dashboard, DashboardOptions } from './dashboard';

/**
 * Not available in a browser: the dashboard is an HTTP server for Node runs.
 * @returns never; rejects with a VizError that names the browser alternative
 */
export const startDashboard: typeof node.startDashboard = async () => {
  throw new VizError(
    'startDashboard serves a page over HTTP and needs Node; in a browser draw the same charts in the page: liveCharts(element) as a training callback',
  );
};
