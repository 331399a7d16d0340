import type { ScheduleSpec } from '@onecycle/core-schedules';
import type { Suggestions } from '@onecycle/lr-finder';
import type { HistoryEpoch } from '../train/runTraining';

/** The demo's targets: under a minute on 2 cores with the default backend without native TensorFlow (`wasm`), at least 93% valid accuracy. */
export const DEMO_TARGETS = { seconds: 60, accuracy: 0.93 } as const;

/** What `summary.json` of `onecycle demo` holds. */
export interface DemoSummary {
  /** Format version. */
  version: 1;
  /** The tfjs backend the run used. */
  backend: string;
  /** Where the digits came from and how they were split. */
  data: { source: string; samples: number; train: number; valid: number };
  /** The model, e.g. `MLP 784-256-128-10 with batch norm`. */
  model: string;
  /** Samples per batch. */
  batchSize: number;
  /** Epochs of the 1cycle fit. */
  epochs: number;
  /** Seed of the split, weights and shuffles. */
  seed: number;
  /** The LR range test: suggestions, iterations run, why it stopped, seconds. */
  lrFind: { suggestions: Suggestions; iterations: number; stopReason: string; seconds: number };
  /** The 1cycle peak LR and the rule that picked it. */
  peakLr: number;
  /** Why that peak (see `choosePeakLr`). */
  peakLrRule: string;
  /** The schedule spec the fit ran. */
  schedule: ScheduleSpec;
  /** Per-epoch losses, accuracy and seconds. */
  history: HistoryEpoch[];
  /** Validation loss after the last epoch. */
  finalValidLoss: number | undefined;
  /** Validation accuracy after the last epoch. */
  finalValidAccuracy: number | undefined;
  /** Seconds of the 1cycle fit. */
  fitSeconds: number;
  /** Seconds of the whole demo (backend start, data, lr_find, fit, charts). */
  seconds: number;
  /** Whether the run met the demo's targets; `applies` is false for a subset or another epoch count. */
  targets: {
    applies: boolean;
    seconds: { limit: number; met: boolean };
    accuracy: { min: number; met: boolean };
  };
}
