import { rejectUnknownKeys } from '@onecycle/core-schedules';
import { ConfigError } from '../errors';

/** A JSON object, after checking. */
export type JsonRecord = Record<string, unknown>;

// Numbers as written (JSON would print Infinity and NaN, which a JSON config can hold through 1e999, as null).
const show = (v: unknown): string => (v === undefined ? 'nothing' : typeof v === 'number' ? String(v) : JSON.stringify(v));

/**
 * Checks that a value is a JSON object with only the allowed keys.
 *
 * @param path - its field path, for messages (`''` for the top level)
 * @param keys - allowed keys
 * @param example - what a valid object looks like, for the message
 * @throws ConfigError naming the path and the unknown key
 */
export function record(v: unknown, path: string, keys: readonly string[], example: string): JsonRecord {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ConfigError(`${path === '' ? 'the config' : path} must be an object like ${example}, got ${show(v)}`);
  }
  const obj: JsonRecord = { ...v };
  rejectUnknownKeys(obj, keys, { path: path === '' ? '' : `${path}.`, what: 'a known field', listLabel: 'fields' }, (m) => new ConfigError(m));
  return obj;
}

/**
 * Reads a number field that must satisfy a test.
 *
 * @param path - its field path
 * @param ok - the test
 * @param what - what is allowed, e.g. `'a number in [0, 1)'`
 * @throws ConfigError when it is not a finite number passing the test
 */
export function num(v: unknown, path: string, ok: (n: number) => boolean, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new ConfigError(`${path} must be ${what}, got ${show(v)}`);
  return v;
}

/**
 * Reads a positive whole number.
 *
 * @param path - its field path
 * @throws ConfigError otherwise
 */
export function posInt(v: unknown, path: string): number {
  return num(v, path, (n) => Number.isSafeInteger(n) && n >= 1, 'a positive whole number');
}

/**
 * Reads a positive number.
 *
 * @param path - its field path
 * @throws ConfigError otherwise
 */
export function positive(v: unknown, path: string): number {
  return num(v, path, (n) => n > 0, 'a positive number');
}

/**
 * Reads a boolean.
 *
 * @param path - its field path
 * @throws ConfigError otherwise
 */
export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new ConfigError(`${path} must be true or false, got ${show(v)}`);
  return v;
}

/**
 * Reads an array of numbers of one of the allowed lengths.
 *
 * @param path - its field path
 * @param lengths - allowed lengths
 * @param what - what the items mean, for the message (e.g. `'[div, pct, maxMom, minMom]'`)
 * @throws ConfigError naming the item that is wrong
 */
export function numbers(v: unknown, path: string, lengths: readonly number[], what: string): number[] {
  if (!Array.isArray(v) || !lengths.includes(v.length)) {
    throw new ConfigError(`${path} must be ${what} (${lengths.join(' or ')} numbers), got ${show(v)}`);
  }
  return v.map((x: unknown, i) => num(x, `${path}[${i}]`, () => true, 'a number'));
}

/**
 * Reads one of a set of words.
 *
 * @param path - its field path
 * @param words - the allowed words
 * @returns the word
 * @throws ConfigError otherwise
 */
export function oneOf<W extends string>(v: unknown, path: string, words: readonly W[]): W {
  const found = words.find((w) => w === v);
  if (found === undefined) throw new ConfigError(`${path} must be one of ${words.map((w) => `'${w}'`).join(', ')}, got ${show(v)}`);
  return found;
}
