// JSON text of saved learners and fit plans: plain functions, shared by the Node and browser builds.

/**
 * JSON with non-finite numbers kept (as tagged strings), since losses may be NaN or infinite.
 * @param value - anything JSON-like
 */
export function stringifyFinite(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `__num:${String(v)}` : v), 2);
}

/**
 * Reverses {@link stringifyFinite}.
 */
export function parseFinite(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' && v.startsWith('__num:') ? Number(v.slice(6)) : v));
}

/**
 * JSON with object keys sorted, so two equal values give the same text whatever their key order.
 * @param value - anything JSON-like
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
