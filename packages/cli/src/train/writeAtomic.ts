import { writeFileAtomic } from '@onecycle/callbacks';

/**
 * Writes a value as pretty JSON (2 spaces, final newline), atomically (callbacks' `writeFileAtomic`).
 *
 * @param file - the target path
 * @param value - any JSON-serialisable value
 * @returns when the file is in place
 */
export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
