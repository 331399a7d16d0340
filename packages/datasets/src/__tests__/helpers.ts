import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach } from 'vitest';

/** A fresh temp folder and a function removing it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onecycle-datasets-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Registers a beforeAll that selects the pure-JS CPU backend. */
export function useCpuBackend(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
}

/**
 * Registers a beforeEach / afterEach pair giving every test a fresh {@link tempDir}, removed after it.
 * @returns an object whose `dir` is the current test's folder (read it inside a test)
 */
export function useTempDir(): { readonly dir: string } {
  let current: { dir: string; cleanup: () => void } | undefined;
  beforeEach(() => {
    current = tempDir();
  });
  afterEach(() => {
    current?.cleanup();
    current = undefined;
  });
  return {
    get dir() {
      if (current === undefined) throw new Error('useTempDir: read dir inside a test');
      return current.dir;
    },
  };
}

/** Bytes of an unsigned-byte IDX file with the given magic dims and payload. */
export function idxBytes(magic: number, dims: number[], payload: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out;
}

/** `n` images of rows x cols where pixel p of image i is (i * 7 + p) mod 256. */
export function patternImages(n: number, rows: number, cols: number): Uint8Array {
  const data = new Uint8Array(n * rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (Math.floor(i / (rows * cols)) * 7 + (i % (rows * cols))) % 256;
  return data;
}
