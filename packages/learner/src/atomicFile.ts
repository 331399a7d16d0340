import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

/**
 * Writes a file atomically: to a temporary file beside it, then renamed over the target, so a
 * reader never sees a half-written file.
 *
 * @param file - target path
 * @param data - contents
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * JSON with non-finite numbers kept (as tagged strings), since losses may be NaN or infinite.
 * @param value - anything JSON-like
 * @returns the text
 */
export function stringifyFinite(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `__num:${String(v)}` : v), 2);
}

/**
 * Reverses {@link stringifyFinite}.
 * @param text - the text
 * @returns the value
 */
export function parseFinite(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' && v.startsWith('__num:') ? Number(v.slice(6)) : v));
}

/**
 * JSON with object keys sorted, so two equal values give the same text whatever their key order.
 * @param value - anything JSON-like
 * @returns the text
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
