import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DASHBOARD_EVENTS_ROUTE, DASHBOARD_VENDOR_ROUTES, dashboardPage } from './dashboardPage';
import { LiveFeed } from './liveFeed';
import type { LiveFeedOptions } from './liveFeed';
import { liveSpecs } from './liveSpecs';
import type { LiveSpecOptions } from './liveSpecs';
import type { LiveBatchRow, LiveCallback, LiveEpochRow, LiveRows, LiveRunInfo, LiveSink } from './liveCallback';
import { Throttle } from './throttle';
import { vendorScriptPaths } from './vendorScripts';
import { VizError } from './errors';

/** Options of {@link startDashboard}. */
export interface DashboardOptions extends LiveFeedOptions, LiveSpecOptions {
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Keep serving after the run ends (until `close()`); otherwise the server stops when the run ends. @default false */
  keepOpen?: boolean;
  /** Page title and heading. @default 'onecycle: training' */
  title?: string;
  /** Shortest time between two updates sent to the browsers, in milliseconds. @default 100 */
  throttleMs?: number;
  /** Where the URL is printed; `null` prints nothing. @default console.log */
  log?: ((line: string) => void) | null;
}

/** A running dashboard, as {@link startDashboard} returns it. */
export interface Dashboard {
  /** The page's address, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The callback that feeds it: add it to a Learner's fit, a `CallbackBus` or `toTfjsCallback`'s bus. */
  readonly callback: LiveCallback;
  /** Settles once the server has stopped (after the run, or after {@link Dashboard.close}). */
  readonly closed: Promise<void>;
  /** @returns how many browsers are watching now */
  viewers(): number;
  /** Stops the server; open pages get the end of the stream first. */
  close(): Promise<void>;
}

/** The state of the run shown, kept so a page opened mid-run first gets the history. */
interface RunHistory {
  info: LiveRunInfo | undefined;
  batches: LiveBatchRow[];
  epochs: LiveEpochRow[];
  ended: boolean;
}

const sse = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Fans the run out to every open page over Server-Sent Events, throttled. */
class SseSink implements LiveSink {
  readonly history: RunHistory = { info: undefined, batches: [], epochs: [], ended: false };
  readonly clients = new Set<ServerResponse>();
  readonly throttle: Throttle;
  private sent = { batches: 0, epochs: 0 };
  private readonly specOpts: LiveSpecOptions;
  private readonly onEnd: () => void;

  constructor(opts: DashboardOptions, onEnd: () => void) {
    this.specOpts = { ...(opts.width === undefined ? {} : { width: opts.width }), ...(opts.height === undefined ? {} : { height: opts.height }) };
    this.throttle = new Throttle(() => this.send(), opts.throttleMs ?? 100);
    this.onEnd = onEnd;
  }

  begin(info: LiveRunInfo): void {
    this.throttle.cancel();
    Object.assign(this.history, { info, batches: [], epochs: [], ended: false });
    this.sent = { batches: 0, epochs: 0 };
    this.broadcast(this.beginEvent(info));
  }

  batch(row: LiveBatchRow): void {
    this.history.batches.push(row);
    this.throttle.request();
  }

  epoch(rows: LiveEpochRow[]): void {
    if (rows.length === 0) return;
    this.history.epochs.push(...rows);
    this.throttle.request();
  }

  async end(): Promise<void> {
    await this.throttle.flush();
    this.history.ended = true;
    this.broadcast(sse('end', {}));
    this.onEnd();
  }

  /** A new page: the run so far as one update, then the live updates. */
  join(res: ServerResponse): void {
    const h = this.history;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': onecycle dashboard\n\n');
    if (h.info !== undefined) {
      res.write(this.beginEvent(h.info));
      const rows: LiveRows = { batches: h.batches.slice(0, this.sent.batches), epochs: h.epochs.slice(0, this.sent.epochs) };
      res.write(sse('rows', rows));
    }
    if (h.ended) res.write(sse('end', {}));
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  private beginEvent(info: LiveRunInfo): string {
    return sse('begin', { specs: liveSpecs(info, this.specOpts) });
  }

  private send(): void {
    const h = this.history;
    const rows: LiveRows = { batches: h.batches.slice(this.sent.batches), epochs: h.epochs.slice(this.sent.epochs) };
    this.sent = { batches: h.batches.length, epochs: h.epochs.length };
    if (rows.batches.length > 0 || rows.epochs.length > 0) this.broadcast(sse('rows', rows));
  }

  private broadcast(text: string): void {
    for (const res of this.clients) res.write(text);
  }
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new VizError(`port must be an integer in [0, 65535], got ${String(port)}: 0 picks a free port`);
  }
  return port;
}

/**
 * Starts a local dashboard for a Node training run: a small HTTP server on 127.0.0.1 serving one
 * self-contained page (vega, vega-lite and vega-embed come from this package's dependencies,
 * nothing from the network) with the same live charts as `liveCharts` — learning rate and
 * momentum with the planned schedule ahead, training loss raw and smoothed, validation loss and
 * metrics per epoch — fed by Server-Sent Events, like TensorBoard's scalars but without leaving
 * the run's process. A page opened mid-run first gets the history; several pages may watch at
 * once. The server stops when the run ends unless `keepOpen`. Node only: the browser build
 * throws a VizError.
 * @param opts - see {@link DashboardOptions}
 * @returns the running dashboard, once it listens
 * @example
 * ```ts
 * const dash = await startDashboard(); // prints http://127.0.0.1:<port>/
 * await learn.fitOneCycle(5, 1e-2, { callbacks: [dash.callback] });
 * ```
 */
export async function startDashboard(opts: DashboardOptions = {}): Promise<Dashboard> {
  const port = checkPort(opts.port ?? 0);
  const page = dashboardPage(opts.title ?? 'onecycle: training');
  const files = vendorScriptPaths();
  const vendor = new Map<string, string>(DASHBOARD_VENDOR_ROUTES.map((route, i) => [route, files[i] ?? '']));
  let closing: Promise<void> | undefined;
  const sink: SseSink = new SseSink(opts, () => {
    if (opts.keepOpen !== true) void close();
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' }).end('only GET');
      return;
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
      return;
    }
    if (path === DASHBOARD_EVENTS_ROUTE) {
      if (closing !== undefined) res.writeHead(503).end();
      else sink.join(res);
      return;
    }
    const file = vendor.get(path);
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  function close(): Promise<void> {
    closing ??= (async () => {
      await sink.throttle.flush().catch(() => undefined);
      // 'close' tells a page to close its EventSource instead of reconnecting to a stopped server
      for (const res of sink.clients) res.end(sse('close', {}));
      server.close();
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(new VizError(`the dashboard cannot listen on 127.0.0.1:${port} (${err.code ?? err.message}): pick another port, or 0 for a free one`, { cause: err }));
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://127.0.0.1:${actual}/`;
  const log = opts.log === undefined ? console.log : opts.log;
  log?.(`dashboard: ${url}`);
  return {
    url,
    port: actual,
    callback: new LiveFeed(sink, opts),
    closed,
    viewers: () => sink.clients.size,
    close,
  };
}
