/**
 * Describes a value for an error message so a wrong type is visible: `'50'` reads as
 * `the string "50"`, not as `50`; `NaN`, `Infinity` and `null` stay as written.
 *
 * @param v - anything that was given
 * @returns a short description
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return `the bigint ${String(v)}n`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol') return `the symbol ${String(v.description)}`;
  const ctor: unknown = Object.getPrototypeOf(v)?.constructor?.name;
  if (!Array.isArray(v) && typeof ctor === 'string' && ctor !== 'Object' && ctor !== '') return `a ${ctor}`;
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = Object.prototype.toString.call(v);
  }
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return Array.isArray(v) ? `an array ${text}` : `an object ${text}`;
}
