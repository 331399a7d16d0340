import type { Callback } from '@onecycle/callbacks';
import { startDashboard } from '@onecycle/viz';
import type { TextSink } from '../cli/cliCommand';
import type { FlagSpec } from '../cli/parseFlags';
import { parseNumber } from '../cli/parseFlags';
import { UsageError } from '../errors';

/** The flags a training command takes to show its run live in a browser. */
export const DASHBOARD_FLAGS: Record<string, FlagSpec> = {
  dashboard: { type: 'boolean' },
  port: { type: 'string' },
  'keep-open': { type: 'boolean' },
};

/** Usage text of {@link DASHBOARD_FLAGS}. */
export const DASHBOARD_USAGE = '[--dashboard [--port N] [--keep-open]]';

const HELP_LINES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['--dashboard', ['watch the run live in a browser: a page on 127.0.0.1 (its URL is printed) with', 'LR + momentum (the plan ahead), training loss, and validation per epoch']],
  ['--port <N>', ['port of the dashboard. Default: a free one']],
  ['--keep-open', ['keep serving the dashboard after the run, until Ctrl-C']],
];

/**
 * Help lines of {@link DASHBOARD_FLAGS}, aligned with a command's other options.
 * @param column - where the descriptions start in that command's help
 * @returns the lines, joined
 */
export function dashboardHelp(column: number): string {
  return HELP_LINES.flatMap(([flag, text]) => text.map((t, i) => `  ${(i === 0 ? flag : '').padEnd(column - 2)}${t}`)).join('\n');
}

/** A dashboard started for one command run. */
export interface CommandDashboard {
  /** The callbacks that feed it, for the Learner's fit. */
  callbacks: Callback[];
  /** After the run: stops the server, or with --keep-open waits for Ctrl-C first. */
  finish(): Promise<void>;
  /** After a failed run: stops the server at once. */
  close(): Promise<void>;
}

/** What the dashboard flags asked for. */
export interface DashboardRequest {
  /** Port on 127.0.0.1; 0 for a free one. */
  port: number;
  /** Serve on after the run until Ctrl-C. */
  keepOpen: boolean;
}

/**
 * Reads the dashboard flags, before anything runs.
 * @param values - the parsed flags
 * @returns what was asked for, or undefined without `--dashboard`
 * @throws UsageError for `--port` or `--keep-open` without `--dashboard`, or a bad port
 */
export function parseDashboardFlags(values: Map<string, string | true>): DashboardRequest | undefined {
  const portArg = values.get('port');
  const keepOpen = values.get('keep-open') === true;
  if (values.get('dashboard') !== true) {
    if (portArg !== undefined || keepOpen) throw new UsageError(`--${portArg !== undefined ? 'port' : 'keep-open'} is an option of --dashboard: add --dashboard`);
    return undefined;
  }
  let port = 0;
  if (typeof portArg === 'string') {
    port = parseNumber('port', portArg);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number in [0, 65535], got '${portArg}' (0 picks a free port)`);
  }
  return { port, keepOpen };
}

/**
 * Starts the dashboard (it prints its URL to `stdout`) when one was asked for.
 * @param request - from {@link parseDashboardFlags}
 * @param stdout - where the URL and notes go
 * @param title - the page's title
 * @returns the dashboard, or undefined when none was asked for
 */
export async function startCommandDashboard(request: DashboardRequest | undefined, stdout: TextSink, title: string): Promise<CommandDashboard | undefined> {
  if (request === undefined) return undefined;
  // the command decides when to stop (a command may run several fits), so the server is kept open here
  const dash = await startDashboard({ port: request.port, keepOpen: true, title, log: (line) => stdout.write(`${line}\n`) });
  return {
    callbacks: [dash.callback],
    async finish() {
      if (request.keepOpen) {
        stdout.write(`dashboard: still serving ${dash.url}; press Ctrl-C to stop\n`);
        const stop = (): void => void dash.close();
        process.once('SIGINT', stop);
        await dash.closed;
        process.off('SIGINT', stop);
        return;
      }
      await dash.close();
    },
    close: () => dash.close(),
  };
}
