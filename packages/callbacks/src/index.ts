/** The npm name of this package. */
export const packageName = '@onecycle/callbacks';

export type { Hyper, HyperHandle } from './hyper';
export type { TrainState, CallbackEvent, HookResult, Hook, CallbackContext, Callback } from './state';
export { CALLBACK_EVENTS, createTrainState } from './state';
export {
  CallbacksError,
  CallbackError,
  CallbackOptionError,
  HyperParamError,
  SnapshotError,
  CancelBatchError,
  CancelEpochError,
  CancelFitError,
  isCancelError,
} from './errors';
export { CallbackBus } from './callbackBus';
export { hyperParams } from './hyperParams';
export { SGDW, sgdw } from './sgdw';
export type { SgdwOptions } from './sgdw';
export { AdamW, adamw } from './adamw';
export type { AdamwOptions } from './adamw';
export type { NamedTensor } from './optimizerState';
export { snapshotWeights } from './snapshotWeights';
export type { WeightSnapshot } from './snapshotWeights';
export { toTfjsCallback, TfjsBusCallback } from './toTfjsCallback';
export type { FitLength } from './toTfjsCallback';
export { scheduleCallback, ScheduleCallback } from './scheduleCallback';
export type { ScheduleCallbackOptions } from './scheduleCallback';
export type { FitScheduleSpec } from './fitScheduleSpec';
export { allowMixedCallbacks, normalizeCallbacks } from './mixedCallbacks';
export { checkScheduleMomentum } from './checkScheduleMomentum';
export { ParamScheduler } from './paramScheduler';
export type { ParamSchedulerOptions } from './paramScheduler';
export { Recorder } from './recorder';
export type { RecorderJSON, RecordedBatch, RecordedEpoch } from './recorder';
export { ProgressBar } from './progressBar';
export type { ProgressBarOptions, ProgressStream } from './progressBar';
export { ReduceLROnPlateau } from './reduceLrOnPlateau';
export type { ReduceLROnPlateauOptions } from './reduceLrOnPlateau';
export { EarlyStopping } from './earlyStopping';
export type { EarlyStoppingOptions } from './earlyStopping';
export { TerminateOnNaN } from './terminateOnNaN';
export type { TerminateOnNaNOptions } from './terminateOnNaN';
export { SaveBestModel } from './saveBestModel';
export type { SaveBestModelOptions } from './saveBestModel';
export { CsvLogger } from './csvLogger';
export type { CsvLoggerOptions } from './csvLogger';
export { fsIOHandler, writeFileAtomic } from './fsIOHandler';
export type { Monitor, MonitorMode } from './monitor';
