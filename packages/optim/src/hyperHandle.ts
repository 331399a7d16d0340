import type { Hyper } from '@onecycle/core-schedules';

/** Where a scheduler reads and writes the hyper-parameters of an optimizer. */
export interface HyperHandle {
  /**
   * The hyper-parameters the next update will use.
   * @returns lr always; mom and wd when the optimizer has them.
   */
  get(): Hyper;
  /**
   * Changes the hyper-parameters used by the next update.
   * @param h - the values to change; absent fields stay as they are.
   */
  set(h: Partial<Hyper>): void;
}
