import { SweepConfigError } from './errors';
import { cloneJson, isJsonObject } from './jsonValue';
import type { JsonObject, JsonValue } from './jsonValue';

const SEGMENT = /^[A-Za-z_$][\w$-]*$|^\d+$/;

/**
 * Splits and checks a dotted field path such as `schedule.fit.useClrBeta` or `model.hidden.0`
 * (a number indexes an array).
 * @param where - where it was written, for the message (e.g. `grid`)
 * @returns its segments
 * @throws SweepConfigError naming the path when a segment is empty or not a name
 */
export function parseFieldPath(path: string, where: string): string[] {
  const segments = path.split('.');
  if (path === '' || segments.some((s) => !SEGMENT.test(s))) {
    throw new SweepConfigError(`${where}["${path}"]`, path, 'a dotted field path of the run config like "optimizer.weightDecay" (names, or numbers for array items)');
  }
  return segments;
}

/**
 * A copy of `config` with the value at `path` replaced (intermediate objects are created when
 * missing), leaving `config` untouched: how a grid value or a variant reaches one run's config.
 * @param config - the run config
 * @param path - a dotted path, see {@link parseFieldPath}
 * @returns the new config
 * @throws SweepConfigError when the path runs through a value that is not an object or array
 * @example
 * ```ts
 * setFieldPath({ optimizer: { name: 'sgdw' } }, 'optimizer.weightDecay', 1e-4);
 * // { optimizer: { name: 'sgdw', weightDecay: 1e-4 } }
 * ```
 */
export function setFieldPath(config: JsonObject, path: string, value: JsonValue): JsonObject {
  const segments = parseFieldPath(path, 'path');
  const root = cloneJson(config);
  let node: JsonValue = root;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i] ?? '';
    const last = i === segments.length - 1;
    const here = segments.slice(0, i).join('.');
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index > node.length) {
        throw new SweepConfigError(path, value, `a path whose item ${here}[${key}] exists (the array has ${node.length} items)`);
      }
      if (last) {
        node[index] = cloneJson(value);
        return root;
      }
      const next: JsonValue = node[index] ?? {};
      node[index] = next;
      node = next;
    } else if (isJsonObject(node)) {
      if (last) {
        node[key] = cloneJson(value);
        return root;
      }
      const next: JsonValue = node[key] ?? {};
      node[key] = next;
      node = next;
    } else {
      throw new SweepConfigError(path, value, `a path through objects, but ${here} is ${JSON.stringify(node)}`);
    }
  }
  return root;
}
