/** The npm name of this package. */
export const packageName = '@onecycle/sweep';

export {
  RunConfigError, RunFailedError, RunnerModuleError, SweepConfigError, SweepError, SweepOutputError, UnknownFieldError,
} from './errors';
export { closestName } from './closestName';
export { cloneJson, isJsonObject } from './jsonValue';
export type { JsonObject, JsonValue } from './jsonValue';
export { parseFieldPath, setFieldPath } from './setFieldPath';
export { parseSweepConfig } from './sweepConfig';
export type { GridAxis, SweepConfig, SweepVariant } from './sweepConfig';
export { metricValue, parseSweepMetric } from './sweepMetric';
export type { SeriesPoint, SweepMetric } from './sweepMetric';
export { expandSweep } from './expandSweep';
export type { PlannedRun, SweepCell, SweepPlan } from './expandSweep';
export { loadRunnerModule } from './sweepRunner';
export type { RunProgress, RunnerContext, RunnerModule, RunnerResult, SweepRunner } from './sweepRunner';
export { WorkerPool } from './workerPool';
export type { PoolTask, PoolWorker, WorkerPoolOptions } from './workerPool';
export type { RunEvents, RunFile, RunOutcome, SweepExecutor } from './sweepExecutor';
export { localExecutor } from './localExecutor';
export type { LocalExecutorOptions } from './localExecutor';
export { queueExecutor } from './queueExecutor';
export type { QueueExecutorOptions } from './queueExecutor';
export { startQueueWorker } from './startQueueWorker';
export type { QueueWorkerHandle, QueueWorkerOptions } from './startQueueWorker';
export { DEFAULT_QUEUE_NAME } from './queueJobData';
export type { QueueJobData, QueueJobProgress, QueueJobReturn } from './queueJobData';
export { parseRedisUrl } from './redisConnection';
export type { RedisConnection } from './redisConnection';
export { RUN_RESULT_FILE, readRunResult, writeRunResult } from './storedRunResult';
export type { StoredRunResult } from './storedRunResult';
export type { RunRecord, RunTiming } from './runRecord';
export { mean, sampleStd } from './sampleStd';
export { summarizeSweep } from './summarizeSweep';
export type { CellSummary, PairedDifference, SweepSummary } from './summarizeSweep';
export { summaryMarkdown } from './summaryMarkdown';
export { sweepCompareChart, writeSweepReport } from './writeSweepReport';
export { PLAN_FILE, runSweep } from './runSweep';
export type { RunSweepOptions, SweepEvent, SweepOutcome, SweepResults } from './runSweep';
