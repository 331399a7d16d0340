import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Callback } from '@onecycle/callbacks';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import type { DataSource } from './toBatchSource';
import type { LossFn, MetricFn } from './resolveLoss';
import type { LrInput } from './lrSlice';
import type { CustomModel, LayerGroupsSpec } from './modelAdapter';
import type { OptimizerInput } from './makeOptimizers';
import type { OneCyclePlanOptions } from './fitPlan';
import type { FlatCosPlanOptions, SgdrPlanOptions } from './flatCosPlan';

/** Options of the {@link Learner} constructor. */
export interface LearnerOptions {
  /** A `tf.LayersModel`, or any object with `trainableVariables` and `apply(x, { training })`. */
  model: LayersModel | CustomModel;
  /**
   * Training data and optional validation data: `valid`, or Keras's `validationSplit` (the last
   * fraction of the rows of tensor `train` data, taken before shuffling).
   */
  data: { train: DataSource; valid?: DataSource; validationSplit?: number };
  /** Loss name or function. @default the compiled model's loss */
  loss?: string | LossFn;
  /**
   * The optimizer. A compiled model's own optimizer is used when this is left out (a copy of it
   * per extra layer group); 'adamw' takes the schedule's momentum as beta1.
   * @default the compiled optimizer, else 'sgdw' (momentum 0.9)
   */
  optimizer?: OptimizerInput;
  /** Validation metrics; 'accuracy' follows the loss. @default the compiled model's metrics, else [] */
  metrics?: Array<string | MetricFn>;
  /** Callbacks for every fit. @default [] */
  callbacks?: Callback[];
  /** Layer groups for discriminative LRs. @default one group */
  layerGroups?: LayerGroupsSpec;
  /** Seed of the per-epoch shuffle. @default a random seed */
  seed?: number;
  /** Stop at the first non-finite loss, restore the last finite weights and throw NonFiniteLossError. @default true */
  terminateOnNaN?: boolean;
  /** Show a progress bar / epoch table. @default true */
  progress?: boolean;
  /** Keep training the normalization layers (batch norm's scale and offset) of frozen layer groups, as fastai's `train_bn`. @default true */
  trainBn?: boolean;
  /**
   * On the pure-JS `cpu` backend, compute convolution filter gradients with a tight typed-array
   * kernel in place of tfjs's stock `Conv2DBackpropFilter` (the slowest step of training a CNN
   * there) during each fit and `lrFind`; the stock kernel is back afterwards. Same results up to
   * float rounding. Other backends are not touched. `false` keeps tfjs's kernel.
   * @default true
   */
  fastKernels?: boolean;
}

/** What a fit returns. */
export interface FitResult {
  /** The schedule that drove the fit (every default filled in by core-schedules at run time). */
  spec: ScheduleSpec;
  /** Planned epochs. */
  numEpochs: number;
  /** Batches completed since the fit began (including before a resume). */
  iterations: number;
  /** False when a callback stopped the fit early; `fit(…, { resume: true })` continues it. */
  completed: boolean;
  /** Last epoch's validation loss, when validated. */
  validLoss: number | undefined;
  /** Last epoch's validation metrics. */
  metrics: Record<string, number>;
}

/** fastai v2 `fit_one_cycle` options. */
export interface FitOneCycleOptions extends OneCyclePlanOptions {
  /** Callbacks for this fit only. */
  callbacks?: Callback[];
  /** Continue the interrupted fit with the same arguments. @default false */
  resume?: boolean;
}

/** `fitSchedule` options. */
export interface FitScheduleOptions {
  /** Per-group LRs relative to the spec's: the largest gets the spec's LR, the others proportionally. */
  groupLrs?: LrInput;
  /** Callbacks for this fit only. */
  callbacks?: Callback[];
  /** Continue the interrupted fit with the same arguments. @default false */
  resume?: boolean;
}

/** `fitFlatCos` options: fastai v2 `fit_flat_cos`'s, plus callbacks and resume. */
export interface FitFlatCosOptions extends FlatCosPlanOptions {
  /** Callbacks for this fit only. */
  callbacks?: Callback[];
  /** Continue the interrupted fit with the same arguments. @default false */
  resume?: boolean;
}

/** `fitSgdr` options: fastai v2 `fit_sgdr`'s, plus callbacks and resume. */
export interface FitSgdrOptions extends SgdrPlanOptions {
  /** Callbacks for this fit only. */
  callbacks?: Callback[];
  /** Continue the interrupted fit with the same arguments. @default false */
  resume?: boolean;
}

/** `fineTune` options: fastai v2 `fine_tune`'s. */
export interface FineTuneOptions {
  /** Epochs with every layer group but the last frozen, first. @default 1 */
  freezeEpochs?: number;
  /** After unfreezing, the first group trains at `baseLr / 2 / lrMult`, the last at `baseLr / 2`. @default 100 */
  lrMult?: number;
  /** pctStart of the unfrozen one-cycle fit (the frozen one uses 0.99, as fastai). @default 0.3 */
  pctStart?: number;
  /** div of the unfrozen one-cycle fit. @default 5 */
  div?: number;
  /** Weight decay of both fits. */
  wd?: number | readonly number[];
  /** Callbacks for both fits. */
  callbacks?: Callback[];
}
