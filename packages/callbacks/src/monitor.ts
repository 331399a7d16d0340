import { describeValue } from '@onecycle/core-schedules';
import { CallbackOptionError } from './errors';
import type { TrainState } from './callback';

/** Which value a callback watches: 'validLoss', 'trainLoss' (smoothed) or a metric name. */
export type Monitor = 'validLoss' | 'trainLoss' | (string & {});

/** Whether smaller or larger is better; 'auto' = 'max' for names containing acc/auc/f1/precision/recall. */
export type MonitorMode = 'min' | 'max' | 'auto';

/**
 * Resolves 'auto'.
 * @param monitor - the watched value
 * @returns 'min' or 'max'
 */
export function resolveMode(monitor: Monitor, mode: MonitorMode): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') throw new CallbackOptionError(`mode must be 'min', 'max' or 'auto', got ${describeValue(mode)}`);
  if (typeof monitor !== 'string' || monitor === '') throw new CallbackOptionError(`monitor must be 'validLoss', 'trainLoss' or a metric name, got ${describeValue(monitor)}`);
  return /acc|auc|f1|precision|recall/i.test(monitor) ? 'max' : 'min';
}

/**
 * Reads the monitored value at the end of an epoch.
 * @param monitor - the watched value
 * @param who - the callback name, for the message
 */
export function readMonitor(state: TrainState, monitor: Monitor, who: string): number {
  const v = monitor === 'validLoss' ? state.validLoss : monitor === 'trainLoss' ? state.smoothLoss : state.metrics[monitor];
  if (v === undefined) {
    const have = ['trainLoss', ...(state.validLoss === undefined ? [] : ['validLoss']), ...Object.keys(state.metrics)];
    throw new CallbackOptionError(`${who}: monitor "${monitor}" has no value at epoch ${state.epoch}; available: ${have.join(', ')}`);
  }
  return v;
}

/**
 * Whether `value` improves on `best` by more than `minDelta`.
 * @param best - the best so far
 * @param mode - 'min' or 'max'
 * @param minDelta - smallest change that counts
 * @returns true when improved
 */
export function improves(value: number, best: number, mode: 'min' | 'max', minDelta: number): boolean {
  if (!Number.isFinite(value)) return false;
  return mode === 'min' ? value < best - minDelta : value > best + minDelta;
}

/**
 * Validates a non-negative option.
 * @param name - option name
 */
export function nonNegative(v: number, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new CallbackOptionError(`${name} must be a finite number >= 0, got ${describeValue(v)}`);
  return v;
}
