import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';

/**
 * Reads and parses a JSON file given on the command line.
 *
 * @param file - the resolved path
 * @param shown - the path as typed, for messages
 * @returns the parsed value
 * @throws UsageError when the file cannot be read or is not JSON
 */
export async function readJsonFile(file: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new UsageError(`cannot read ${shown} (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code})`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${shown} is not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}
