import { parseArgs } from 'node:util';
import { closestName } from '@onecycle/core-schedules';
import { UsageError } from '../errors';

/** Declaration of one `--flag`. */
export interface FlagSpec {
  /** `'string'` flags take a value (`--lr 0.1` or `--lr=0.1`); `'boolean'` flags take none. */
  type: 'string' | 'boolean';
  /** One-letter alias, e.g. `'o'` for `-o`. */
  short?: string;
}

/**
 * Parses `--flag value` arguments strictly: unknown flags, a flag given twice, a missing value,
 * a value on a boolean flag and stray positional arguments are all {@link UsageError}s.
 * Negative numbers are accepted as values (`--gamma -1` is odd, but `--x -0.5` parses).
 *
 * @param args - the arguments to parse
 * @param flags - the flags allowed, by long name
 * @param context - words that explain where a flag is unknown, e.g. `"for kind 'oneCycle'"`
 * @returns the values given, by long name (strings, or `true` for boolean flags)
 * @throws UsageError naming the offending flag
 */
export function parseFlags(args: string[], flags: Record<string, FlagSpec>, context = ''): Map<string, string | true> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, f] of Object.entries(flags)) options[name] = f.short === undefined ? { type: f.type } : { type: f.type, short: f.short };
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const values = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError(`unexpected argument '${token.value}'`);
    if (token.kind === 'option-terminator') continue;
    const spec = flags[token.name];
    if (spec === undefined) {
      const near = closestName(token.name, Object.keys(flags));
      throw new UsageError(`unknown option ${token.rawName}${context === '' ? '' : ` ${context}`}${near === undefined ? '' : ` (did you mean --${near}?)`}`);
    }
    const label = `--${token.name}`;
    if (values.has(token.name)) throw new UsageError(`${label} is given twice`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${label} takes no value, got '${token.value}'`);
      values.set(token.name, true);
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && /^-[-a-zA-Z]/.test(value))) {
      throw new UsageError(`${label} needs a value`);
    }
    values.set(token.name, value);
  }
  return values;
}

/**
 * Reads a flag value as a finite number.
 *
 * @param flag - the flag name, for the message
 * @param raw - the text given
 * @throws UsageError when the text is not a finite number
 */
export function parseNumber(flag: string, raw: string): number {
  const n = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, got '${raw}'`);
  return n;
}

/**
 * Reads a flag value as a positive whole number.
 *
 * @param flag - the flag name, for the message
 * @param raw - the text given
 * @throws UsageError when the text is not a positive integer
 */
export function parsePositiveInt(flag: string, raw: string): number {
  const n = parseNumber(flag, raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive whole number, got '${raw}'`);
  return n;
}
