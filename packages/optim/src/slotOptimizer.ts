import * as tf from '@tensorflow/tfjs-core';
import { OptimError } from './errors';
import { toSlots } from './slotVariable';
import type { NamedTensor, SlotVariable } from './slotVariable';

/**
 * What {@link AdamW} and {@link SGDW} share: a real prototype `instanceof`, and per-variable
 * state kept as named slot variables in a fixed number of lists (Adam's first and second
 * moments; SGD's momentum buffers), saved by getWeights after the iteration count, list by list.
 * Internal: not exported from the package.
 */
export abstract class SlotOptimizer extends tf.Optimizer {
  /**
   * Real prototype check: tf.Optimizer's own `instanceof` is duck-typed, which would make every
   * optimizer an instance of every subclass.
   * @param x - anything
   * @returns whether x was made by this class (the one `instanceof` names) or a subclass
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'object' && x !== null && Object.prototype.isPrototypeOf.call(this.prototype, x);
  }

  /**
   * The slot lists, in getWeights order. Subclasses keep each list in an own field (what
   * snapshotWeights saves and restores) and expose them here.
   * @internal
   */
  protected abstract get slotLists(): SlotVariable[][];
  protected abstract set slotLists(lists: SlotVariable[][]);

  /**
   * The slot variable of a list with this name, if it was made already.
   * @param list - index of the slot list
   * @param originalName - `${variableName}/${slot}`
   * @returns the variable, or undefined
   * @internal
   */
  protected findSlot(list: number, originalName: string): tf.Variable | undefined {
    return this.slots(list).find((s) => s.originalName === originalName)?.variable;
  }

  /**
   * Adds a slot variable to a list; the optimizer owns it from now on.
   * @param list - index of the slot list
   * @param originalName - `${variableName}/${slot}`
   * @param variable - a kept, non-trainable variable
   * @internal
   */
  protected addSlot(list: number, originalName: string, variable: tf.Variable): tf.Variable {
    this.slots(list).push({ originalName, variable });
    return variable;
  }

  /** Disposes the slot variables. */
  override dispose(): void {
    const lists = this.slotLists;
    tf.dispose(lists.flat().map((s) => s.variable));
    this.slotLists = lists.map(() => []);
  }

  /** @returns the iteration count, then the slot variables list by list */
  override async getWeights(): Promise<NamedTensor[]> {
    return [await this.saveIterations()].concat(this.slotLists.flat().map((s) => ({ name: s.originalName, tensor: s.variable })));
  }

  /** @param weightValues - as returned by getWeights: the slots split evenly over the lists */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    this.dispose();
    const count = this.slotLists.length;
    const size = rest.length / count;
    this.slotLists = this.slotLists.map((_, i) => toSlots(i === count - 1 ? rest.slice(i * size) : rest.slice(i * size, (i + 1) * size)));
  }

  private slots(list: number): SlotVariable[] {
    const slots = this.slotLists[list];
    if (slots === undefined) throw new OptimError(`slot list ${list} does not exist: this optimizer keeps ${this.slotLists.length} (0 to ${this.slotLists.length - 1})`);
    return slots;
  }
}
