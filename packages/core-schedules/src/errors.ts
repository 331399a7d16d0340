/**
 * The error every `@onecycle/core-schedules` function throws on bad input.
 *
 * Its message names the parameter (as a field path such as `phases[1].lr.end`), the value
 * that was given and what is allowed, e.g.
 * `"pct must be in [0, 100), got 120: it is the percent of each cycle spent in the final phase"`.
 */
export class ScheduleError extends Error {
  /** Always `'ScheduleError'`. */
  override readonly name = 'ScheduleError' as const;

  /**
   * @param message - what was wrong and what is allowed.
   */
  constructor(message: string) {
    super(message);
  }
}
