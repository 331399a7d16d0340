import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const bin = path.resolve(import.meta.dirname, '../../dist/bin.js');
const built = existsSync(bin);
if (!built) console.log(`skipped: ${bin} is not built yet (run \`npx tsup\` in packages/cli)`);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const onecycle = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });

describe.runIf(built)('the built `onecycle` executable', () => {
  it('starts with a shebang, draws a schedule, and exits 2 on bad usage', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const ok = onecycle(['schedule', '--kind', 'oneCycle', '--lr-max', '0.1', '--total-steps', '100', '-o', 'one.svg']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('oneCycle: 100 steps, peak lr 0.1, mom 0.85..0.95 -> one.svg\n');
    expect(readFileSync(path.join(dir, 'one.svg'), 'utf8')).toMatch(/^<svg/);
    const bad = onecycle(['schedule', '--kind', 'oneCycle', '--lr-max', 'x', '--total-steps', '9', '-o', 'bad.svg']);
    expect(bad.stderr).toMatch(/--lr-max must be a number, got 'x'\nusage: onecycle schedule/);
    expect(bad.status).toBe(2);
    expect(existsSync(path.join(dir, 'bad.svg'))).toBe(false);
    expect(bad.stderr).toMatch(/--lr-max must be a number, got 'x'\nusage: onecycle schedule/);
    const demo = onecycle(['demo', '--epochs', 'three']);
    expect(demo.status).toBe(2);
    expect(demo.stderr).toMatch(/--epochs must be a number, got 'three'\nusage: onecycle demo/);
  });

  it('runs the demo on a few digits with the pure-JS backend it registers itself', () => {
    const run = onecycle(['demo', '--subset', '300', '--epochs', '1', '--backend', 'cpu', '--quiet', '--out', 'demo-out']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^onecycle: backend 'cpu'/);
    expect(run.stdout).toMatch(/lr_find suggestions: valley /);
    const summary: unknown = JSON.parse(readFileSync(path.join(dir, 'demo-out', 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ backend: 'cpu', epochs: 1, data: { samples: 300, train: 240, valid: 60 } });
  });
});

describe('the committed bin/onecycle.js that npm links', () => {
  const committed = path.resolve(import.meta.dirname, '../../bin/onecycle.js');

  it.runIf(built)('runs the build', () => {
    const r = spawnSync(process.execPath, [committed, '--version'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('says to build first when dist/ is missing', () => {
    const copy = path.join(dir, 'pkg/bin/onecycle.js');
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(committed, copy);
    const r = spawnSync(process.execPath, [copy, '--version'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the CLI is not built yet: run `npm run build`/);
  });
});
