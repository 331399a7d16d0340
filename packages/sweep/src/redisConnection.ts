import { SweepError } from './errors';

/** Where the Redis server of a queue is, as ioredis takes it. */
export interface RedisConnection {
  /** Host name or address. */
  host: string;
  port: number;
  /** Database number. @default 0 */
  db?: number;
  /** ACL user name. */
  username?: string;
  password?: string;
  /** BullMQ's workers block on Redis commands: they must wait, not fail after a few retries. */
  maxRetriesPerRequest: null;
}

/**
 * Reads a queue URL, `redis://[user:password@]host[:port][/db]` (port 6379 by default).
 * @throws SweepError naming the URL and the form expected
 * @example
 * ```ts
 * parseRedisUrl('redis://10.0.0.5:6380/2'); // { host: '10.0.0.5', port: 6380, db: 2, maxRetriesPerRequest: null }
 * ```
 */
export function parseRedisUrl(url: string): RedisConnection {
  const form = 'redis://[user:password@]host[:port][/db], e.g. redis://127.0.0.1:6379';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SweepError(`queue URL must be ${form}, got '${url}'`);
  }
  if (u.protocol !== 'redis:' || u.hostname === '') throw new SweepError(`queue URL must be ${form}, got '${url}'`);
  const port = u.port === '' ? 6379 : Number(u.port);
  const out: RedisConnection = { host: u.hostname.replace(/^\[|\]$/g, ''), port, maxRetriesPerRequest: null };
  const db = u.pathname.replace(/^\//, '');
  if (db !== '') {
    const n = Number(db);
    if (!Number.isInteger(n) || n < 0) throw new SweepError(`queue URL database must be a whole number >= 0, got '${db}' in '${url}'`);
    out.db = n;
  }
  if (u.username !== '') out.username = decodeURIComponent(u.username);
  if (u.password !== '') out.password = decodeURIComponent(u.password);
  return out;
}
