import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendError, initBackend } from '../index';

const require = createRequire(import.meta.url);
const corePath = require.resolve('@tensorflow/tfjs-core');
let root: string;

/** Writes a stand-in package that registers a backend named 'tensorflow' (as tfjs-node does). */
function standIn(base: string, name: string, broken = false): void {
  const dir = path.join(base, 'node_modules', ...name.split('/'));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '4.22.0', main: 'index.js' }));
  const body = broken
    ? "throw new Error('libtensorflow.so: cannot open shared object file');"
    : `const tf = require(${JSON.stringify(corePath)});
class StandIn extends tf.KernelBackend {
  dispose() {}
  memory() { return { unreliable: true }; }
  numDataIds() { return 0; }
  floatPrecision() { return 32; }
  epsilon() { return 1e-7; }
}
globalThis.__onecycleStandIn = ${JSON.stringify(name)};
tf.registerBackend('tensorflow', () => new StandIn(), 3);`;
  fs.writeFileSync(path.join(dir, 'index.js'), body);
}

function folder(...pkgs: Array<[string, boolean?]>): string {
  const base = fs.mkdtempSync(path.join(root, 'nm-'));
  for (const [name, broken] of pkgs) standIn(base, name, broken ?? false);
  return base;
}

describe('initBackend', () => {
  let before = 0;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'onecycle-backend-'));
    before = tf.memory().numTensors;
  });
  afterEach(async () => {
    if (tf.findBackend('tensorflow') !== null || tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
    await tf.setBackend('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('auto prefers tfjs-node-gpu over tfjs-node', async () => {
    const lines: string[] = [];
    const info = await initBackend('auto', { resolveFrom: folder(['@tensorflow/tfjs-node-gpu'], ['@tensorflow/tfjs-node']), log: (l) => lines.push(l) });
    expect(info.backend).toBe('tensorflow');
    expect(info.package).toBe('@tensorflow/tfjs-node-gpu');
    expect(tf.getBackend()).toBe('tensorflow');
    expect(lines).toEqual([info.message]);
  });

  it('auto takes tfjs-node when there is no GPU package, and says how to get a faster one', async () => {
    const info = await initBackend('auto', { resolveFrom: folder(['@tensorflow/tfjs-node']), log: null });
    expect(info.package).toBe('@tensorflow/tfjs-node');
    expect(tf.getBackend()).toBe('tensorflow');
    expect(info.message).toContain('@tensorflow/tfjs-node-gpu');
  });

  it('auto skips a GPU package that fails to load, and says why', async () => {
    const info = await initBackend('auto', { resolveFrom: folder(['@tensorflow/tfjs-node-gpu', true], ['@tensorflow/tfjs-node']), log: null });
    expect(info.package).toBe('@tensorflow/tfjs-node');
    expect(info.message).toMatch(/tfjs-node-gpu is installed but failed to load \(libtensorflow/);
  });

  it('auto falls back to wasm (a dependency, no download) when no native package is installed, and says why', async () => {
    const info = await initBackend('auto', { resolveFrom: folder(), log: null });
    expect(info).toMatchObject({ backend: 'wasm', package: '@tensorflow/tfjs-backend-wasm' });
    expect(tf.getBackend()).toBe('wasm');
    expect(info.message).toMatch(/^onecycle: backend 'wasm' .*because neither @tensorflow\/tfjs-node-gpu nor @tensorflow\/tfjs-node is installed; .*npm install @tensorflow\/tfjs-node/);
    expect(info.message).not.toContain('\n');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('auto says why it skipped a native package that fails to load when it lands on wasm', async () => {
    const info = await initBackend('auto', { resolveFrom: folder(['@tensorflow/tfjs-node', true]), log: null });
    expect(info.backend).toBe('wasm');
    expect(info.message).toMatch(/because @tensorflow\/tfjs-node is installed but failed to load \(libtensorflow/);
  });

  it("'tensorflow' without tfjs-node is a BackendError that says what to install", async () => {
    await expect(initBackend('tensorflow', { resolveFrom: folder(), log: null })).rejects.toThrow(BackendError);
    await expect(initBackend('tensorflow', { resolveFrom: folder(), log: null })).rejects.toThrow(/npm install/);
  });

  it("'cpu' sets the cpu backend", async () => {
    const info = await initBackend('cpu', { log: null });
    expect(info.backend).toBe('cpu');
  });

  it("'wasm' sets up the wasm backend from this package's own dependency, with its training kernels", async () => {
    const info = await initBackend('wasm', { resolveFrom: folder(), log: null });
    expect(info).toMatchObject({ backend: 'wasm', package: '@tensorflow/tfjs-backend-wasm' });
    expect(info.message).toMatch(/WebAssembly (with|without) SIMD/);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  // last: it replaces the real wasm backend by a broken one for the rest of this file
  it('auto falls back to the pure-JS cpu backend when wasm cannot start, and names the faster options', async () => {
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', () => {
      throw new Error('WebAssembly.instantiate(): out of memory');
    });
    const info = await initBackend('auto', { resolveFrom: folder(), log: null });
    expect(info).toMatchObject({ backend: 'cpu', package: '@tensorflow/tfjs-backend-cpu' });
    expect(tf.getBackend()).toBe('cpu');
    expect(info.message).toMatch(/'wasm' backend failed to initialise/);
    expect(info.message).toContain('npm install @tensorflow/tfjs-node');
    await expect(initBackend('wasm', { log: null })).rejects.toThrow(BackendError);
  });

  it('rejects an unknown kind', async () => {
    // @ts-expect-error: a JavaScript caller may pass anything
    await expect(initBackend('webgpu', { log: null })).rejects.toThrow(/'auto', 'tensorflow', 'cpu' or 'wasm'/);
  });
});
