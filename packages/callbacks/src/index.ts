import * as atomicWrite from '@onecycle/atomic-write';
import * as optim from '@onecycle/optim';

/** The npm name of this package. */
export const packageName = '@onecycle/callbacks';

export type { TrainState, CallbackEvent, HookResult, Hook, CallbackContext, Callback } from './callback';
export { CALLBACK_EVENTS, createTrainState } from './callback';
export {
  CallbacksError,
  CallbackError,
  CallbackOptionError,
  SnapshotError,
  CancelBatchError,
  CancelEpochError,
  CancelFitError,
  isCancelError,
} from './errors';
export { CallbackBus } from './callbackBus';
export { snapshotWeights } from './snapshotWeights';
export type { WeightSnapshot } from './snapshotWeights';
export { toTfjsCallback, TfjsBusCallback } from './toTfjsCallback';
export type { FitLength } from './toTfjsCallback';
export { scheduleCallback, ScheduleCallback } from './scheduleCallback';
export type { ScheduleCallbackOptions } from './scheduleCallback';
export type { FitScheduleSpec } from './fitScheduleSpec';
export { allowMixedCallbacks, normalizeCallbacks } from './normalizeCallbacks';
export { checkScheduleMomentum } from './checkScheduleMomentum';
export { ParamScheduler } from './paramScheduler';
export type { ParamSchedulerOptions } from './paramScheduler';
export { Recorder } from './recorder';
export type { RecorderJSON, RecordedBatch, RecordedEpoch } from '@onecycle/core-schedules';
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
export { fsIOHandler } from './fsIOHandler';
export type { Monitor, MonitorMode } from './monitor';

// The optimizers moved to @onecycle/optim. These aliases keep old imports working for one minor
// version. They are declarations rather than `export { … } from` so that the @deprecated tags
// survive into the bundled .d.ts; they are the same values, so `instanceof` and the tfjs
// serialization registry still see one SGDW and one AdamW class.

/** @deprecated import from '@onecycle/optim' */
export const hyperParams = optim.hyperParams;
/** @deprecated import from '@onecycle/optim' */
export const SGDW = optim.SGDW;
/** @deprecated import from '@onecycle/optim' */
export type SGDW = optim.SGDW;
/** @deprecated import from '@onecycle/optim' */
export const sgdw = optim.sgdw;
/** @deprecated import from '@onecycle/optim' */
export const AdamW = optim.AdamW;
/** @deprecated import from '@onecycle/optim' */
export type AdamW = optim.AdamW;
/** @deprecated import from '@onecycle/optim' */
export const adamw = optim.adamw;
/** @deprecated import from '@onecycle/optim' */
export const HyperParamError = optim.HyperParamError;
/** @deprecated import from '@onecycle/optim' */
export type HyperParamError = optim.HyperParamError;
/** @deprecated import from '@onecycle/optim' */
export type Hyper = optim.Hyper;
/** @deprecated import from '@onecycle/optim' */
export type HyperHandle = optim.HyperHandle;
/** @deprecated import from '@onecycle/optim' */
export type SgdwOptions = optim.SgdwOptions;
/** @deprecated import from '@onecycle/optim' */
export type AdamwOptions = optim.AdamwOptions;
/** @deprecated import from '@onecycle/optim' */
export type NamedTensor = optim.NamedTensor;
/** @deprecated import from '@onecycle/atomic-write' */
export const writeFileAtomic = atomicWrite.writeFileAtomic;
