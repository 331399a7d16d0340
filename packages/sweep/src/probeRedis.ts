import { Redis } from 'ioredis';
import { SweepError } from './errors';
import type { RedisConnection } from './redisConnection';

/** How long a sweep or a worker waits for Redis to answer before it gives up, ms. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Checks that Redis answers (one PING on a client that does not retry) before any BullMQ client
 * is made: BullMQ's clients retry for ever and cannot be closed before they connect, so a sweep
 * pointed at a wrong host would hang without a word.
 * @param url - the URL, for the message
 * @param ms - the time allowed
 * @returns when Redis answered
 * @throws SweepError naming the URL and the reason
 */
export async function probeRedis(connection: RedisConnection, url: string, ms = CONNECT_TIMEOUT_MS): Promise<void> {
  const client = new Redis({ ...connection, lazyConnect: true, connectTimeout: ms, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: string | undefined;
  client.on('error', (err: Error) => {
    cause ??= err.message; // the socket's reason (ECONNREFUSED, ENOTFOUND); the rejection only says "closed"
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new SweepError(`cannot reach Redis at ${url} (${cause ?? (err instanceof Error ? err.message : String(err))}): is redis-server running there, and does it accept connections from this machine?`, { cause: err });
  } finally {
    client.disconnect();
  }
}
