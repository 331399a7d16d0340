/** The npm name of this package. */
export const packageName = '@onecycle/learner';

export {
  LearnerError, LearnerOptionError, BackendError, FitError, NonFiniteLossError, CheckpointError,
} from './errors';
export type { FitPosition } from './errors';
export { initBackend } from './initBackend';
export { registerWasmTrainingKernels } from './backend/wasmTrainingKernels';
export type { BackendInfo, BackendKind, InitBackendOptions } from './initBackend';
export { SeededRng } from './rng';
export { lrSlice, spreadLr } from './lrSlice';
export type { LrInput, LrSlice } from './lrSlice';
export { toBatchSource } from './data';
export type { Batch, BatchDataset, BatchSource, DataSource, DatasetBatch, DatasetData, EpochCursor, TensorData } from './data';
export { Learner } from './learner';
export type { FineTuneOptions, FitFlatCosOptions, FitOneCycleOptions, FitResult, FitScheduleOptions, FitSgdrOptions, LearnerOptions } from './learnerOptions';
export type { FlatCosPlanOptions, SgdrPlanOptions } from './v2Plans';
export type { FitOptions, FitPlan, OneCyclePlanOptions } from './fitPlan';
export type { LoadOptions, RunState } from './checkpoint';
export type { CustomModel, LayerGroupsSpec } from './modelAdapter';
export type { LossFn, MetricFn } from './losses';
export type { OptimizerFactory, OptimizerInput } from './optimizers';
export { GroupHyperHandle } from './groupHyper';
export { LearnerRecorder } from './recorderState';
export type { RecorderData } from './recorderState';
export type { LoopPosition } from './trainLoop';
