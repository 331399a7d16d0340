import { writeFileAtomic } from './writeFileAtomic';

/**
 * Writes a value as pretty JSON (2 spaces, final newline) with {@link writeFileAtomic}, the form
 * every `@onecycle` output file (config.json, history.json, results.json) takes.
 * @param file - the target path
 * @param value - any JSON-serialisable value
 * @returns when the file is in place
 * @example
 * ```ts
 * await writeJsonAtomic('out/results.json', { runs });
 * ```
 */
export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
