import { describeValue, rejectUnknownKeys } from '@onecycle/core-schedules';
import { VizError } from './errors';

/**
 * Checks a chart function's options: an object (or nothing) with known names only, and the
 * common fields typed right (title a string, width and height positive numbers), so a misspelled
 * or mistyped option fails here instead of drawing something else or failing inside vega.
 *
 * @param fn - the chart function, for the message
 * @param allowed - its option names
 * @throws VizError naming the option, the value and what is allowed
 */
export function checkChartOptions(opts: unknown, fn: string, allowed: readonly string[]): void {
  if (opts === undefined) return;
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw new VizError(`${fn} options must be an object, got ${describeValue(opts)}`);
  rejectUnknownKeys(opts, allowed, { path: `${fn} `, what: 'an option', listLabel: 'options' }, (m) => new VizError(m));
  const title: unknown = Reflect.get(opts, 'title');
  if (title !== undefined && typeof title !== 'string') throw new VizError(`${fn} title must be a string, got ${describeValue(title)}`);
  for (const key of ['width', 'height']) {
    const v: unknown = Reflect.get(opts, key);
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) throw new VizError(`${fn} ${key} must be a finite number of pixels > 0, got ${describeValue(v)}`);
  }
}

/**
 * Checks that a chart's data argument is an object holding the named arrays.
 *
 * @param fn - the chart function, for the message
 * @param what - what the argument should be, e.g. `'a Recorder JSON'`
 * @param arrays - the fields that must be arrays
 * @throws VizError naming the argument or field and the value
 */
export function checkDataArgument(v: unknown, fn: string, what: string, arrays: readonly string[]): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new VizError(`${fn} needs ${what}, got ${describeValue(v)}`);
  for (const key of arrays) {
    const a: unknown = Reflect.get(v, key);
    if (!Array.isArray(a)) throw new VizError(`${fn} needs ${what}: its ${key} must be an array, got ${describeValue(a)}`);
  }
}
