import { closestName, describeValue } from '@onecycle/core-schedules';
import { CallbackOptionError } from './errors';
import { CALLBACK_EVENTS } from './callback';

const EVENTS: readonly string[] = CALLBACK_EVENTS;

/** Own and inherited member names of a callback (class hooks live on the prototype). */
function memberNames(cb: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = cb; o !== null && o !== Object.prototype; o = Reflect.getPrototypeOf(o)) {
    for (const k of Reflect.ownKeys(o)) if (typeof k === 'string') names.add(k);
  }
  return [...names];
}

/**
 * Checks a callback before a bus takes it: an object with a non-empty name, every hook it has a
 * function, and no `on…` member that looks like a misspelled event (`onBatchEnds`) — such a hook
 * would otherwise never fire, silently.
 *
 * @throws CallbackOptionError naming the callback, the member and the known events
 */
export function checkCallback(cb: unknown): void {
  if (typeof cb !== 'object' || cb === null || Array.isArray(cb)) {
    throw new CallbackOptionError(`a callback must be an object with a name and on… hooks (${EVENTS.join(', ')}), got ${describeValue(cb)}`);
  }
  const name: unknown = Reflect.get(cb, 'name');
  if (typeof name !== 'string' || name === '') {
    throw new CallbackOptionError(`a callback needs a name (a non-empty string, unique on its bus), got ${describeValue(name)}`);
  }
  for (const key of memberNames(cb)) {
    if (EVENTS.includes(key)) {
      const hook: unknown = Reflect.get(cb, key);
      if (hook !== undefined && typeof hook !== 'function') throw new CallbackOptionError(`callback "${name}": ${key} must be a function (state, ctx) => …, got ${describeValue(hook)}`);
      continue;
    }
    if (!/^on[A-Z]/.test(key)) continue;
    const near = closestName(key, EVENTS);
    if (near !== undefined) {
      throw new CallbackOptionError(`callback "${name}": ${key} is not an event (did you mean '${near}'?), so it would never fire; events: ${EVENTS.join(', ')}`);
    }
  }
}

/**
 * The error for firing an event the bus does not know.
 * @returns the error to throw
 */
export function unknownEvent(event: unknown): CallbackOptionError {
  const near = typeof event === 'string' ? closestName(event, EVENTS) : undefined;
  return new CallbackOptionError(`${describeValue(event)} is not an event${near === undefined ? '' : ` (did you mean '${near}'?)`}; events: ${EVENTS.join(', ')}`);
}
