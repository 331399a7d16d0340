import { Recorder } from '@onecycle/callbacks';
import type { RecorderJSON } from '@onecycle/core-schedules';
import { CheckpointError } from './errors';

function empty(): RecorderJSON {
  return { version: 1, batches: [], epochs: [] };
}

/**
 * The learner's Recorder (callbacks' `Recorder`): the same records, plus what came before a
 * resume, so a resumed fit's record reads as one run (checkpoints carry it across processes).
 */
export class LearnerRecorder extends Recorder {
  private prefix: RecorderJSON = empty();
  private offset = 0;

  /**
   * Called by the learner before each run.
   * @param resumeAt - where a resumed run starts; undefined for a fresh run (the record starts over)
   */
  prepare(resumeAt: { epoch: number; iteration: number } | undefined): void {
    if (resumeAt === undefined) {
      this.prefix = empty();
      this.offset = 0;
      return;
    }
    const all = this.toJSON();
    this.prefix = {
      version: 1,
      batches: all.batches.filter((b) => b.iteration < resumeAt.iteration),
      epochs: all.epochs.filter((e) => e.epoch < resumeAt.epoch),
    };
    this.offset = resumeAt.iteration;
  }

  /** @returns the raw losses recorded before the resume point (after {@link prepare}), oldest first */
  priorLosses(): number[] {
    return this.prefix.batches.map((b) => b.loss);
  }

  /**
   * Replaces the record with a saved one.
   * @param data - a RecorderJSON
   */
  load(data: RecorderJSON): void {
    this.onTrainBegin();
    this.prefix = { version: 1, batches: data.batches.map((b) => ({ ...b })), epochs: data.epochs.map((e) => ({ ...e, metrics: { ...e.metrics } })) };
    this.offset = 0;
  }

  /** @returns the record before the last resume followed by the record since */
  override toJSON(): RecorderJSON {
    const own = super.toJSON();
    return {
      version: 1,
      batches: [...this.prefix.batches.map((b) => ({ ...b })), ...own.batches],
      epochs: [...this.prefix.epochs.map((e) => ({ ...e, metrics: { ...e.metrics } })), ...own.epochs.map((e) => ({ ...e, iteration: e.iteration + this.offset }))],
    };
  }
}

function isRecorderJSON(v: unknown): v is RecorderJSON {
  if (typeof v !== 'object' || v === null || !('batches' in v) || !('epochs' in v)) return false;
  const { batches, epochs } = v;
  return Array.isArray(batches) && Array.isArray(epochs) &&
    batches.every((b: unknown) => typeof b === 'object' && b !== null && 'iteration' in b && 'lr' in b && 'loss' in b) &&
    epochs.every((e: unknown) => typeof e === 'object' && e !== null && 'epoch' in e && 'metrics' in e);
}

/**
 * Puts a saved record back into the learner's recorder.
 * @param rec - the learner's recorder
 * @param data - the saved `recorder` field
 */
export function restoreRecorder(rec: LearnerRecorder, data: unknown): void {
  if (!isRecorderJSON(data)) throw new CheckpointError('learner.json: recorder must be a RecorderJSON ({ version, batches, epochs })');
  rec.load(data);
}
