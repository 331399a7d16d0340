import type { ScheduleSpec, StepSchedule } from '@onecycle/core-schedules';
import { HyperParamError } from '@onecycle/optim';
import type { HyperHandle } from '@onecycle/optim';

/** How each kind turns its momentum off, for the error message. */
function momentumOffHint(spec: ScheduleSpec): string {
  switch (spec.kind) {
    case 'oneCycle':
      return "set moms: false in the spec ({ kind: 'oneCycle', lrMax, moms: false })";
    case 'torchOneCycle':
    case 'torchCyclic':
      return `set cycleMomentum: false in the spec ({ kind: '${spec.kind}', …, cycleMomentum: false })`;
    case 'fastaiClrBeta':
    case 'fastaiClr':
      return `leave maxMom and minMom out of the spec ({ kind: '${spec.kind}', lr, … } without them)`;
    case 'phases':
      return 'leave mom out of every phase of the spec';
    case 'sequence':
      return 'turn momentum off in every part of the sequence';
    default:
      return 'leave mom out of the spec';
  }
}

/**
 * Refuses, before the first batch, a schedule that sets momentum for an optimizer that has none
 * (`tf.train.sgd`, `adagrad`, `adadelta`): otherwise the first `set` would fail in the middle of
 * training. The error names the spec field that turns the momentum off, and the optimizers that
 * do have a momentum.
 * @param schedule - the compiled schedule
 * @param hyper - the optimizer's handle
 * @param optimizerName - how to name the optimizer in the message (its class name)
 * @throws HyperParamError when the schedule's first step sets `mom` and the handle reads none
 */
export function checkScheduleMomentum(schedule: StepSchedule, hyper: HyperHandle, optimizerName: string): void {
  if (schedule.at(0).mom === undefined || hyper.get().mom !== undefined) return;
  throw new HyperParamError(
    `the ${schedule.spec.kind} schedule sets a momentum but the optimizer (${optimizerName}) has none: ` +
      `${momentumOffHint(schedule.spec)}, or compile with an optimizer that has one ` +
      "(tf.train.momentum(lr, 0.9), 'adam', 'rmsprop', sgdw() or adamw())",
  );
}
