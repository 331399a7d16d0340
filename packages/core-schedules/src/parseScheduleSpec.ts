import { compileSpec } from './createSchedule';
import type { ScheduleSpec } from './scheduleSpec';

/**
 * Validates a schedule spec read from JSON (a file, a CLI flag) and returns it with every
 * default filled in.
 * @param json - the parsed JSON value.
 * @returns a valid {@link ScheduleSpec}.
 * @throws ScheduleError whose message names the field path, e.g.
 *   `phases[1].lr.end must be a finite number, got "x"`; unknown kinds and unknown fields are rejected.
 * @example
 * ```ts
 * const spec = parseScheduleSpec(JSON.parse(fs.readFileSync('schedule.json', 'utf8')));
 * const sched = createSchedule(spec);
 * ```
 */
export function parseScheduleSpec(json: unknown): ScheduleSpec {
  return compileSpec(json, '').spec;
}
