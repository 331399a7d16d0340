import { SweepError } from './errors';

/** How long a sweep or a worker waits for Redis before it gives up, ms. */
export const CONNECT_TIMEOUT_MS = 15_000;

/**
 * Waits for a BullMQ client to be ready, or fails with a message naming the Redis URL: ioredis
 * would otherwise retry for ever, and a sweep pointed at a wrong host would hang without a word.
 * @param ready - the client's `waitUntilReady()` (or several)
 * @param url - the Redis URL, for the message
 * @param lastError - the last connection error seen, if any
 * @param ms - the time allowed
 * @returns when ready
 * @throws SweepError when the time runs out
 */
export async function connectWithin(ready: Promise<unknown>, url: string, lastError: () => string | undefined, ms = CONNECT_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const why = lastError();
      reject(new SweepError(`cannot reach Redis at ${url} within ${ms / 1000} s${why === undefined ? '' : ` (${why})`}: is redis-server running there, and does it accept connections from this machine?`));
    }, ms);
  });
  try {
    await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
