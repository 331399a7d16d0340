import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AtomicWriteError } from './errors';
import { parseTempFileName } from './parseTempFileName';

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Create the file's folder when it is missing.
   * @default true
   */
  mkdir?: boolean;
  /**
   * `fsync` the file before the rename, so that after a power loss the file is the old or the new
   * content too (a killed process needs no fsync: the page cache survives it).
   * @default true
   */
  fsync?: boolean;
}

let tempCount = 0;

/**
 * Writes a file atomically: the data goes to a temp file beside the target (named
 * `<name>.tmp-<pid>-<counter>`, so concurrent writes never share one), is flushed to disk, and is
 * then renamed over the target. A reader, or a process that was killed at any moment, sees the
 * old complete file or the new complete file, never a mix. The temp file is removed when a step
 * fails; a temp file left by a killed process is removed by {@link removeStaleTempFiles}.
 *
 * @param path - the file to write
 * @param data - its content
 * @returns when the file is in place
 * @throws AtomicWriteError when `path` or `data` has the wrong type, or the write fails (`cause`)
 * @example
 * ```ts
 * await writeFileAtomic('out/history.json', JSON.stringify(history));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new AtomicWriteError(`path must be a non-empty string, got ${describe(path)}`);
  }
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new AtomicWriteError(`data must be a string or a Uint8Array, got ${describe(data)} (for ${path})`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'mkdir' && key !== 'fsync') {
      throw new AtomicWriteError(`unknown option ${JSON.stringify(key)}: writeFileAtomic takes mkdir and fsync`);
    }
  }
  tempCount += 1;
  const tmp = `${path}.tmp-${process.pid}-${tempCount}`;
  try {
    if (options.mkdir ?? true) await mkdir(dirname(path), { recursive: true });
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      if (options.fsync ?? true) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new AtomicWriteError(`could not write ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * Writes a value as pretty JSON (2 spaces, final newline) with {@link writeFileAtomic}.
 *
 * @param path - the file to write
 * @param value - any JSON-serialisable value
 */
export function writeJsonAtomic(path: string, value: unknown, options?: WriteFileAtomicOptions): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/**
 * Removes the temp files that {@link writeFileAtomic} left in a folder when its process was killed
 * mid-write: those whose writer process is no longer running (a live writer's temp file is kept).
 *
 * @param dir - the folder; a missing folder is fine
 * @returns the names removed
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw new AtomicWriteError(`could not list ${dir}: ${err.message}`, { cause: err });
  });
  const removed: string[] = [];
  for (const name of names) {
    const parsed = parseTempFileName(basename(name));
    if (parsed === undefined || parsed.pid === process.pid || isRunning(parsed.pid)) continue;
    await rm(join(dir, name), { force: true, recursive: true });
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`;
}
