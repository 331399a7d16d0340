// `onecycle train --dashboard` and `onecycle demo --dashboard`: the dashboard's URL is printed,
// an event stream opened as soon as it is printed receives the whole run (equal to recorder.json),
// and the server stops when the command ends. The page itself is checked in Chromium by the
// learner package's dashboard test.
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../index';
import { idxWorkspace, memoryIO } from './helpers';

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  ({ dir, cleanup } = idxWorkspace());
});
afterEach(() => cleanup());

const config = {
  dataset: 'mnist', dataDir: 'idx', model: { name: 'mlp', hidden: [16] }, batchSize: 16,
  schedule: { fitOneCycle: { lrMax: 0.05 } }, epochs: 2,
};

interface Streamed { events: string[]; batches: Array<{ iteration: number; lr: number; loss: number; smooth: number }>; ended: Promise<void> }

/** Opens the dashboard's event stream and collects what arrives until the server ends it. */
function follow(url: string): Streamed {
  const s: Streamed = { events: [], batches: [], ended: Promise.resolve() };
  s.ended = new Promise((resolve, reject) => {
    const req = request(new URL('/events', url), { agent: false }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event === undefined) continue;
          s.events.push(event);
          if (event === 'rows') s.batches.push(...(JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as { batches: Streamed['batches'] }).batches);
        }
      });
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
  return s;
}

/** An IO whose stdout starts following the dashboard as soon as its URL is printed. */
function watchingIO(): ReturnType<typeof memoryIO> & { streams: Streamed[]; urls: string[] } {
  const io = memoryIO(dir);
  const streams: Streamed[] = [];
  const urls: string[] = [];
  const write = io.stdout.write;
  io.stdout = {
    write: (text: string) => {
      const url = /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(text)?.[1];
      if (url !== undefined) {
        urls.push(url);
        streams.push(follow(url));
      }
      return write(text);
    },
  };
  return Object.assign(io, { streams, urls });
}

describe('onecycle train --dashboard', () => {
  it('prints the URL, streams every batch of the run and stops the server when the command ends', async () => {
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(config));
    const io = watchingIO();
    const before = tf.memory().numTensors;
    expect(await runCli(['train', '-c', 'run.json', '-o', 'out', '--backend', 'cpu', '--quiet', '--dashboard'], io)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(io.err()).toBe('');
    expect(io.urls).toHaveLength(1);
    const [stream] = io.streams;
    if (stream === undefined) throw new Error('no stream');
    await stream.ended;
    expect(stream.events[0]).toBe('begin');
    expect(stream.events.slice(-2)).toEqual(['end', 'close']);
    const recorder = JSON.parse(readFileSync(path.join(dir, 'out/recorder.json'), 'utf8')) as { batches: Array<{ iteration: number; lr: number; loss: number; smoothLoss: number }> };
    expect(recorder.batches.length).toBeGreaterThan(2);
    expect(stream.batches.map((b) => [b.iteration, b.lr, b.loss, b.smooth])).toEqual(recorder.batches.map((b) => [b.iteration, b.lr, b.loss, b.smoothLoss]));
    // the server is gone
    await expect(new Promise((resolve, reject) => request(io.urls[0] ?? '', { agent: false }, resolve).on('error', reject).end())).rejects.toThrow(/ECONNREFUSED/);
  });

  it.each([
    [['--port', '8080'], /^onecycle train: --port is an option of --dashboard: add --dashboard/m],
    [['--keep-open'], /^onecycle train: --keep-open is an option of --dashboard: add --dashboard/m],
    [['--dashboard', '--port', '70000'], /^onecycle train: --port must be a whole number in \[0, 65535\], got '70000'/m],
  ])('rejects %j with a usage error before training', async (args, message) => {
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(config));
    const io = memoryIO(dir);
    expect(await runCli(['train', '-c', 'run.json', '-o', 'out', '--backend', 'cpu', '--quiet', ...args], io)).toBe(2);
    expect(io.err()).toMatch(message);
  });

  it('stops the dashboard at once when the run fails', async () => {
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...config, schedule: { kind: 'oneCycle', lrMax: 0.1, totalSteps: 2 } }));
    const io = watchingIO();
    expect(await runCli(['train', '-c', 'run.json', '-o', 'out', '--backend', 'cpu', '--quiet', '--dashboard', '--keep-open'], io)).toBe(2);
    expect(io.err()).toMatch(/schedule\.totalSteps is 2/);
    await io.streams[0]?.ended;
    await expect(new Promise((resolve, reject) => request(io.urls[0] ?? '', { agent: false }, resolve).on('error', reject).end())).rejects.toThrow(/ECONNREFUSED/);
  });

  it('documents the flags in the help of train and demo', async () => {
    for (const command of ['train', 'demo']) {
      const io = memoryIO(dir);
      expect(await runCli([command, '--help'], io)).toBe(0);
      expect(io.out()).toMatch(/\[--dashboard \[--port N\] \[--keep-open\]\]/);
      expect(io.out()).toMatch(/^ {2}--dashboard +watch the run live in a browser/m);
      expect(io.out()).toMatch(/^ {2}--keep-open +keep serving the dashboard after the run, until Ctrl-C$/m);
    }
  });
});

describe('onecycle demo --dashboard', () => {
  it('streams the 1cycle fit (not the LR range test) and stops with the command', async () => {
    const io = watchingIO();
    expect(await runCli(['demo', '--subset', '200', '--epochs', '1', '--out', 'demo-out', '--backend', 'cpu', '--quiet', '--dashboard'], io)).toBe(0);
    const [stream] = io.streams;
    if (stream === undefined) throw new Error('no stream');
    await stream.ended;
    expect(stream.events.filter((e) => e === 'begin')).toHaveLength(1);
    const recorder = JSON.parse(readFileSync(path.join(dir, 'demo-out/recorder.json'), 'utf8')) as { batches: Array<{ iteration: number; loss: number }> };
    expect(stream.batches.map((b) => [b.iteration, b.loss])).toEqual(recorder.batches.map((b) => [b.iteration, b.loss]));
  }, 240_000);
});
