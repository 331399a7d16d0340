import { fmt, obj } from './numRule';
import { compileKernel } from './compileKernel';
import type { Kernel } from './kernel';
import { ScheduleError } from './errors';
import type { ScheduleSpec } from './scheduleSpec';
import type { Hyper, StepSchedule } from './stepSchedule';

const WD_NONE = 0;
const WD_CONSTANT = 1;
const WD_FOLLOW = 2;

class CompiledSchedule implements StepSchedule {
  readonly spec: ScheduleSpec;
  readonly totalSteps: number | undefined;
  readonly peakLr: number;
  readonly #kernel: Kernel;
  readonly #limit: number;
  readonly #wdMode: number;
  readonly #wd: number;

  constructor(kernel: Kernel) {
    this.#kernel = kernel;
    this.spec = kernel.spec;
    this.totalSteps = kernel.totalSteps;
    this.peakLr = kernel.peakLr;
    this.#limit = kernel.totalSteps ?? Number.MAX_SAFE_INTEGER + 1;
    const wd = kernel.spec.wd;
    this.#wd = wd ?? 0;
    this.#wdMode = kernel.ownsWd || wd === undefined ? WD_NONE : kernel.spec.wdSchedule === 'followLr' ? WD_FOLLOW : WD_CONSTANT;
  }

  at(step: number): Hyper {
    if (!(Number.isInteger(step) && step >= 0 && step < this.#limit)) throw stepError(step, this.totalSteps);
    const h = this.#kernel.at(step);
    if (this.#wdMode === WD_CONSTANT) h.wd = this.#wd;
    else if (this.#wdMode === WD_FOLLOW) h.wd = (this.#wd * h.lr) / this.peakLr;
    return h;
  }

  boundaries(until?: number): number[] {
    if (until !== undefined && !(typeof until === 'number' && until >= 0 && !Number.isNaN(until))) {
      throw new ScheduleError(`until must be a number >= 0, got ${fmt(until)}`);
    }
    const limit = this.totalSteps ?? until;
    return limit === undefined ? [] : this.#kernel.boundaries(limit);
  }
}

function stepError(step: number, total: number | undefined): ScheduleError {
  const allowed = total === undefined ? 'an integer >= 0' : `an integer in [0, ${total - 1}] (totalSteps = ${total})`;
  return new ScheduleError(`step must be ${allowed}, got ${fmt(step)}: it is the 0-based global batch index`);
}

/** Compiles a spec object given as unknown data, with `path` before field names in errors. */
export function compileSpec(spec: unknown, path: string): StepSchedule {
  return new CompiledSchedule(compileKernel(obj(spec, path), path, compileSpec));
}

/**
 * Turns a schedule spec (plain JSON data) into a pure function of the global batch index.
 * @param spec - any {@link ScheduleSpec}; omitted fields take the defaults of the system the kind ports.
 * @returns a {@link StepSchedule}; its `spec` has every default filled in.
 * @throws ScheduleError naming the parameter, the value and what is allowed.
 * @example
 * ```ts
 * import { createSchedule } from '@onecycle/core-schedules';
 * // fastai 0.7: learn.fit(0.01, 1, cycle_len=1, use_clr_beta=(10, 10, 0.95, 0.85)), 100 batches/epoch
 * const s = createSchedule({ kind: 'fastaiClrBeta', lr: 0.01, stepsPerCycle: 100, maxMom: 0.95, minMom: 0.85 });
 * s.at(45); // { lr: 0.01, mom: 0.85 }
 * ```
 */
export function createSchedule(spec: ScheduleSpec): StepSchedule {
  return compileSpec(spec, '');
}
