/** The npm name of this package. */
export const packageName = '@onecycle/sweep';

export {
  RunConfigError, RunFailedError, RunnerModuleError, SweepConfigError, SweepError, SweepOutputError, UnknownFieldError,
} from './errors';
export { closestName } from './closestName';
export { cloneJson, isJsonObject } from './json';
export type { JsonObject, JsonValue } from './json';
export { parseFieldPath, setFieldPath } from './fieldPath';
export { parseSweepConfig } from './sweepConfig';
export type { GridAxis, SweepConfig, SweepVariant } from './sweepConfig';
export { metricValue, parseSweepMetric } from './sweepMetric';
export type { SeriesPoint, SweepMetric } from './sweepMetric';
export { expandSweep } from './expandSweep';
export type { PlannedRun, SweepCell, SweepPlan } from './expandSweep';
export { loadRunnerModule } from './runner';
export type { RunProgress, RunnerContext, RunnerModule, RunnerResult, SweepRunner } from './runner';
export { WorkerPool } from './workerPool';
export type { PoolTask, PoolWorker, WorkerPoolOptions } from './workerPool';
export type { RunEvents, RunFile, RunOutcome, SweepExecutor } from './sweepExecutor';
export { localExecutor } from './localExecutor';
export type { LocalExecutorOptions } from './localExecutor';
export { queueExecutor } from './queueExecutor';
export type { QueueExecutorOptions } from './queueExecutor';
export { startQueueWorker } from './queueWorker';
export type { QueueWorkerHandle, QueueWorkerOptions } from './queueWorker';
export { DEFAULT_QUEUE_NAME } from './queueJob';
export type { QueueJobData, QueueJobProgress, QueueJobReturn } from './queueJob';
export { parseRedisUrl } from './redisConnection';
export type { RedisConnection } from './redisConnection';
export { RUN_RESULT_FILE, readRunResult, writeRunResult } from './runFolder';
export type { StoredRunResult } from './runFolder';
export type { RunRecord, RunTiming } from './runRecord';
export { mean, sampleStd } from './stats';
export { summarizeSweep } from './summarizeSweep';
export type { CellSummary, PairedDifference, SweepSummary } from './summarizeSweep';
export { summaryMarkdown } from './summaryMarkdown';
export { sweepCompareChart, writeSweepReport } from './sweepReport';
export { PLAN_FILE, runSweep } from './runSweep';
export type { RunSweepOptions, SweepEvent, SweepOutcome, SweepResults } from './runSweep';
