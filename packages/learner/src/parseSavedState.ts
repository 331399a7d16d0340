import type * as tf from '@tensorflow/tfjs-core';
import { parseScheduleSpec } from '@onecycle/core-schedules';
import type { LrFindResult } from '@onecycle/lr-finder';
import type { RunState, SavedOptimizer, SavedState } from './savedLearner';
import { CheckpointError } from './errors';
import type { LoopPosition } from './runLoop';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(field: string, want: string): never {
  throw new CheckpointError(`learner.json: ${field} must be ${want}; the checkpoint is damaged or from another version`);
}

function obj(v: unknown, field: string): Obj {
  return isObj(v) ? v : fail(field, 'an object');
}

function num(v: unknown, field: string): number {
  return typeof v === 'number' ? v : fail(field, 'a number');
}

function nums(v: unknown, field: string): number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? v.map((x: number) => x) : fail(field, 'an array of numbers');
}

function strs(v: unknown, field: string): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.map((x: string) => x) : fail(field, 'an array of strings');
}

function isConfigValue(v: unknown): v is tf.serialization.ConfigDictValue {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(isConfigValue);
  return isObj(v) && Object.values(v).every(isConfigValue);
}

function isConfigDict(v: unknown): v is tf.serialization.ConfigDict {
  return isObj(v) && Object.values(v).every(isConfigValue);
}

const DTYPES = ['float32', 'int32', 'bool', 'string', 'complex64'] as const;

/** Whether `v` is one weight's entry of a tfjs weights manifest (name, shape, dtype). */
export function isManifestEntry(v: unknown): v is tf.io.WeightsManifestEntry {
  return isObj(v) && typeof v['name'] === 'string' && Array.isArray(v['shape']) && v['shape'].every((d) => typeof d === 'number') &&
    DTYPES.some((d) => d === v['dtype']);
}

function specs(v: unknown, field: string): tf.io.WeightsManifestEntry[] {
  return Array.isArray(v) && v.every(isManifestEntry) ? v : fail(field, 'a list of weight specs');
}

function position(v: unknown): LoopPosition {
  const p = obj(v, 'run.position');
  return { epoch: num(p['epoch'], 'run.position.epoch'), batch: num(p['batch'], 'run.position.batch'), iteration: num(p['iteration'], 'run.position.iteration'), epochRngState: num(p['epochRngState'], 'run.position.epochRngState') };
}

function runState(v: unknown): RunState | undefined {
  if (v === undefined || v === null) return undefined;
  const r = obj(v, 'run');
  const plan = obj(r['plan'], 'run.plan');
  let spec;
  try {
    spec = parseScheduleSpec(plan['spec']);
  } catch (e) {
    throw new CheckpointError(`learner.json: run.plan.spec is not a valid schedule spec: ${e instanceof Error ? e.message : String(e)}`);
  }
  const run: RunState = {
    plan: { spec, numEpochs: count(plan['numEpochs'], 'run.plan.numEpochs', 1), lrScale: nums(plan['lrScale'], 'run.plan.lrScale'), wdScale: nums(plan['wdScale'], 'run.plan.wdScale') },
    batchesPerEpoch: count(r['batchesPerEpoch'], 'run.batchesPerEpoch', 1),
    position: position(r['position']),
    finished: r['finished'] === true,
  };
  checkPosition(run);
  return run;
}

function count(v: unknown, field: string, min: number): number {
  const n = num(v, field);
  return Number.isSafeInteger(n) && n >= min ? n : fail(field, `a whole number >= ${min}, got ${n}`);
}

/** The run position must be a batch of the planned fit: a resume from anywhere else would train a different run. */
function checkPosition(run: RunState): void {
  const { epoch, batch, iteration } = run.position;
  const bpe = run.batchesPerEpoch;
  const epochs = run.plan.numEpochs;
  count(epoch, 'run.position.epoch', 0);
  count(batch, 'run.position.batch', 0);
  count(iteration, 'run.position.iteration', 0);
  if (epoch > epochs) fail('run.position.epoch', `at most run.plan.numEpochs (${epochs}), got ${epoch}`);
  if (batch >= bpe || (epoch === epochs && batch !== 0)) fail('run.position.batch', `below run.batchesPerEpoch (${bpe}) and 0 after the last epoch, got ${batch} in epoch ${epoch}`);
  // A cancelled epoch ends early, so fewer batches than epoch * bpe + batch may have run, never more.
  const most = epoch * bpe + batch;
  if (iteration > most || iteration < batch) {
    fail('run.position.iteration', `in [${batch}, ${most}] (the batches run before epoch ${epoch}, batch ${batch}), got ${iteration}`);
  }
}

function isLrFindResult(v: unknown): v is LrFindResult {
  return isObj(v) && Array.isArray(v['lrs']) && Array.isArray(v['losses']) && Array.isArray(v['smoothLosses']) &&
    typeof v['stopReason'] === 'string' && isObj(v['suggestions']);
}

function optimizer(v: unknown, i: number): SavedOptimizer {
  const o = obj(v, `optimizers[${i}]`);
  const className = typeof o['className'] === 'string' ? o['className'] : fail(`optimizers[${i}].className`, 'a string');
  const config = isConfigDict(o['config']) ? o['config'] : fail(`optimizers[${i}].config`, 'a config object');
  return { className, config, specs: specs(o['specs'], `optimizers[${i}].specs`) };
}

function frozen(v: unknown, groups: number): number {
  const n = num(v, 'frozenGroups');
  if (!Number.isInteger(n) || n < 0 || n > groups - 1) fail('frozenGroups', `an integer in [0, ${groups - 1}]`);
  return n;
}

/** Checks and types the parsed `learner.json`. */
export function parseSavedState(raw: unknown): SavedState {
  const s = obj(raw, '(root)');
  if (s['format'] !== 'onecycle-learner') fail('format', '"onecycle-learner"');
  if (s['version'] !== 1) fail('version', '1');
  const kind = s['modelKind'];
  if (kind !== 'layers' && kind !== 'custom') fail('modelKind', '"layers" or "custom"');
  const groupsRaw = s['groups'];
  const groups = Array.isArray(groupsRaw) ? groupsRaw.map((g, i) => nums(g, `groups[${i}]`)) : fail('groups', 'an array');
  const optsRaw = s['optimizers'];
  const optimizers = Array.isArray(optsRaw) ? optsRaw.map(optimizer) : fail('optimizers', 'an array');
  const lf = s['lastLrFind'];
  return {
    format: 'onecycle-learner',
    version: 1,
    seed: num(s['seed'], 'seed'),
    rngState: num(s['rngState'], 'rngState'),
    modelKind: kind,
    lossName: typeof s['lossName'] === 'string' ? s['lossName'] : undefined,
    metricNames: strs(s['metricNames'] ?? [], 'metricNames'),
    variableNames: strs(s['variableNames'], 'variableNames'),
    variableSpecs: s['variableSpecs'] === undefined ? undefined : specs(s['variableSpecs'], 'variableSpecs'),
    groups,
    optimizers,
    run: runState(s['run']),
    recorder: s['recorder'],
    lastLrFind: lf === undefined || lf === null ? undefined : isLrFindResult(lf) ? lf : fail('lastLrFind', 'an LR finder result'),
    ...(s['frozenGroups'] === undefined ? {} : { frozenGroups: frozen(s['frozenGroups'], groups.length) }),
  };
}
