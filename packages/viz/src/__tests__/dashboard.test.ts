// The dashboard server in Node, driven by hand-made bus events (the Chromium test with a real
// training run is in the learner package): routes, the event stream with history catch-up for a
// late viewer, several viewers, the end of the run, keepOpen and the typed errors.
import { request } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startDashboard } from '../index';
import type { Dashboard, LiveTrainState } from '../index';
import { oneCycle } from './fixtures';

function state(patch: Partial<LiveTrainState>): LiveTrainState {
  return { epoch: 0, iteration: 0, numIterations: 6, lastLoss: undefined, smoothLoss: undefined, validLoss: undefined, metrics: {}, hyper: { lr: 0.1, mom: 0.9 }, ...patch };
}

/** GET `path`: status, content type and body (the body of an event stream is read until it ends). */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An open event stream: the events received so far, parsed. */
interface Stream { events: Array<{ event: string; data: unknown }>; ended: Promise<void> }

function listen(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { events: [], ended: Promise.resolve() };
    const req = request(new URL('/events', url), { agent: false }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      stream.ended = new Promise((r) => res.on('end', () => r()));
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith(':')) continue; // an SSE comment
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
          const data: unknown = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
          stream.events.push({ event, data });
        }
      });
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Waits (bounded) until `check` holds, letting the server's timers and sockets run. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Rows carried by a stream's `rows` events. */
function rowsOf(s: Stream): { batches: Array<{ iteration: number }>; epochs: unknown[] } {
  const out = { batches: [] as Array<{ iteration: number }>, epochs: [] as unknown[] };
  for (const e of s.events) {
    if (e.event !== 'rows') continue;
    const d = e.data as typeof out;
    out.batches.push(...d.batches);
    out.epochs.push(...d.epochs);
  }
  return out;
}

async function batches(dash: Dashboard, from: number, to: number): Promise<void> {
  const ctx = {};
  for (let i = from; i < to; i++) {
    dash.callback.onBatchBegin(state({ iteration: i }), ctx);
    dash.callback.onBatchEnd(state({ iteration: i, lastLoss: 1 / (i + 1), smoothLoss: 1 }));
  }
}

describe('startDashboard (Node)', () => {
  it('serves one offline page and the vega builds, refuses other paths and methods', async () => {
    const dash = await startDashboard({ log: null, keepOpen: true, title: 'a <run>' });
    try {
      const page = await get(dash.url, '/');
      expect(page.status).toBe(200);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.body).toContain('<title>a &lt;run&gt;</title>');
      // everything it loads is on this server
      expect(page.body.match(/(?:src|href)="[^"]*"/g)).toEqual(['src="/vendor/vega.min.js"', 'src="/vendor/vega-lite.min.js"', 'src="/vendor/vega-embed.min.js"']);
      const vega = await get(dash.url, '/vendor/vega-embed.min.js');
      expect(vega.status).toBe(200);
      expect(vega.body.length).toBeGreaterThan(10_000);
      expect((await get(dash.url, '/etc/passwd')).status).toBe(404);
      expect((await get(dash.url, '/', 'POST')).status).toBe(405);
    } finally {
      await dash.close();
    }
  });

  it('gives a late viewer the history, streams to every viewer, and stops when the run ends', async () => {
    const lines: string[] = [];
    const dash = await startDashboard({ log: (l) => lines.push(l), throttleMs: 10, schedule: oneCycle(6) });
    expect(lines).toEqual([`dashboard: ${dash.url}`]);
    expect(dash.url).toBe(`http://127.0.0.1:${dash.port}/`);
    const early = await listen(dash.url);
    await until(() => dash.viewers() === 1, 'the first viewer');
    await dash.callback.onTrainBegin(state({}), {});
    await batches(dash, 0, 3);
    dash.callback.onEpochEnd(state({ validLoss: 0.5, metrics: { accuracy: 0.75 } }));
    await until(() => rowsOf(early).batches.length === 3 && rowsOf(early).epochs.length === 2, 'the first rows');

    const late = await listen(dash.url);
    await until(() => dash.viewers() === 2 && rowsOf(late).batches.length === 3, 'the late viewer');
    expect(late.events.map((e) => e.event)).toEqual(['begin', 'rows']);
    const begin = late.events[0]?.data as { specs: Record<string, { datasets?: { plan?: unknown[] } }> };
    expect(Object.keys(begin.specs)).toEqual(['schedule', 'loss', 'metrics']);
    expect(begin.specs['schedule']?.datasets?.plan).toHaveLength(6);

    await batches(dash, 3, 6);
    await dash.callback.onTrainEnd();
    await dash.closed;
    await Promise.all([early.ended, late.ended]);
    for (const s of [early, late]) {
      expect(rowsOf(s).batches.map((b) => b.iteration)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(rowsOf(s).epochs).toEqual([{ epoch: 0, iteration: 3, series: 'valid loss', value: 0.5 }, { epoch: 0, iteration: 3, series: 'accuracy', value: 0.75 }]);
      expect(s.events.slice(-2).map((e) => e.event)).toEqual(['end', 'close']);
    }
    // the history came as one update, not replayed batch by batch
    expect(late.events.filter((e) => e.event === 'rows').length).toBeLessThan(early.events.filter((e) => e.event === 'rows').length + 1);
    await expect(get(dash.url, '/')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('with keepOpen serves the finished run to a new viewer until close()', async () => {
    const dash = await startDashboard({ log: null, keepOpen: true, throttleMs: 0 });
    await dash.callback.onTrainBegin(state({}), {});
    await batches(dash, 0, 4);
    await dash.callback.onTrainEnd();
    const after = await listen(dash.url);
    await until(() => after.events.length === 3, 'the finished run');
    expect(after.events.map((e) => e.event)).toEqual(['begin', 'rows', 'end']);
    expect(rowsOf(after).batches).toHaveLength(4);
    // a second run on the same dashboard reaches the page that watched the first
    await dash.callback.onTrainBegin(state({}), {});
    await batches(dash, 0, 2);
    await dash.callback.onTrainEnd();
    await until(() => after.events.filter((e) => e.event === 'end').length === 2, 'the second run');
    expect(after.events.map((e) => e.event)).toEqual(['begin', 'rows', 'end', 'begin', 'rows', 'end']);
    await dash.close();
    await Promise.all([dash.closed, after.ended]);
    expect(after.events.at(-1)?.event).toBe('close');
  });

  it('rejects a bad port and a port in use with a VizError naming it', async () => {
    await expect(startDashboard({ port: 70_000, log: null })).rejects.toThrow(/^port must be an integer in \[0, 65535\], got 70000/);
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(startDashboard({ port, log: null })).rejects.toThrow(new RegExp(`^the dashboard cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
    } finally {
      blocker.close();
    }
  });
});
