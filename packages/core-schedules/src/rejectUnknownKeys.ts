/**
 * Levenshtein distance between two strings (insertions, deletions and substitutions cost 1).
 * @returns the number of single-character edits that turn `a` into `b`
 */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Lower case without `_` and `-`, so `cycle_len`, `cyclelen` and `cycleLen` compare equal. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[_-]/g, '');
}

/**
 * The valid name a mistyped one most likely meant: the closest by edit distance after ignoring
 * case, `_` and `-`, when it is close enough to be a plausible typo (at most a third of its
 * letters, and at least 2, differ) or one name begins the other.
 *
 * @param valid - the names that are allowed
 * @returns the closest valid name, or undefined when none is close
 * @example
 * ```ts
 * closestName('cyclelen', ['cycleLen', 'cycleMult']); // 'cycleLen'
 * closestName('colour', ['lr', 'mom']);               // undefined
 * ```
 */
export function closestName(name: string, valid: readonly string[]): string | undefined {
  const given = fold(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const v of valid) {
    const f = fold(v);
    // A valid name that begins the given one (or the reverse) is a likely mix-up too: `validation` for `valid`.
    const prefix = Math.min(f.length, given.length) >= 3 && (given.startsWith(f) || f.startsWith(given));
    const d = prefix ? Math.min(1, editDistance(given, f)) : editDistance(given, f);
    if (d < bestDistance) {
      best = v;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(given.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** How {@link rejectUnknownKeys} words its message. */
export interface UnknownKeysWording {
  /** Prefix of every key in the message, e.g. `'phases[1].'` or `'fit options: '`. @default '' */
  path?: string;
  /** What a key should be, e.g. `"a field of kind 'oneCycle'"` or `'an option of fit'`. */
  what: string;
  /** The label of the list of allowed names. @default 'allowed fields' */
  listLabel?: string;
}

/**
 * Rejects keys of an options object that are not among the allowed names, so a misspelled option
 * fails loudly instead of being ignored. The message names the key, what it should have been, the
 * closest valid name (when one is close) and every allowed name.
 *
 * @param value - the options object as given
 * @param allowed - its valid keys
 * @param wording - how to name the key and the list in the message
 * @param makeError - builds the package's own error class from the message
 * @throws whatever `makeError` returns, for the first unknown key
 * @example
 * ```ts
 * rejectUnknownKeys({ cyclelen: 3 }, ['cycleLen', 'cycleMult'], { what: 'an option of fit' }, (m) => new LearnerOptionError(m));
 * // LearnerOptionError: cyclelen is not an option of fit (did you mean 'cycleLen'?); allowed fields: cycleLen, cycleMult
 * ```
 */
export function rejectUnknownKeys(value: object, allowed: readonly string[], wording: UnknownKeysWording, makeError: (message: string) => Error): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const near = closestName(key, allowed);
    const hint = near === undefined ? '' : ` (did you mean '${near}'?)`;
    throw makeError(`${wording.path ?? ''}${key} is not ${wording.what}${hint}; ${wording.listLabel ?? 'allowed fields'}: ${allowed.join(', ')}`);
  }
}
