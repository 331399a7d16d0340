import type { CallbackEvent } from './callback';

/** Base class of every error thrown by `@onecycle/callbacks`. */
export class CallbacksError extends Error {
  override readonly name: string = 'CallbacksError';
}

/**
 * A callback hook threw: names the callback and the event; the original error is `cause`.
 * (Cancel errors are never wrapped.)
 */
export class CallbackError extends CallbacksError {
  override readonly name = 'CallbackError' as const;
  /** Name of the callback whose hook threw. */
  readonly callbackName: string;
  /** The event being fired. */
  readonly event: CallbackEvent;

  /**
   * @param callbackName - the callback's `name`
   * @param event - the event being fired
   * @param cause - the original error
   */
  constructor(callbackName: string, event: CallbackEvent, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`callback "${callbackName}" failed in ${event}: ${why}`, { cause });
    this.callbackName = callbackName;
    this.event = event;
  }
}

/** An option or argument had a value that is not allowed; the message names it. */
export class CallbackOptionError extends CallbacksError {
  override readonly name = 'CallbackOptionError' as const;
}

/** A weight snapshot could not be taken or restored. */
export class SnapshotError extends CallbacksError {
  override readonly name = 'SnapshotError' as const;
}

/** Throw from a hook to end the current batch; `onBatchEnd` still fires (fastai's CancelBatchException). */
export class CancelBatchError extends Error {
  override readonly name = 'CancelBatchError' as const;
  /** @param message - why the batch was cancelled */
  constructor(message = 'batch cancelled') {
    super(message);
  }
}

/** Throw from a hook to end the current epoch; `onEpochEnd` still fires (fastai's CancelEpochException). */
export class CancelEpochError extends Error {
  override readonly name = 'CancelEpochError' as const;
  /** @param message - why the epoch was cancelled */
  constructor(message = 'epoch cancelled') {
    super(message);
  }
}

/** Throw from a hook to end training; `onEpochEnd`/`onTrainEnd` still fire (fastai's CancelFitException). */
export class CancelFitError extends Error {
  override readonly name = 'CancelFitError' as const;
  /** @param message - why training was cancelled */
  constructor(message = 'fit cancelled') {
    super(message);
  }
}

/**
 * Whether an error is one of the three cancel errors.
 * @param e - anything thrown
 * @returns true for CancelBatchError, CancelEpochError and CancelFitError
 */
export function isCancelError(e: unknown): e is CancelBatchError | CancelEpochError | CancelFitError {
  return e instanceof CancelBatchError || e instanceof CancelEpochError || e instanceof CancelFitError;
}
