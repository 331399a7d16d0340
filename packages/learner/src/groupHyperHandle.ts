import type { Hyper, HyperHandle } from '@onecycle/optim';

/**
 * A composite {@link HyperHandle} over one handle per layer group (fastai's discriminative LRs):
 * `set({ lr, mom, wd })` gives group `i` the LR `lr * lrScale[i]` and weight decay
 * `wd * wdScale[i]`; momentum is shared. `get()` reports the last group (scale 1 by construction).
 */
export class GroupHyperHandle implements HyperHandle {
  private lrScale: number[];
  private wdScale: number[];

  /** @param handles - one handle per layer group, first group first */
  constructor(private readonly handles: readonly HyperHandle[]) {
    this.lrScale = handles.map(() => 1);
    this.wdScale = handles.map(() => 1);
  }

  /**
   * Sets the per-group multipliers, relative to the values a scheduler writes.
   * @param lrScale - one LR multiplier per group
   * @param wdScale - one weight-decay multiplier per group
   */
  setScales(lrScale: readonly number[], wdScale: readonly number[]): void {
    this.lrScale = [...lrScale];
    this.wdScale = [...wdScale];
  }

  /** @returns the hyper-parameters of the last group, divided back by its scales */
  get(): Hyper {
    const last = this.handles.length - 1;
    const h = this.handles[last]?.get() ?? { lr: 0 };
    const ls = this.lrScale[last] ?? 1;
    const ws = this.wdScale[last] ?? 1;
    const out: Hyper = { lr: ls === 0 ? h.lr : h.lr / ls };
    if (h.mom !== undefined) out.mom = h.mom;
    if (h.wd !== undefined) out.wd = ws === 0 ? h.wd : h.wd / ws;
    return out;
  }

  /** @param h - the values for the reference (last) group; other groups get them scaled */
  set(h: Partial<Hyper>): void {
    this.handles.forEach((handle, i) => {
      const g: Partial<Hyper> = {};
      if (h.lr !== undefined) g.lr = h.lr * (this.lrScale[i] ?? 1);
      if (h.mom !== undefined) g.mom = h.mom;
      if (h.wd !== undefined) g.wd = h.wd * (this.wdScale[i] ?? 1);
      handle.set(g);
    });
  }
}
