import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import type { CliIO } from '../index';

/** A fresh temp folder and a function removing it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onecycle-cli-test-'));
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

/** An in-memory CliIO that records what was written. */
export function memoryIO(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
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

/**
 * Writes a small, easily learnt IDX dataset (MNIST file names) into `dir`: 6x6 images of 3
 * classes, class c having a bright band in rows 2c..2c+1 over seeded noise.
 *
 * @param dir - the folder
 * @param train - training images
 * @param test - test images
 */
export function writeTinyIdx(dir: string, train = 96, test = 30): void {
  const make = (n: number, seed: number): { images: Uint8Array; labels: Uint8Array } => {
    const images = new Uint8Array(n * 36);
    const labels = new Uint8Array(n);
    let s = seed;
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      labels[i] = c;
      for (let p = 0; p < 36; p++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        images[i * 36 + p] = ((s >>> 24) % 60) + (Math.floor(p / 12) === c ? 180 : 0);
      }
    }
    return { images, labels };
  };
  const tr = make(train, 1);
  const te = make(test, 2);
  writeFileSync(path.join(dir, 'train-images-idx3-ubyte'), idxBytes(0x803, [train, 6, 6], tr.images));
  writeFileSync(path.join(dir, 'train-labels-idx1-ubyte'), idxBytes(0x801, [train], tr.labels));
  writeFileSync(path.join(dir, 't10k-images-idx3-ubyte'), idxBytes(0x803, [test, 6, 6], te.images));
  writeFileSync(path.join(dir, 't10k-labels-idx1-ubyte'), idxBytes(0x801, [test], te.labels));
}

/**
 * Writes a tiny CIFAR-10 binary folder: `perFile` random 3073-byte records in each of
 * data_batch_1..5.bin and `test` in test_batch.bin.
 *
 * @param dir - the folder
 * @param perFile - records per training file
 * @param test - test records
 */
export function writeTinyCifar(dir: string, perFile = 4, test = 6): void {
  let s = 7;
  const records = (n: number): Uint8Array => {
    const out = new Uint8Array(n * 3073);
    for (let r = 0; r < n; r++) {
      out[r * 3073] = r % 10;
      for (let i = 1; i < 3073; i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        out[r * 3073 + i] = s >>> 24;
      }
    }
    return out;
  };
  for (let b = 1; b <= 5; b++) writeFileSync(path.join(dir, `data_batch_${b}.bin`), records(perFile));
  writeFileSync(path.join(dir, 'test_batch.bin'), records(test));
}

/**
 * A fresh {@link tempDir} holding `idx/`, a tiny MNIST-format IDX folder ({@link writeTinyIdx}):
 * the workspace of the `train` and `lr-find` command tests.
 * @returns the folder and a function removing it
 */
export function idxWorkspace(): { dir: string; cleanup: () => void } {
  const t = tempDir();
  mkdirSync(path.join(t.dir, 'idx'));
  writeTinyIdx(path.join(t.dir, 'idx'));
  return t;
}
