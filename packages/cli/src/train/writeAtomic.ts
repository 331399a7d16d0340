import { rename, rm, writeFile } from 'node:fs/promises';

let tmpCount = 0;

/**
 * Writes a file atomically: to a temporary file beside it, then renamed over the target, so a
 * reader never sees half a file and a failure leaves no partial output.
 *
 * @param file - the target path
 * @param data - the contents
 * @returns when the file is in place
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // pid + counter: two writes of the same file in one millisecond must not share a temp file
  tmpCount += 1;
  const tmp = `${file}.${process.pid}.${tmpCount}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes a value as pretty JSON (2 spaces, final newline), atomically.
 *
 * @param file - the target path
 * @param value - any JSON-serialisable value
 * @returns when the file is in place
 */
export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
