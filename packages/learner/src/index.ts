import * as core from '@onecycle/core-schedules';

/** The npm name of this package. */
export const packageName = '@onecycle/learner';

export {
  LearnerError, LearnerOptionError, BackendError, FitError, NonFiniteLossError, CheckpointError,
} from './errors';
export type { FitPosition } from './errors';
export { initBackend } from './initBackend';
export { registerWasmTrainingKernels } from './backend/registerWasmTrainingKernels';
export type { BackendInfo, BackendKind, InitBackendOptions } from './initBackend';
export { useFastConvFilterGrad } from './backend/useFastConvFilterGrad';
export type { RestoreKernel } from './backend/useFastConvFilterGrad';
export { lrSlice, spreadLr } from './lrSlice';
export type { LrInput, LrSlice } from './lrSlice';
export { toBatchSource } from './toBatchSource';
export type { Batch, BatchDataset, BatchSource, DataSource, DatasetBatch, DatasetData, EpochCursor, TensorData } from './toBatchSource';
export { Learner } from './learner';
export type { FineTuneOptions, FitFlatCosOptions, FitOneCycleOptions, FitResult, FitScheduleOptions, FitSgdrOptions, LearnerOptions } from './learnerOptions';
export type { FlatCosPlanOptions, SgdrPlanOptions } from './flatCosPlan';
export type { FitOptions, FitPlan, OneCyclePlanOptions } from './fitPlan';
export type { LoadOptions, RunState, SavedLayersModel, SavedLearner, SavedOptimizer, SavedState } from './savedLearner';
export type { CustomModel, LayerGroupsSpec } from './modelAdapter';
export type { LossFn, MetricFn } from './resolveLoss';
export type { Evaluation } from './evaluate';
export type { OptimizerFactory, OptimizerInput } from './makeOptimizers';
export { GroupHyperHandle } from './groupHyperHandle';
export { LearnerRecorder } from './restoreRecorder';
export type { LoopPosition } from './runLoop';

// SeededRng and the recorder's type moved to @onecycle/core-schedules; declarations (not
// re-exports) keep the @deprecated tags in the bundled .d.ts.
/** @deprecated import from '@onecycle/core-schedules' */
export const SeededRng = core.SeededRng;
/** @deprecated import from '@onecycle/core-schedules' */
export type SeededRng = core.SeededRng;
/** @deprecated import `RecorderJSON` from '@onecycle/core-schedules' */
export type RecorderData = core.RecorderJSON;
