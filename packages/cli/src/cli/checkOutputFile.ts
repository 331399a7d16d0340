import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CHART_EXTENSIONS } from '@onecycle/viz';
import { UsageError } from '../errors';

/**
 * Checks an output file path before any work is done: a known extension, an existing folder, and
 * not an existing folder itself. Nothing is written here.
 *
 * @param resolved - the absolute path
 * @param shown - the path as typed, for messages
 * @param extensions - the extensions allowed, longest first (`.vl.json` before `.json`); @default viz's CHART_EXTENSIONS
 * @returns the extension matched
 * @throws UsageError naming the path and what is wrong
 */
export function checkOutputFile(resolved: string, shown: string, extensions: readonly string[] = CHART_EXTENSIONS): string {
  const ext = extensions.find((e) => resolved.toLowerCase().endsWith(e));
  if (ext === undefined) {
    throw new UsageError(`output ${shown} has an unknown extension: use one of ${extensions.join(' ')}`);
  }
  const dir = path.dirname(resolved);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`output folder ${path.dirname(shown) === '.' ? dir : path.dirname(shown)} does not exist: create it first`);
  }
  if (existsSync(resolved) && statSync(resolved).isDirectory()) {
    throw new UsageError(`output ${shown} is a folder, not a file`);
  }
  return ext;
}
