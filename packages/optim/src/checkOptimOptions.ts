import { describeValue, rejectUnknownKeys } from '@onecycle/core-schedules';
import { OptimOptionError } from './errors';

const fail = (message: string): OptimOptionError => new OptimOptionError(message);

/**
 * Checks an optimizer's options object: an object whose keys are all known, so a misspelled
 * option (`momentun`, PyTorch's `weight_decay`) fails loudly instead of leaving the default in place.
 *
 * @param who - the factory, for the message (`'sgdw'`)
 * @throws OptimOptionError naming the unknown option, the closest valid one and the list
 */
export function checkOptimOptions(opts: unknown, who: string, allowed: readonly string[]): void {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw fail(`${who} options must be an object, got ${describeValue(opts)}`);
  rejectUnknownKeys(opts, allowed, { path: `${who} `, what: 'an option', listLabel: 'options' }, fail);
}

/** `v` as a boolean, `fallback` when absent. @throws OptimOptionError for anything but true, false or undefined */
export function optimBoolean(v: unknown, name: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw fail(`${name} must be true or false, got ${describeValue(v)}`);
  return v;
}
