import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CIFAR10_RECORD_BYTES, DatasetNotFoundError, DatasetOptionError, MalformedDatasetError, TruncatedFileError,
  loadCifar10, loadCifar10Files, parseCifar10,
} from '../index';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** `n` records; record i has label i % 10 and channel c of pixel p equal to (i + c * 50 + p) % 256. */
function records(n: number): Uint8Array {
  const out = new Uint8Array(n * CIFAR10_RECORD_BYTES);
  for (let i = 0; i < n; i++) {
    const base = i * CIFAR10_RECORD_BYTES;
    out[base] = i % 10;
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) out[base + 1 + c * 1024 + p] = (i + c * 50 + p) % 256;
  }
  return out;
}

describe('CIFAR-10 binary', () => {
  it('parses records into channels-last pixels and labels', () => {
    const { pixels, labels, count } = parseCifar10(records(3), 'b.bin');
    expect(count).toBe(3);
    expect(Array.from(labels)).toEqual([0, 1, 2]);
    // image 1, pixel 5 -> (r, g, b) = (1 + 5, 1 + 50 + 5, 1 + 100 + 5)
    const at = 1 * 3072 + 5 * 3;
    expect(Array.from(pixels.subarray(at, at + 3))).toEqual([6, 56, 106]);
  });

  it('rejects a size that is not a multiple of 3073 bytes, naming the file', () => {
    const cut = records(2).subarray(0, 2 * CIFAR10_RECORD_BYTES - 100);
    expect(() => parseCifar10(cut, 'data_batch_1.bin')).toThrow(TruncatedFileError);
    expect(() => parseCifar10(cut, 'data_batch_1.bin')).toThrow(/data_batch_1\.bin: is 6046 bytes long, which is not a positive multiple of the 3073-byte CIFAR-10 record \(1 whole records and 2973 bytes left over\)/);
    expect(() => parseCifar10(new Uint8Array(0), 'empty.bin')).toThrow(/empty\.bin: is 0 bytes long/);
  });

  it('rejects labels above 9', () => {
    const bytes = records(2);
    bytes[CIFAR10_RECORD_BYTES] = 11;
    expect(() => parseCifar10(bytes, 'x.bin')).toThrow(MalformedDatasetError);
    expect(() => parseCifar10(bytes, 'x.bin')).toThrow(/x\.bin: label 1 is 11/);
  });

  it('loads several files (plain and gzip) in order, as float32 or uint8', async () => {
    const a = path.join(dir, 'a.bin');
    const b = path.join(dir, 'b.bin.gz');
    writeFileSync(a, records(2));
    writeFileSync(b, gzipSync(records(3)));
    const ds = await loadCifar10Files([a, b]);
    expect(ds).toMatchObject({ count: 5, rows: 32, cols: 32, channels: 3, numClasses: 10 });
    expect(Array.from(ds.labels)).toEqual([0, 1, 0, 1, 2]);
    expect(ds.images).toBeInstanceOf(Float32Array);
    expect(ds.images.length).toBe(5 * 3072);
    expect(ds.images[3072 * 2 + 1]).toBeCloseTo(50 / 255, 7);
    const raw = await loadCifar10Files([a], { dtype: 'uint8' });
    expect(raw.images[1]).toBe(50);
  });

  it('loads the test split from a release folder and names a missing batch file', async () => {
    writeFileSync(path.join(dir, 'test_batch.bin'), records(4));
    expect((await loadCifar10(dir, 'test')).count).toBe(4);
    await expect(loadCifar10(dir, 'train')).rejects.toThrow(DatasetNotFoundError);
    await expect(loadCifar10(dir, 'train')).rejects.toThrow(/data_batch_1\.bin: is missing/);
    await expect(loadCifar10(dir, JSON.parse('"eval"') as never)).rejects.toThrow(`split: must be 'train' or 'test', got "eval"`);
    await expect(loadCifar10Files([])).rejects.toThrow(DatasetOptionError);
  });
});
