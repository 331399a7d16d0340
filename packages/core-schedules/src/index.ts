/** The npm name of this package. */
export const packageName = '@onecycle/core-schedules';

export { ScheduleError } from './errors';
export type { Hyper, SamplePoint, StepSchedule } from './stepSchedule';
export type {
  CaffeInvSpec,
  AnnealName,
  AnnealSpec,
  ConstantSpec,
  ExponentialSpec,
  FastaiClrBetaSpec,
  FastaiClrSpec,
  FastaiSgdrSpec,
  MultiStepSpec,
  OneCycleSpec,
  PhaseSpec,
  PhasesSpec,
  ScheduleKind,
  ScheduleSpec,
  SequencePart,
  SequenceSpec,
  TorchCosineAnnealingSpec,
  TorchCosineWarmRestartsSpec,
  TorchCyclicSpec,
  TorchLinearSpec,
  TorchOneCycleSpec,
  TorchPolynomialSpec,
  TorchStepSpec,
  WdOptions,
  WdSchedule,
} from './scheduleSpec';
export { createSchedule } from './createSchedule';
export { parseScheduleSpec } from './parseScheduleSpec';
export { sampleSchedule, type SampleOptions } from './sampleSchedule';
export { scheduleKinds } from './compileKernel';
export {
  combinedCos,
  combineScheds,
  schedCos,
  schedExp,
  schedLin,
  schedNo,
  schedPoly,
  type Annealer,
} from './annealer';
export { SeededRng, mulberry32, seededPermutation } from './seededRng';
export { DebiasedEma } from './debiasedEma';
export type {
  LrFindResult,
  LrRange,
  RecordedBatch,
  RecordedEpoch,
  RecorderJSON,
  RepeatsSummary,
  SuggestionName,
  SuggestionSpread,
  Suggestions,
  SweepResult,
} from './recorderJson';
export { closestName, rejectUnknownKeys, type UnknownKeysWording } from './rejectUnknownKeys';
export { describeValue } from './describeValue';
