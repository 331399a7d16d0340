import type { JsonObject } from './jsonValue';
import type { RunProgress, RunnerResult } from './sweepRunner';

/** What the parent asks a runner host process to do: one run. */
export interface HostRunRequest {
  /** Message kind. */
  type: 'run';
  runId: string;
  config: JsonObject;
  /** Its folder (absolute). */
  dir: string;
  /** Runner options. */
  options: JsonObject;
}

/** What a runner host process tells its parent. */
export type HostMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'progress'; runId: string; progress: RunProgress }
  | { type: 'done'; runId: string; result: RunnerResult }
  | { type: 'error'; runId: string; message: string };

/**
 * Checks a message from a runner host (IPC messages are untyped).
 * @param m - what arrived
 * @returns whether it is a {@link HostMessage}
 */
export function isHostMessage(m: unknown): m is HostMessage {
  return typeof m === 'object' && m !== null && 'type' in m && typeof m.type === 'string';
}

/**
 * Checks a request from the parent.
 * @param m - what arrived
 * @returns whether it is a {@link HostRunRequest}
 */
export function isHostRunRequest(m: unknown): m is HostRunRequest {
  return typeof m === 'object' && m !== null && 'type' in m && m.type === 'run' && 'runId' in m && 'dir' in m;
}
