import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@onecycle/learner';
import type { BackendInfo, BackendKind } from '@onecycle/learner';
import type { CommandContext } from '../cli/cliCommand';
import { UsageError } from '../errors';

/** The values `--backend` accepts. */
export const BACKEND_KINDS: readonly BackendKind[] = ['auto', 'tensorflow', 'cpu', 'wasm'];

/**
 * Reads a `--backend` value.
 *
 * @param raw - the text given, or undefined
 * @returns the backend kind (`'auto'` when absent)
 * @throws UsageError for anything else
 */
export function parseBackend(raw: string | true | undefined): BackendKind {
  if (raw === undefined) return 'auto';
  const kind = BACKEND_KINDS.find((k) => k === raw);
  if (kind === undefined) throw new UsageError(`--backend must be one of ${BACKEND_KINDS.join(', ')}, got '${String(raw)}'`);
  return kind;
}

/**
 * Registers tfjs's pure-JS CPU backend (from `@tensorflow/tfjs`, a dependency of the cli), then
 * activates the requested backend (in tfjs production mode) with the learner's `initBackend`, which prints one line saying
 * which backend it got and how to get a faster one.
 *
 * @param kind - the backend asked for
 * @param ctx - output stream and the folder optional backends are resolved from
 * @returns what initBackend set up
 */
export async function setupBackend(kind: BackendKind, ctx: CommandContext): Promise<BackendInfo> {
  await import('@tensorflow/tfjs');
  // production mode: no debug checks, and no second "install tfjs-node" banner (initBackend says it once)
  tf.env().set('PROD', true);
  return initBackend(kind, { resolveFrom: ctx.io.cwd, log: (line) => ctx.io.stdout.write(`${line}\n`) });
}

/**
 * Sets up the backend ({@link setupBackend}), then runs `fn`. On the pure-JS `cpu` backend the
 * Learner that `fn` trains swaps in its fast convolution filter-gradient kernel for each fit.
 *
 * @param kind - the backend asked for
 * @param ctx - output stream and the folder optional backends are resolved from
 * @param fn - the work, given the backend info
 * @returns what `fn` returns
 */
export async function withBackend<T>(kind: BackendKind, ctx: CommandContext, fn: (info: BackendInfo) => Promise<T>): Promise<T> {
  return fn(await setupBackend(kind, ctx));
}
