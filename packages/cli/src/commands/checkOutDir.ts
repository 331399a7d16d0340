import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors';

/**
 * Checks an output folder before any work: it may exist (as a folder) or not yet, but its parent
 * folder must exist — unless the folder is the command's default (`out/<name>`), whose `out/` is
 * created with it. It is created only when there is something to write.
 *
 * @param resolved - the absolute path
 * @param shown - the path as typed, for messages
 * @param opts - `defaulted`: the path is the command's default, not a `--out` the user gave
 * @returns the absolute path
 * @throws UsageError when it is a file or its parent is missing
 */
export function checkOutDir(resolved: string, shown: string, opts: { defaulted?: boolean } = {}): string {
  if (existsSync(resolved)) {
    if (!statSync(resolved).isDirectory()) throw new UsageError(`--out ${shown} is a file, not a folder`);
    return resolved;
  }
  const parent = path.dirname(resolved);
  if (existsSync(parent) && !statSync(parent).isDirectory()) {
    throw new UsageError(`--out ${shown}: ${parent} is a file, not a folder`);
  }
  // The default out/<name> may create out/ too; a folder the user named must have its parent.
  if (opts.defaulted !== true && !existsSync(parent)) {
    throw new UsageError(`--out ${shown}: its parent folder ${parent} does not exist: create it first`);
  }
  return resolved;
}

/**
 * Reads a `--seed` value: a whole number >= 0.
 *
 * @param raw - the text
 * @throws UsageError otherwise
 */
export function parseSeed(raw: string): number {
  const n = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--seed must be a whole number >= 0, got '${raw}'`);
  return n;
}
