import { MalformedDatasetError, TruncatedFileError, WrongMagicError } from './errors';
import { readMaybeGzip } from './readMaybeGzip';

/** What an IDX file holds: labels (magic 0x00000801, 1 dimension) or images (0x00000803, 3 dimensions). */
export type IdxKind = 'labels' | 'images';

/** A parsed unsigned-byte IDX file. */
export interface IdxArray {
  /** Sizes of each dimension, e.g. `[10000, 28, 28]`. */
  dims: number[];
  /** The payload, `dims` multiplied together bytes long (a view, not a copy). */
  data: Uint8Array;
}

const MAGIC: Record<IdxKind, number> = { labels: 0x00000801, images: 0x00000803 };

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * Parses an unsigned-byte IDX buffer (the format of LeCun's MNIST and of Fashion-MNIST) and checks
 * its magic number, its dimensions and that the file size is exactly header + payload.
 *
 * @param bytes - the decompressed file content
 * @param file - the file name, used in error messages
 * @param kind - what the file must hold: `'labels'` (0x00000801) or `'images'` (0x00000803)
 * @param gzipped - whether `bytes` were inflated from a gzip file (sizes in messages then say so); @default false
 * @returns the dimensions and a view of the payload
 * @throws WrongMagicError, TruncatedFileError (size differs from the header's) or MalformedDatasetError (a zero dimension), naming the file
 * @example
 * ```ts
 * const { dims, data } = parseIdx(bytes, 't10k-labels-idx1-ubyte', 'labels'); // dims = [10000]
 * ```
 */
export function parseIdx(bytes: Uint8Array, file: string, kind: IdxKind, gzipped = false): IdxArray {
  const long = `${bytes.length} bytes long${gzipped ? ' after gunzip' : ''}`;
  const expected = MAGIC[kind];
  const ndims = expected & 0xff;
  if (bytes.length < 4) {
    throw new TruncatedFileError(file, `is ${long}, too short for an IDX header (4-byte magic number ${hex(expected)})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expected) {
    throw new WrongMagicError(file, `has magic number ${hex(magic)}, expected ${hex(expected)} for IDX ${kind} (unsigned bytes, ${ndims} dimension${ndims === 1 ? '' : 's'})`);
  }
  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    throw new TruncatedFileError(file, `is ${long}, shorter than its ${headerLength}-byte IDX header: the file is truncated`);
  }
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    if (size === 0) throw new MalformedDatasetError(file, `has dimension ${d} of size 0: an IDX ${kind} file needs at least one entry`);
    dims.push(size);
  }
  const payload = dims.reduce((a, b) => a * b, 1);
  const expectedLength = headerLength + payload;
  if (bytes.length !== expectedLength) {
    const what = bytes.length < expectedLength ? 'the file is truncated' : 'the file has trailing bytes';
    throw new TruncatedFileError(file, `is ${long} but its header (dimensions ${dims.join(' x ')}) needs ${expectedLength}: ${what}`);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/**
 * Reads and parses an IDX file, plain or gzip-compressed (detected from the content).
 *
 * @param file - path of the file
 * @param kind - `'labels'` or `'images'`
 * @returns the dimensions and the payload
 * @throws DatasetError (a subclass) when the file is missing, unreadable or malformed
 */
export async function readIdxFile(file: string, kind: IdxKind): Promise<IdxArray> {
  const { bytes, gzipped } = await readMaybeGzip(file);
  return parseIdx(bytes, file, kind, gzipped);
}
