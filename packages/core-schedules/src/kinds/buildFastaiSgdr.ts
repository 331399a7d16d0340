import { boolOr, get, numOr, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { FastaiSgdrSpec } from '../scheduleSpec';
import { cycleKernel, cycleStart } from './cycleKernel';

const FIELDS = ['kind', 'lr', 'stepsPerCycle', 'cycleMult', 'warmup', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `fastaiSgdr` spec: fastai 0.7's `cycle_len` / `cycle_mult` (class `CosAnneal`),
 * SGDR of Loshchilov & Hutter (arXiv 1608.03983). Inside a cycle of `n` steps at position `i`:
 * `lr = L/2 * (1 + cos(pi i / n))`; each cycle is `cycleMult` times longer than the previous.
 * With `warmup`, while the global step is `< n/20` (n of the current cycle) the LR is `L/100`.
 */
export function buildFastaiSgdr(o: object, path: string): Kernel {
  const { L, nb } = cycleStart(o, path, FIELDS, 'fastaiSgdr');
  const mult = numOr(get(o, 'cycleMult'), 1, `${path}cycleMult`, {
    integer: true,
    min: 1,
    hint: 'each cycle is cycleMult times longer than the one before',
  });
  const warmup = boolOr(get(o, 'warmup'), true, `${path}warmup`);
  const spec: FastaiSgdrSpec = { kind: 'fastaiSgdr', lr: L, stepsPerCycle: nb, cycleMult: mult, warmup, ...wdOptions(o, path) };
  const warm = L / 100;
  const half = L / 2;
  const at =
    mult === 1
      ? (step: number) => ({ lr: warmup && step < nb / 20 ? warm : half * (Math.cos((Math.PI * (step % nb)) / nb) + 1) })
      : (step: number) => {
          let start = 0;
          let n = nb;
          while (step - start >= n) {
            start += n;
            n *= mult;
          }
          return { lr: warmup && step < n / 20 ? warm : half * (Math.cos((Math.PI * (step - start)) / n) + 1) };
        };
  return cycleKernel(spec, L, at, (limit) => {
    const out: number[] = [];
    if (warmup) {
      const w = Math.ceil(nb / 20);
      if (w > 0 && w < nb && w < limit) out.push(w);
    }
    for (let start = nb, n = nb * mult; start < limit; start += n, n *= mult) out.push(start);
    return out;
  });
}
