import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that a reader, or the file after a crash, holds either the old content or the
 * new one, never a mix: the bytes go to a uniquely named temp file beside the target, are flushed
 * to disk (fsync) and the temp file is renamed over the target (rename is atomic on POSIX file
 * systems). The folder is created when missing; the temp file is removed when a step fails.
 * @param file - the target path
 * @param data - its content
 * @returns when the file is in place
 * @example
 * ```ts
 * await writeFileAtomic('out/history.json', JSON.stringify(history));
 * ```
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  // pid + random: concurrent writers (threads, processes, machines on a shared disk) never share a temp file
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
