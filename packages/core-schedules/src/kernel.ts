import type { ScheduleSpec } from './scheduleSpec';
import type { Hyper } from './stepSchedule';

/** A compiled kind, before step checking and the shared `wd` option are applied. */
export interface Kernel {
  /** The spec with every default filled in. */
  readonly spec: ScheduleSpec;
  readonly totalSteps: number | undefined;
  readonly peakLr: number;
  /** lr, mom (and wd when the kind schedules wd itself); `step` is already checked. */
  at(step: number): Hyper;
  /** Phase/cycle starts in (0, limit), sorted. */
  boundaries(limit: number): number[];
  /** True when `at` already sets `wd` (phases with per-phase wd, sequences). */
  readonly ownsWd: boolean;
}

/** Boundaries of a periodic schedule: `offsets` inside each cycle of length `period`, plus cycle starts. */
export function periodicBoundaries(period: number, offsets: readonly number[], limit: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < limit; start += period) {
    if (start > 0) out.push(start);
    for (const off of offsets) {
      const b = start + off;
      if (off > 0 && off < period && b < limit) out.push(b);
    }
  }
  return sortUnique(out);
}

/** Sorts ascending and drops duplicates. */
export function sortUnique(xs: number[]): number[] {
  const s = [...xs].sort((a, b) => a - b);
  return s.filter((x, i) => i === 0 || x !== s[i - 1]);
}
