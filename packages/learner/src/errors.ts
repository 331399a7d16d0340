/**
 * Base class of every error thrown by `@onecycle/learner`.
 *
 * @example
 * ```ts
 * try { await learner.fit(1e-2, 1); } catch (e) { if (e instanceof LearnerError) console.error(e.message); }
 * ```
 */
export class LearnerError extends Error {
  override readonly name: string = 'LearnerError';
}

/** A constructor or method option is invalid; the message names the option, the value and what is allowed. */
export class LearnerOptionError extends LearnerError {
  override readonly name = 'LearnerOptionError' as const;
}

/** The requested TensorFlow.js backend could not be loaded or cannot do what was asked. */
export class BackendError extends LearnerError {
  override readonly name = 'BackendError' as const;
}

/** Where in a fit something went wrong: the epoch, the global iteration and the learning rate in use. */
export interface FitPosition {
  /** 0-based epoch. */
  epoch: number;
  /** 0-based global iteration (batch index across epochs). */
  iteration: number;
  /** Learning rate used for that batch (of the last layer group), when known. */
  lr: number | undefined;
}

function describe(p: FitPosition): string {
  return `epoch ${p.epoch}, iteration ${p.iteration}, lr ${p.lr === undefined ? 'unknown' : p.lr.toPrecision(6)}`;
}

/** An exception thrown mid-fit, rethrown with the epoch, iteration and LR where it happened; the original is `cause`. */
export class FitError extends LearnerError {
  override readonly name = 'FitError' as const;
  /** Where the fit stopped. */
  readonly position: FitPosition;
  /**
   * @param position - where the fit stopped
   * @param cause - the original error
   */
  constructor(position: FitPosition, cause: unknown) {
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`fit failed at ${describe(position)}: ${why}`, { cause });
    this.position = position;
  }
}

/** The training loss became NaN or infinite; the message names the epoch, iteration and LR. */
export class NonFiniteLossError extends LearnerError {
  override readonly name = 'NonFiniteLossError' as const;
  /** Where the loss stopped being finite. */
  readonly position: FitPosition;
  /** The non-finite loss value. */
  readonly loss: number;
  /**
   * @param position - where the loss became non-finite
   * @param loss - the loss value read
   * @param restored - whether TerminateOnNaN restored the last finite weights
   */
  constructor(position: FitPosition, loss: number, restored: boolean) {
    super(
      `loss became ${loss} at ${describe(position)}; ` +
        (restored ? 'TerminateOnNaN restored the last finite weights' : 'the weights hold the last (non-finite) update') +
        '. Try a lower learning rate (run lrFind) or check the data for NaN.',
    );
    this.position = position;
    this.loss = loss;
  }
}

/** A saved learner directory is missing, incomplete or does not match the resumed fit. */
export class CheckpointError extends LearnerError {
  override readonly name = 'CheckpointError' as const;
}
