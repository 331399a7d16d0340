import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatasetError, DatasetNotFoundError, DatasetOptionError, MalformedDatasetError, TruncatedFileError, WrongMagicError,
  loadIdxDataset, locateIdxSplit, parseIdx, readIdxFile,
} from '../index';
import { idxBytes, patternImages, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const images = idxBytes(0x803, [5, 3, 2], patternImages(5, 3, 2));
const labels = idxBytes(0x801, [5], Uint8Array.from([0, 9, 3, 3, 1]));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The error `p` rejects with, checked to be a `kind` (and so a DatasetError) with `kind`'s name. */
async function failure(p: Promise<unknown>, kind: new (file: string, problem: string) => DatasetError): Promise<DatasetError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(kind);
  if (!(err instanceof DatasetError)) throw new Error('expected a DatasetError');
  expect(err.name).toBe(kind.name);
  return err;
}

describe('parseIdx', () => {
  it('reads dimensions and payload of images and labels', () => {
    const img = parseIdx(images, 'img', 'images');
    expect(img.dims).toEqual([5, 3, 2]);
    expect(Array.from(img.data.subarray(6, 9))).toEqual([7, 8, 9]);
    expect(parseIdx(labels, 'lab', 'labels').dims).toEqual([5]);
  });

  it('rejects a wrong magic number, naming the file and both numbers', () => {
    expect(() => parseIdx(labels, 'x/labels.idx', 'images')).toThrow(WrongMagicError);
    expect(() => parseIdx(labels, 'x/labels.idx', 'images')).toThrow(/x\/labels\.idx: has magic number 0x00000801, expected 0x00000803/);
    expect(() => parseIdx(idxBytes(0x0d03, [1, 1, 1], Uint8Array.of(0)), 'f', 'images')).toThrow(/0x00000d03/);
  });

  it('rejects truncated headers and payloads, and trailing bytes', () => {
    for (const cut of [3, 10, images.length - 1]) expect(() => parseIdx(images.subarray(0, cut), 'f', 'images')).toThrow(TruncatedFileError);
    expect(() => parseIdx(images.subarray(0, 3), 'short', 'images')).toThrow(/short: is 3 bytes long, too short/);
    expect(() => parseIdx(images.subarray(0, 10), 'hdr', 'images')).toThrow(/shorter than its 16-byte IDX header/);
    expect(() => parseIdx(images.subarray(0, images.length - 1), 'cut', 'images')).toThrow(/cut: is 45 bytes long but its header \(dimensions 5 x 3 x 2\) needs 46: the file is truncated/);
    const longer = new Uint8Array(images.length + 2);
    longer.set(images);
    expect(() => parseIdx(longer, 'long', 'images')).toThrow(TruncatedFileError);
    expect(() => parseIdx(longer, 'long', 'images')).toThrow(/trailing bytes/);
  });

  it('rejects a zero dimension', () => {
    expect(() => parseIdx(idxBytes(0x801, [0], new Uint8Array(0)), 'empty', 'labels')).toThrow(MalformedDatasetError);
    expect(() => parseIdx(idxBytes(0x801, [0], new Uint8Array(0)), 'empty', 'labels')).toThrow(/dimension 0 of size 0/);
  });
});

describe('readIdxFile and loadIdxDataset', () => {
  it('reads plain and gzip files to the same content', async () => {
    const plain = await readIdxFile(write('a-images', images), 'images');
    const gz = await readIdxFile(write('b-images.gz', gzipSync(images)), 'images');
    expect(gz.dims).toEqual(plain.dims);
    expect(Array.from(gz.data)).toEqual(Array.from(plain.data));
  });

  it('loads a pair as float32 in [0, 1] or raw uint8', async () => {
    const files = { images: write('i.gz', gzipSync(images)), labels: write('l', labels) };
    const ds = await loadIdxDataset(files);
    expect(ds).toMatchObject({ count: 5, rows: 3, cols: 2, channels: 1, numClasses: 10 });
    expect(ds.images).toBeInstanceOf(Float32Array);
    expect(ds.images[7]).toBeCloseTo(8 / 255, 7);
    expect(Array.from(ds.labels)).toEqual([0, 9, 3, 3, 1]);
    const raw = await loadIdxDataset(files, { dtype: 'uint8' });
    expect(raw.images).toBeInstanceOf(Uint8Array);
    expect(raw.images[7]).toBe(8);
  });

  it('names a missing file', async () => {
    const err = await failure(readIdxFile(path.join(dir, 'nope.gz'), 'labels'), DatasetNotFoundError);
    expect(err.file).toBe(path.join(dir, 'nope.gz'));
    expect(err.message).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('names a truncated gzip stream', async () => {
    const gz = gzipSync(images);
    const file = write('cut.gz', gz.subarray(0, gz.length - 8));
    const err = await failure(readIdxFile(file, 'images'), TruncatedFileError);
    expect(err.message).toContain(`${file}: is not a valid gzip stream`);
  });

  it('says when a size is measured after gunzip', async () => {
    const file = write('short.gz', gzipSync(images.subarray(0, 30)));
    const err = await failure(readIdxFile(file, 'images'), TruncatedFileError);
    expect(err.message).toBe(`${file}: is 30 bytes long after gunzip but its header (dimensions 5 x 3 x 2) needs 46: the file is truncated`);
  });

  it('names a wrong-magic file inside gzip', async () => {
    const file = write('swapped.gz', gzipSync(labels));
    const err = await failure(readIdxFile(file, 'images'), WrongMagicError);
    expect(err.message).toContain(`${file}: has magic number 0x00000801`);
  });

  it('rejects label/image count mismatches and out-of-range labels', async () => {
    const img = write('i', images);
    const three = write('l3', idxBytes(0x801, [3], Uint8Array.of(1, 2, 3)));
    expect((await failure(loadIdxDataset({ images: img, labels: three }), MalformedDatasetError)).message).toMatch(/holds 3 labels but .* holds 5 images/);
    const bad = write('l10', idxBytes(0x801, [5], Uint8Array.of(1, 2, 3, 10, 0)));
    expect((await failure(loadIdxDataset({ images: img, labels: bad }), MalformedDatasetError)).message).toMatch(/label 3 is 10, but labels must be in \[0, 9\]/);
  });

  it('locates the files of a split, gzip or plain', () => {
    write('t10k-images-idx3-ubyte', images);
    write('t10k-labels-idx1-ubyte.gz', gzipSync(labels));
    expect(locateIdxSplit(dir, 'test')).toEqual({ images: path.join(dir, 't10k-images-idx3-ubyte'), labels: path.join(dir, 't10k-labels-idx1-ubyte.gz') });
    expect(() => locateIdxSplit(dir, 'train')).toThrow(DatasetNotFoundError);
    expect(() => locateIdxSplit(dir, 'train')).toThrow(/has no train-images-idx3-ubyte\[\.gz\] for the train split/);
  });

  it('names a bad split, numClasses or dtype with the value and what is allowed', async () => {
    const bad = (v: string): never => JSON.parse(`"${v}"`) as never;
    expect(() => locateIdxSplit(dir, bad('valid'))).toThrow(DatasetOptionError);
    expect(() => locateIdxSplit(dir, bad('valid'))).toThrow(`split: must be 'train' or 'test', got "valid"`);
    const files = { images: write('i', images), labels: write('l', labels) };
    for (const numClasses of [0, 2.5, 257, Number.NaN]) {
      const err = await failure(loadIdxDataset(files, { numClasses }), DatasetOptionError);
      expect(err.message).toBe(`numClasses: must be a whole number in [1, 256] (labels are single bytes), got ${String(numClasses)}`);
    }
    const err = await failure(loadIdxDataset(files, { dtype: bad('float64') }), DatasetOptionError);
    expect(err.message).toBe(`dtype: must be 'float32' (pixels scaled to [0, 1]) or 'uint8' (raw bytes), got "float64"`);
  });
});
