import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DatasetNotFoundError, TruncatedFileError } from './errors';

const gunzipAsync = promisify(gunzip);

/**
 * Reads a whole file, inflating it when it starts with the gzip magic bytes (1f 8b).
 *
 * @returns the (decompressed) bytes, and whether the file was gzip
 * @throws DatasetNotFoundError when the file cannot be read; TruncatedFileError for a broken gzip stream
 */
export async function readMaybeGzip(file: string): Promise<{ bytes: Uint8Array; gzipped: boolean }> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unknown error';
    throw new DatasetNotFoundError(file, `cannot be read (${code})`, { cause: err });
  }
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      const inflated = await gunzipAsync(raw);
      return { bytes: new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength), gzipped: true };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new TruncatedFileError(file, `is not a valid gzip stream (${why}); the download may be truncated`, { cause: err });
    }
  }
  return { bytes: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), gzipped: false };
}
