import { LrFinderError } from './errors';

/**
 * The lr of range-test iteration `i` (0-based) of `numIt`:
 * `'exp'`: `startLr * (endLr/startLr)^(i/(numIt-1))`; `'linear'`: `startLr + (endLr-startLr) * i/(numIt-1)`.
 *
 * Both end points are hit exactly: iteration 0 uses `startLr`, iteration `numIt-1` uses `endLr`.
 * fastai 0.7 (`LR_Finder`) divides by `nb` (one epoch) and fastai v2 (`SchedExp` over `num_it`)
 * by `num_it`, so neither reaches `endLr`; with the default 100 iterations from 1e-7 to 10 this
 * grid is 1.2% coarser per step than fastai v2's.
 *
 * @param i - iteration, 0 <= i < numIt.
 * @param opts - `startLr`, `endLr`, `numIt`, `mode`.
 * @throws LrFinderError when `i` is out of range.
 * @example
 * ```ts
 * finderLr(99, { startLr: 1e-7, endLr: 10, numIt: 100, mode: 'exp' }); // 10
 * ```
 */
export function finderLr(i: number, opts: { startLr: number; endLr: number; numIt: number; mode: 'exp' | 'linear' }): number {
  if (!Number.isInteger(i) || i < 0 || i >= opts.numIt) {
    throw new LrFinderError(`iteration must be an integer in [0, ${opts.numIt - 1}], got ${i}`);
  }
  if (i === opts.numIt - 1) return opts.endLr;
  const pos = i / (opts.numIt - 1);
  return opts.mode === 'exp'
    ? opts.startLr * (opts.endLr / opts.startLr) ** pos
    : opts.startLr + (opts.endLr - opts.startLr) * pos;
}
