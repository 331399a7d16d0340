import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { ParamScheduler, ProgressBar, TerminateOnNaN } from '@onecycle/callbacks';
import type { Callback } from '@onecycle/callbacks';
import { createSchedule, describeValue } from '@onecycle/core-schedules';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import { hyperParams } from '@onecycle/optim';
import type { LrFinderOptions, LrFindResult } from '@onecycle/lr-finder';
import { lossChart, lrFinderChart, saveChart, scheduleChart } from '@onecycle/viz';
import type { TopLevelSpec } from '@onecycle/viz';
import { canonicalJson } from './stringifyFinite';
import { checkCount, checkFitOptions, checkLearnerOptions, checkLoadOptions } from './checkLearnerOptions';
import { checkLrFindOptions, checkPlanLength } from './checkPlanLength';
import { readCheckpoint, writeCheckpoint } from './writeCheckpoint';
import { encodeLearner } from './savedLearner';
import type { LoadOptions, RunState, SavedLearner } from './savedLearner';
import { restoreLearner } from './restoreLearner';
import { splitValidation, toBatchSource } from './toBatchSource';
import type { BatchSource } from './toBatchSource';
import { CheckpointError, LearnerError, LearnerOptionError, NonFiniteLossError } from './errors';
import { registerWasmTrainingKernels } from './backend/registerWasmTrainingKernels';
import { fitPlan, lrScales, oneCyclePlan } from './fitPlan';
import type { FitOptions, FitPlan } from './fitPlan';
import { GroupHyperHandle } from './groupHyperHandle';
import type { FineTuneOptions, FitFlatCosOptions, FitOneCycleOptions, FitResult, FitScheduleOptions, FitSgdrOptions, LearnerOptions } from './learnerOptions';
import { isKnownLoss, resolveLoss, resolveMetrics } from './resolveLoss';
import type { LossFn, NamedMetric } from './resolveLoss';
import { lrSlice } from './lrSlice';
import type { LrInput } from './lrSlice';
import { withFastCpuKernels } from './backend/useFastConvFilterGrad';
import { adaptModel } from './modelAdapter';
import type { CustomModel, ModelAdapter } from './modelAdapter';
import { makeOptimizers, optimizerFromConfig } from './makeOptimizers';
import { compiledParts } from './compiledParts';
import { LearnerRecorder, restoreRecorder } from './restoreRecorder';
import { SeededRng } from '@onecycle/core-schedules';
import type { RecorderJSON } from '@onecycle/core-schedules';
import { runLrFind } from './runLrFind';
import { runLoop } from './runLoop';
import { evaluate } from './evaluate';
import type { Evaluation } from './evaluate';
import { flatCosPlan, sgdrPlan } from './flatCosPlan';
import type { LoopCore } from './runLoop';

/**
 * A fastai-style Learner around a TensorFlow.js model: fastai 0.7's `fit(lr, nCycle, { useClrBeta })`,
 * fastai v2's `fitOneCycle`, `lrFind`, charts and exact resume. It composes the other `@onecycle`
 * packages: schedules from core-schedules, the callback bus, optimizers and recorder from callbacks,
 * the range test from lr-finder and the charts from viz.
 *
 * @example
 * ```ts
 * const learn = new Learner({ model, data: { train: { x, y, batchSize: 64 }, valid: { x: vx, y: vy } }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
 * await learn.lrFind();
 * await learn.fit(0.01, 1, { cycleLen: 3, useClrBeta: [10, 10, 0.95, 0.85] });
 * await learn.plotLr('lr.svg');
 * ```
 */
export class Learner {
  /** Per-batch lr/mom/wd/loss and per-epoch losses and metrics of the current (or last) fit. */
  readonly recorder: LearnerRecorder;
  /** The model as given. */
  readonly model: LayersModel | CustomModel;
  /** The optimizers, one per layer group. */
  readonly optimizers: readonly tf.Optimizer[];
  /** The per-epoch shuffle RNG. */
  readonly rng: SeededRng;
  /** The last `lrFind` result. */
  lastLrFind: LrFindResult | undefined;
  /** The fit in progress or last run (for resume and save). */
  private runState: RunState | undefined;
  private readonly adapter: ModelAdapter;
  private readonly lossFn: LossFn;
  private readonly metrics: NamedMetric[];
  private readonly hyper: GroupHyperHandle;
  private readonly train: BatchSource;
  private readonly valid: BatchSource | undefined;
  private readonly callbacks: Callback[];
  private readonly terminateOnNaN: boolean;
  private readonly progress: boolean;
  private readonly trainBn: boolean;
  private readonly fastKernels: boolean;
  private frozenCount = 0;
  /** The compiled model's own optimizer when the learner uses it (the model's to dispose, not ours). */
  private readonly modelOptimizer: tf.Optimizer | undefined;
  /** Each layer group as indices into `variables` (saved, so a load rebuilds the same groups). */
  private readonly layerGroupIndices: number[][];
  /** The seed given or drawn. */
  private readonly seed: number;
  /** The loss name, when it can be saved by name. */
  private readonly lossName: string | undefined;
  /** The metrics given by name. */
  private readonly metricNames: string[];

  /** @param opts - model, data, loss, optimizer, metrics, callbacks, layer groups, seed */
  constructor(opts: LearnerOptions) {
    checkLearnerOptions(opts);
    this.model = opts.model;
    this.adapter = adaptModel(opts.model, opts.layerGroups);
    const compiled = compiledParts(this.adapter.layersModel);
    const loss = resolveLoss(opts.loss, this.adapter.layersModel);
    this.lossFn = loss.fn;
    const metrics = opts.metrics ?? compiled.metrics ?? [];
    this.metrics = resolveMetrics(metrics, loss.name);
    this.lossName = isKnownLoss(loss.name) && typeof opts.loss !== 'function' ? loss.name : undefined;
    this.metricNames = metrics.filter((m): m is string => typeof m === 'string');
    const groups = this.adapter.groups.length;
    const own = compiled.optimizer;
    this.optimizers = makeOptimizers(opts.optimizer ?? (own === undefined ? undefined : groups === 1 ? own : () => optimizerFromConfig(own.getClassName(), own.getConfig())), groups);
    this.modelOptimizer = opts.optimizer === undefined ? own : undefined;
    this.hyper = new GroupHyperHandle(this.optimizers.map((o) => hyperParams(o)));
    const split = opts.data.validationSplit;
    if (split !== undefined && opts.data.valid !== undefined) {
      throw new LearnerOptionError('data has both valid and validationSplit: give one (validationSplit takes the last rows of data.train)');
    }
    const sources = split === undefined ? undefined : splitValidation(opts.data.train, split);
    this.train = sources?.train ?? toBatchSource(opts.data.train, true, 'data.train');
    this.valid = sources?.valid ?? (opts.data.valid === undefined ? undefined : toBatchSource(opts.data.valid, false, 'data.valid'));
    this.callbacks = [...(opts.callbacks ?? [])];
    this.terminateOnNaN = opts.terminateOnNaN ?? true;
    this.progress = opts.progress ?? true;
    this.trainBn = opts.trainBn ?? true;
    const fastKernels: unknown = opts.fastKernels ?? true;
    if (typeof fastKernels !== 'boolean') throw new LearnerOptionError(`fastKernels must be true or false, got ${JSON.stringify(fastKernels)}`);
    this.fastKernels = fastKernels;
    this.seed = opts.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.rng = new SeededRng(this.seed);
    this.recorder = new LearnerRecorder();
    const index = new Map(this.adapter.variables.map((v, i) => [v.name, i]));
    this.layerGroupIndices = this.adapter.groups.map((g) => g.map((v) => index.get(v.name) ?? -1));
  }

  /** The trainable variables, in save order. */
  get variables(): readonly tf.Variable[] {
    return this.adapter.variables;
  }

  /** Number of layer groups. */
  get numGroups(): number {
    return this.adapter.groups.length;
  }

  /** Number of leading layer groups that are frozen (not trained); 0 when unfrozen. */
  get frozenGroups(): number {
    return this.frozenCount;
  }

  /**
   * fastai's `freeze_to(n)`: freezes the first `n` layer groups (a negative `n` counts from the end,
   * so -1 freezes all but the last). Frozen groups get no gradient and no update — except their
   * normalization layers while `trainBn` is on (fastai's default). The last group always trains.
   *
   * @param n - groups to freeze, in [-(groups - 1), groups - 1]
   * @throws LearnerOptionError when `n` would freeze every group or is not an integer
   */
  freezeTo(n: number): void {
    const g = this.numGroups;
    const count = n < 0 ? g + n : n;
    if (!Number.isInteger(n) || count < 0 || count > g - 1) {
      throw new LearnerOptionError(`freezeTo needs an integer n with 0 <= n <= ${g - 1} (or a negative count from the end) for ${g} layer group(s), got ${describeValue(n)}: the last group always trains`);
    }
    this.frozenCount = count;
  }

  /** fastai's `freeze()`: every layer group but the last is frozen (a no-op with one group). */
  freeze(): void {
    this.frozenCount = this.numGroups - 1;
  }

  /** fastai's `unfreeze()`: every layer group trains. */
  unfreeze(): void {
    this.frozenCount = 0;
  }

  /** @returns the number of batches in one training epoch */
  batchesPerEpoch(): Promise<number> {
    return this.train.batchesPerEpoch();
  }

  /**
   * fastai 0.7 `learn.fit(lr, n_cycle, cycle_len=…, cycle_mult=…, use_clr=…, use_clr_beta=…, wds=…, use_wd_sched=…)`.
   *
   * @param lr - peak LR; one per layer group, or `lrSlice(min, max)`
   * @param nCycle - number of cycles (epochs when there is no `cycleLen`)
   * @param opts - fastai 0.7 options; `resume: true` continues an interrupted fit
   * @returns what the fit did
   */
  async fit(lr: LrInput, nCycle: number, opts: FitOptions = {}): Promise<FitResult> {
    checkFitOptions('fit', opts);
    const bpe = await this.train.batchesPerEpoch();
    const plan = fitPlan(lr, nCycle, opts, this.numGroups, bpe);
    return this.runPlan(plan, bpe, opts.callbacks ?? [], opts.resume ?? false);
  }

  /**
   * fastai v2 `fit_one_cycle(n_epoch, lr_max, div=25, div_final=1e5, pct_start=0.25, moms=(0.95, 0.85, 0.95))`.
   *
   * @param lrMax - peak LR; one per layer group, or `lrSlice(min, max)`
   * @param opts - fastai v2 options
   * @returns what the fit did
   */
  async fitOneCycle(epochs: number, lrMax: LrInput, opts: FitOneCycleOptions = {}): Promise<FitResult> {
    checkFitOptions('fitOneCycle', opts);
    const bpe = await this.train.batchesPerEpoch();
    return this.runPlan(oneCyclePlan(epochs, lrMax, opts, this.numGroups, bpe), bpe, opts.callbacks ?? [], opts.resume ?? false);
  }

  /**
   * fastai v2 `fine_tune(epochs, base_lr=2e-3, freeze_epochs=1, lr_mult=100, pct_start=0.3, div=5)`:
   * `freeze()`, `fitOneCycle(freezeEpochs, lrSlice(baseLr), { pctStart: 0.99 })`, then `unfreeze()`
   * and `fitOneCycle(epochs, lrSlice(baseLr / 2 / lrMult, baseLr / 2), { pctStart, div })`.
   *
   * @param epochs - epochs after unfreezing
   * @param baseLr - the LR of the last layer group in the frozen fit @default 2e-3
   * @param opts - freezeEpochs, lrMult, pctStart, div, wd, callbacks
   * @returns what the two fits did
   */
  async fineTune(epochs: number, baseLr = 2e-3, opts: FineTuneOptions = {}): Promise<{ frozen: FitResult; unfrozen: FitResult }> {
    checkFitOptions('fineTune', opts);
    checkCount('epochs', epochs, 1);
    checkCount('freezeEpochs', opts.freezeEpochs ?? 1, 1);
    const freezeEpochs = opts.freezeEpochs ?? 1;
    const lrMult = opts.lrMult ?? 100;
    if (!(Number.isFinite(lrMult) && lrMult >= 1)) throw new LearnerOptionError(`lrMult must be a number >= 1, got ${lrMult}: the first group trains lrMult times slower than the last`);
    const shared = { ...(opts.wd === undefined ? {} : { wd: opts.wd }), ...(opts.callbacks === undefined ? {} : { callbacks: opts.callbacks }) };
    this.freeze();
    let frozen: FitResult;
    try {
      frozen = await this.fitOneCycle(freezeEpochs, lrSlice(baseLr), { ...shared, pctStart: 0.99 });
    } finally {
      this.unfreeze();
    }
    const lr = baseLr / 2;
    const unfrozen = await this.fitOneCycle(epochs, lrSlice(lr / lrMult, lr), { ...shared, pctStart: opts.pctStart ?? 0.3, div: opts.div ?? 5 });
    return { frozen, unfrozen };
  }

  /**
   * fastai v2 `fit_flat_cos(n_epoch, lr, div_final=1e5, pct_start=0.75)`: the LR flat for
   * `pctStart` of the steps, then a cosine down to `lr / divFinal`; momentum left alone.
   *
   * @param lr - the flat LR; one per layer group, or `lrSlice(min, max)`
   * @param opts - pctStart, divFinal, wd, callbacks, resume
   * @returns what the fit did
   */
  async fitFlatCos(epochs: number, lr: LrInput, opts: FitFlatCosOptions = {}): Promise<FitResult> {
    checkFitOptions('fitFlatCos', opts);
    const bpe = await this.train.batchesPerEpoch();
    return this.runPlan(flatCosPlan(epochs, lr, opts, this.numGroups, bpe), bpe, opts.callbacks ?? [], opts.resume ?? false);
  }

  /**
   * fastai v2 `fit_sgdr(n_cycles, cycle_len, lr_max, cycle_mult=2)`: `nCycles` cosine annealings
   * from `lrMax` to 0, the i-th `cycleLen * cycleMult^i` epochs long (`cycleMult` 1 works, unlike fastai's).
   *
   * @param cycleLen - epochs of the first cycle
   * @param lrMax - the LR at each restart; one per layer group, or `lrSlice(min, max)`
   * @param opts - cycleMult, wd, callbacks, resume
   * @returns what the fit did
   */
  async fitSgdr(nCycles: number, cycleLen: number, lrMax: LrInput, opts: FitSgdrOptions = {}): Promise<FitResult> {
    checkFitOptions('fitSgdr', opts);
    const bpe = await this.train.batchesPerEpoch();
    return this.runPlan(sgdrPlan(nCycles, cycleLen, lrMax, opts, this.numGroups, bpe), bpe, opts.callbacks ?? [], opts.resume ?? false);
  }

  /**
   * Fits `epochs` epochs following any core-schedules spec (step = global batch index).
   *
   * @param opts - per-group LR ratios, callbacks, resume
   * @returns what the fit did
   */
  async fitSchedule(spec: ScheduleSpec, epochs: number, opts: FitScheduleOptions = {}): Promise<FitResult> {
    checkFitOptions('fitSchedule', opts);
    checkCount('epochs', epochs, 1);
    const bpe = await this.train.batchesPerEpoch();
    const scale = opts.groupLrs === undefined ? this.adapter.groups.map(() => 1) : lrScales(opts.groupLrs, this.numGroups).scale;
    return this.runPlan({ spec, numEpochs: epochs, lrScale: scale, wdScale: scale.map(() => 1) }, bpe, opts.callbacks ?? [], opts.resume ?? false);
  }

  private core(): LoopCore {
    return {
      model: this.adapter,
      lossFn: this.lossFn,
      metrics: this.metrics,
      optimizers: this.optimizers,
      hyper: this.hyper,
      train: this.train,
      valid: this.valid,
      rng: this.rng,
      trainable: this.trainableVariables(),
    };
  }

  /** The variables that train now: every group's but the frozen ones' (their normalization layers still train with `trainBn`). */
  private trainableVariables(): tf.Variable[] {
    const frozen = new Set(this.adapter.groups.slice(0, this.frozenCount).flat().map((v) => v.name));
    return this.adapter.variables.filter((v) => !frozen.has(v.name) || (this.trainBn && this.adapter.normVariables.has(v.name)));
  }

  /** Training on `wasm` needs the gradient kernels tfjs-backend-wasm lacks; registering them is idempotent. */
  private ensureTrainingKernels(): void {
    registerWasmTrainingKernels();
  }

  private resumeStart(plan: FitPlan, bpe: number): RunState {
    const run = this.runState;
    if (run === undefined) throw new CheckpointError('resume: true, but this learner has no interrupted fit (run a fit, or Learner.load a checkpoint saved mid-fit)');
    if (run.finished) throw new CheckpointError('resume: true, but the last fit already completed: nothing to resume');
    const norm = (p: FitPlan): string => canonicalJson({ ...p, spec: createSchedule(p.spec).spec });
    const same = norm(run.plan) === norm(plan) && run.batchesPerEpoch === bpe;
    if (!same) {
      throw new CheckpointError(`resume: true, but the arguments differ from the interrupted fit: it ran ${JSON.stringify(run.plan)} with ${run.batchesPerEpoch} batches per epoch, this call asks ${JSON.stringify(plan)} with ${bpe}; call with the same arguments`);
    }
    return run;
  }

  private async runPlan(plan: FitPlan, bpe: number, extra: Callback[], resume: boolean): Promise<FitResult> {
    this.ensureTrainingKernels();
    checkPlanLength(plan, bpe);
    const run: RunState = resume
      ? this.resumeStart(plan, bpe)
      : { plan, batchesPerEpoch: bpe, position: { epoch: 0, batch: 0, iteration: 0, epochRngState: this.rng.state }, finished: false };
    const callbacks: Callback[] = [new ParamScheduler(plan.spec), this.recorder];
    this.recorder.prepare(resume ? run.position : undefined);
    this.runState = run;
    this.hyper.setScales(plan.lrScale, plan.wdScale);
    if (this.terminateOnNaN) callbacks.push(new TerminateOnNaN());
    if (this.progress) callbacks.push(new ProgressBar());
    callbacks.push(...this.callbacks, ...extra);
    const outcome = await withFastCpuKernels(this.fastKernels, () => runLoop(this.core(), {
      callbacks,
      numEpochs: plan.numEpochs,
      batchesPerEpoch: bpe,
      start: { ...run.position },
      ...(resume ? { priorLosses: this.recorder.priorLosses() } : {}),
      validate: true,
      onPosition: (p) => {
        run.position = p;
      },
    }));
    run.finished = outcome.completed;
    if (outcome.nonFinite !== undefined && this.terminateOnNaN) {
      throw new NonFiniteLossError(outcome.nonFinite.position, outcome.nonFinite.loss, true);
    }
    const epochs = this.recorder.toJSON().epochs;
    const last = epochs[epochs.length - 1];
    return {
      spec: plan.spec,
      numEpochs: plan.numEpochs,
      iterations: run.position.iteration,
      completed: outcome.completed,
      validLoss: last?.validLoss,
      metrics: last?.metrics ?? {},
    };
  }

  /**
   * Leslie Smith's LR range test (fastai `lr_find`/`lr_find2`) run through this learner's loop with
   * `@onecycle/lr-finder`'s `LRFinder`; weights, optimizer state and the shuffle RNG are left as they were.
   *
   * @param opts - finder options (startLr 1e-7, endLr 10, numIt 100, …) and `repeats` (1)
   * @returns the curve and suggestions (also kept as `lastLrFind` for `plotLrFind`)
   */
  async lrFind(opts: LrFinderOptions & { repeats?: number } = {}): Promise<LrFindResult> {
    this.ensureTrainingKernels();
    checkLrFindOptions(opts);
    const bpe = await this.train.batchesPerEpoch();
    const result = await withFastCpuKernels(this.fastKernels, () => runLrFind(this.core(), bpe, opts));
    this.lastLrFind = result;
    return result;
  }


  private async chart(spec: TopLevelSpec, path: string | undefined): Promise<TopLevelSpec> {
    if (path !== undefined) await saveChart(spec, path);
    return spec;
  }

  private recorded(what: string): RecorderJSON {
    const rec = this.recorder.toJSON();
    if (rec.batches.length === 0) throw new LearnerError(`${what}: nothing recorded yet; run fit, fitOneCycle or fitSchedule first`);
    return rec;
  }

  /**
   * The LR (and momentum, when it moved) per iteration of the last fit, as fastai's `sched.plot_lr()`.
   * @param path - write the chart here too (.svg, .png, .html or .vl.json; Node only: in a browser it rejects with a VizError)
   * @returns the Vega-Lite spec
   */
  async plotLr(path?: string): Promise<TopLevelSpec> {
    return this.chart(scheduleChart(this.recorded('plotLr')), path);
  }

  /**
   * Training (raw and smoothed) and validation loss of the last fit, as fastai's `recorder.plot_loss()`.
   * @param path - write the chart here too (Node only, as for plotLr)
   * @returns the Vega-Lite spec
   */
  async plotLoss(path?: string): Promise<TopLevelSpec> {
    return this.chart(lossChart(this.recorded('plotLoss')), path);
  }

  /**
   * Loss against LR from the last `lrFind`, with its suggestions, as fastai's `sched.plot()`.
   * @param path - write the chart here too (Node only, as for plotLr)
   * @returns the Vega-Lite spec
   */
  async plotLrFind(path?: string): Promise<TopLevelSpec> {
    const r = this.lastLrFind;
    if (r === undefined) throw new LearnerError('plotLrFind: run lrFind first');
    return this.chart(lrFinderChart(r), path);
  }

  /**
   * Predictions in inference mode (works on every backend, including 'wasm').
   * @param x - inputs
   * @returns the model's output (caller disposes)
   */
  predict(x: tf.Tensor): tf.Tensor {
    if (!(x instanceof tf.Tensor)) throw new LearnerOptionError(`predict needs a tf.Tensor of inputs, got ${describeValue(x)}`);
    return tf.tidy(() => this.adapter.forward(x, false));
  }

  /**
   * Everything needed to continue, as plain data and bytes with no live tensors: model weights
   * (and a LayersModel's topology), optimizer state, schedule spec and position, recorder and RNG
   * state. {@link Learner.restore} turns it back into a learner; {@link Learner.save} writes it.
   */
  async toSaved(): Promise<SavedLearner> {
    return encodeLearner({
      model: this.model,
      variables: this.variables,
      optimizers: this.optimizers,
      state: {
        seed: this.seed,
        rngState: this.rng.state,
        lossName: this.lossName,
        metricNames: [...this.metricNames],
        groups: this.layerGroupIndices.map((g) => [...g]),
        run: this.runState === undefined ? undefined : structuredClone(this.runState),
        recorder: this.recorder.toJSON(),
        lastLrFind: this.lastLrFind === undefined ? undefined : structuredClone(this.lastLrFind),
        frozenGroups: this.frozenCount,
      },
    });
  }

  /**
   * Builds a learner from what {@link Learner.toSaved} returned; then `fit(…, { resume: true })`
   * with the same arguments continues exactly where the saved run stopped.
   * @param opts - data (required), and what cannot be saved: loss function, metric functions, callbacks, custom model
   * @throws CheckpointError when the saved parts do not fit together or do not fit `opts.model`
   */
  static async restore(saved: SavedLearner, opts: LoadOptions): Promise<Learner> {
    checkLoadOptions(opts);
    return restoreLearner(saved, opts, (o) => new Learner(o), (learner, state) => {
      learner.rng.state = state.rngState;
      learner.runState = state.run === undefined ? undefined : structuredClone(state.run);
      learner.lastLrFind = state.lastLrFind === undefined ? undefined : structuredClone(state.lastLrFind);
      learner.freezeTo(state.frozenGroups ?? 0);
      restoreRecorder(learner.recorder, state.recorder);
    });
  }

  /**
   * Writes {@link Learner.toSaved} to a directory, atomically as a whole: a save killed at any
   * moment leaves the previous one loadable, and the next save removes its leftovers. Node only:
   * in a browser build it rejects with a CheckpointError (save the model with `model.save('indexeddb://name')`).
   * @param dir - a directory (created when missing)
   */
  async save(dir: string): Promise<void> {
    if (typeof dir !== 'string' || dir === '') throw new LearnerOptionError(`save needs a directory path, got ${describeValue(dir)}`);
    await writeCheckpoint(await this.toSaved(), dir);
  }

  /**
   * Reads a learner written by {@link Learner.save}, checking every file against the size and
   * sha256 recorded at save time; then `fit(…, { resume: true })` with the same arguments continues
   * exactly where the saved run stopped. Node only: in a browser build it rejects with a CheckpointError.
   * @param dir - the directory given to save
   * @param opts - data (required), and what cannot be saved: loss function, metric functions, callbacks, custom model
   * @throws CheckpointError naming the file that is missing, damaged or does not belong with the others
   */
  static async load(dir: string, opts: LoadOptions): Promise<Learner> {
    if (typeof dir !== 'string' || dir === '') throw new LearnerOptionError(`load needs a directory path, got ${describeValue(dir)}`);
    checkLoadOptions(opts);
    return Learner.restore(await readCheckpoint(dir), opts);
  }

  /**
   * Validation loss and metrics of the model as it is now, over the whole validation data
   * (`data.valid` or `data.validationSplit`), in inference mode: Keras's `model.evaluate` on the
   * validation set, with the learner's loss and metrics.
   * @returns the mean loss and the metrics by name
   * @throws LearnerError when the learner has no validation data
   */
  async validate(): Promise<Evaluation> {
    if (this.valid === undefined) throw new LearnerError('validate: this learner has no validation data; give data.valid or data.validationSplit');
    return evaluate(this.adapter, this.valid, this.lossFn, this.metrics);
  }

  /**
   * Frees what the learner made: the optimizers' state (slot variables), except a compiled
   * model's own optimizer, which stays the model's. The model and the data tensors stay the
   * caller's: dispose them yourself (`model.dispose()` also disposes an optimizer it compiled
   * from a name such as `'adam'`). Call it when done with the learner; it cannot train afterwards.
   */
  dispose(): void {
    for (const o of this.optimizers) if (o !== this.modelOptimizer) o.dispose();
  }
}
