import * as tf from '@tensorflow/tfjs-core';
import { CallbackBus, CancelEpochError } from '@onecycle/callbacks';
import type { Callback } from '@onecycle/callbacks';
import type { Batch, BatchSource, EpochCursor } from './toBatchSource';
import { FitError } from './errors';
import type { FitPosition } from './errors';
import { evaluate, validBatchLoss } from './evaluate';
import type { GroupHyperHandle } from './groupHyperHandle';
import type { LossFn, NamedMetric } from './resolveLoss';
import type { ModelAdapter } from './modelAdapter';
import type { SeededRng } from '@onecycle/core-schedules';

/** Where a run stands: the next batch to run, and the RNG state at the start of its epoch. */
export interface LoopPosition {
  /** Epoch of the next batch. */
  epoch: number;
  /** Index within the epoch of the next batch. */
  batch: number;
  /** Batches completed since the run began (= global iteration of the next batch). */
  iteration: number;
  /** RNG state before the epoch's shuffle, so the same order can be drawn again on resume. */
  epochRngState: number;
}

/** Everything the loop trains with. */
export interface LoopCore {
  model: ModelAdapter;
  lossFn: LossFn;
  metrics: readonly NamedMetric[];
  optimizers: readonly tf.Optimizer[];
  hyper: GroupHyperHandle;
  train: BatchSource;
  valid: BatchSource | undefined;
  rng: SeededRng;
  /** The variables that train (all of them, minus frozen layer groups): gradients are taken of these only. */
  trainable: readonly tf.Variable[];
}

export interface LoopRun {
  callbacks: Callback[];
  numEpochs: number;
  batchesPerEpoch: number;
  /** Where to start (resume); a fresh run when absent. */
  start: LoopPosition | undefined;
  /** Raw losses of the run before `start` (resume), oldest first: the smoothed loss continues from them. */
  priorLosses?: readonly number[];
  /** Validate at the end of each epoch (when there is validation data). */
  validate: boolean;
  /** Called after every completed optimizer step and epoch with the new position. */
  onPosition(pos: LoopPosition): void;
}

/** What the loop saw. */
export interface LoopOutcome {
  /** The first non-finite training loss, where it happened. */
  nonFinite: { position: FitPosition; loss: number } | undefined;
  /** Whether every planned batch ran. */
  completed: boolean;
}

/**
 * The hand-written training loop: for each batch, forward + loss + gradients in one
 * `tf.variableGrads`, one loss read, then `optimizer.applyGradients` per layer group, firing the
 * ten CallbackBus events (fastai v1's order). Nothing but the loss is read from the device per
 * batch; every tensor it makes is disposed.
 *
 * @param core - model, loss, optimizers, data, RNG
 * @param run - callbacks, length, start position
 * @returns what happened
 */
export async function runLoop(core: LoopCore, run: LoopRun): Promise<LoopOutcome> {
  const { model, lossFn, optimizers, hyper, train, rng } = core;
  const vb = core.valid === undefined ? undefined : validBatchLoss(model, core.valid, lossFn);
  const bus = new CallbackBus(run.callbacks, {
    model: model.layersModel,
    variables: model.variables,
    optimizer: optimizers[optimizers.length - 1],
    hyper,
    validBatchLoss: vb?.next,
  });
  const groups = model.groups;
  const vars = [...core.trainable];
  const bpe = run.batchesPerEpoch;
  const start = run.start ?? { epoch: 0, batch: 0, iteration: 0, epochRngState: rng.state };
  let pos: LoopPosition = { ...start };
  let nonFinite: LoopOutcome['nonFinite'];
  let completed = false;

  const step = async (batch: Batch): Promise<void> => {
    await bus.fire('onLossBegin');
    const failed: { threw: boolean; error?: unknown } = { threw: false };
    const { value, grads } = tf.tidy(() => tf.variableGrads(() => {
      try {
        return tf.mean(lossFn(batch.ys, model.forward(batch.xs, true)));
      } catch (error) {
        // Leaving variableGrads by an exception would strand every tensor its tape saved for the
        // backward pass (tfjs frees them only at the end of a backward pass): finish on a zero loss
        // tied to the variables, so the tape is cleaned, then rethrow below.
        failed.threw = true;
        failed.error = error;
        return tf.mean(tf.mul(tf.addN(vars.map((v) => tf.sum(v))), 0));
      }
    }, vars));
    if (failed.threw) {
      value.dispose();
      tf.dispose(grads);
      throw failed.error;
    }
    try {
      const loss = (await value.data())[0] ?? Number.NaN;
      const finite = Number.isFinite(loss);
      if (!finite && nonFinite === undefined) {
        nonFinite = { position: { epoch: pos.epoch, iteration: pos.iteration, lr: bus.state.hyper.lr }, loss };
      }
      await bus.fire('onBackwardBegin', { lastLoss: loss });
      await bus.fire('onBackwardEnd');
      // A non-finite loss has non-finite gradients: a step would write them into the momentum and
      // Adam buffers, which restoring the weights does not undo, and the next fit would fail at once.
      if (!bus.state.skipStep && finite) {
        for (let g = 0; g < groups.length; g++) {
          const list = (groups[g] ?? []).flatMap((v) => {
            const t = grads[v.name];
            return t === undefined ? [] : [{ name: v.name, tensor: t }];
          });
          // A frozen group has no gradients: no step either, so its Adam step count (bias
          // correction) starts when it is unfrozen, as PyTorch's per-parameter `step` does.
          if (list.length > 0) optimizers[g]?.applyGradients(list);
        }
      }
    } finally {
      value.dispose();
      tf.dispose(grads);
    }
    pos = { ...pos, batch: pos.batch + 1, iteration: pos.iteration + 1 };
    run.onPosition(pos);
    await bus.fire('onStepEnd');
  };

  const nextEpoch = (): void => {
    pos = { epoch: pos.epoch + 1, batch: 0, iteration: pos.iteration, epochRngState: rng.state };
    run.onPosition(pos);
  };

  const epochBody = async (cursor: EpochCursor): Promise<void> => {
    for (let b = await cursor.next(); b !== null; b = await cursor.next()) {
      const batch = b;
      try {
        await bus.runBatch(() => step(batch), { batch: pos.batch, iteration: pos.iteration, epoch: pos.epoch, batchSize: batch.xs.shape[0] });
      } finally {
        batch.xs.dispose();
        batch.ys.dispose();
      }
    }
    if (run.validate && core.valid !== undefined && !bus.state.skipValidate) {
      const ev = await evaluate(model, core.valid, lossFn, core.metrics);
      bus.state.validLoss = ev.loss;
      bus.state.metrics = ev.metrics;
    }
    nextEpoch();
  };

  try {
    await bus.runFit(
      async () => {
        if (run.priorLosses !== undefined) bus.continueSmoothLoss(run.priorLosses);
        while (pos.epoch < run.numEpochs) {
          rng.state = pos.epochRngState;
          const cursor = await train.open(rng);
          try {
            for (let skip = 0; skip < pos.batch; skip++) {
              const b = await cursor.next();
              if (b === null) break;
              b.xs.dispose();
              b.ys.dispose();
            }
            await bus.runEpoch(async () => {
              try {
                await epochBody(cursor);
              } catch (e) {
                // fastai's CancelEpochException: the epoch ends here (onEpochEnd still fires) and the
                // fit goes on with the next one. A stop (stopTraining) keeps the position instead, so
                // a resume continues with the next batch.
                if (e instanceof CancelEpochError && !bus.state.stopTraining) nextEpoch();
                throw e;
              }
            }, { epoch: pos.epoch, metrics: {}, validLoss: undefined });
          } finally {
            cursor.close();
          }
        }
        completed = true;
      },
      {
        numEpochs: run.numEpochs,
        numIterations: run.numEpochs * bpe,
        batchesPerEpoch: bpe,
        batchSize: train.batchSize,
        epoch: pos.epoch,
        iteration: pos.iteration,
        batch: pos.batch,
        hyper: hyper.get(),
      },
    );
  } catch (e) {
    throw new FitError({ epoch: bus.state.epoch, iteration: bus.state.iteration, lr: bus.state.hyper.lr }, e);
  } finally {
    vb?.close();
  }
  return { nonFinite, completed };
}
