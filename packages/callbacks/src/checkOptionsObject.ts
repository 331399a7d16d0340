import { describeValue, rejectUnknownKeys } from '@onecycle/core-schedules';
import { CallbackOptionError } from './errors';

const fail = (message: string): CallbackOptionError => new CallbackOptionError(message);

/**
 * Checks a callback's options object: an object (or nothing) whose keys are all known, so a
 * misspelled option fails loudly instead of leaving the default in place.
 *
 * @param who - the callback, for the message (e.g. `'TerminateOnNaN'`)
 * @param allowed - the option names
 * @returns the options, or an empty object when none were given
 * @throws CallbackOptionError naming the unknown option and the closest valid one
 */
export function checkOptionsObject<T extends object>(opts: T | undefined, who: string, allowed: readonly string[]): T | Record<string, never> {
  if (opts === undefined) return {};
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw fail(`${who} options must be an object, got ${describeValue(opts)}`);
  rejectUnknownKeys(opts, allowed, { path: `${who} `, what: 'an option', listLabel: 'options' }, fail);
  return opts;
}

/**
 * @param name - the option, for the message
 * @param def - the default when absent
 * @throws CallbackOptionError unless `v` is a boolean or absent
 */
export function boolOption(v: unknown, name: string, def: boolean): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw fail(`${name} must be true or false, got ${describeValue(v)}`);
  return v;
}

/**
 * @param name - the option, for the message
 * @param min - the smallest allowed
 * @throws CallbackOptionError unless `v` is a safe integer >= min
 */
export function intOption(v: unknown, name: string, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw fail(`${name} must be an integer >= ${min}, got ${describeValue(v)}`);
  return v;
}

/**
 * @param name - the option, for the message
 * @throws CallbackOptionError unless `v` is a non-empty string
 */
export function stringOption(v: unknown, name: string): string {
  if (typeof v !== 'string' || v === '') throw fail(`${name} must be a non-empty string, got ${describeValue(v)}`);
  return v;
}
