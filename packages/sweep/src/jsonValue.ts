/** A JSON value: what a sweep config, a run config and a run's result are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Whether a value is a plain JSON object (not null, not an array).
 * @returns true for `{ … }`
 */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A deep copy of a JSON value, so a run's config never shares objects with the base config or
 * with another run's.
 * @returns the copy
 */
export function cloneJson<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}
