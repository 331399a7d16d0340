const TEMP_RE = /^(.+)\.tmp-(\d+)-(\d+)$/;

/**
 * Whether a file name is a temp file of `writeFileAtomic` (`<target>.tmp-<pid>-<counter>`), and
 * for which target.
 *
 * @param name - a file name (no folder)
 * @returns the target's name and the writer's pid, or undefined
 */
export function parseTempFileName(name: string): { target: string; pid: number } | undefined {
  const m = TEMP_RE.exec(name);
  return m === null || m[1] === undefined || m[2] === undefined ? undefined : { target: m[1], pid: Number(m[2]) };
}
