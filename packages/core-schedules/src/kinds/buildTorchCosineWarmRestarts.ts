import { get, knownFields, lrValue, numOr, stepsValue, wdOptions } from '../numRule';
import type { Kernel } from '../kernel';
import type { TorchCosineWarmRestartsSpec } from '../scheduleSpec';

const FIELDS = ['kind', 'baseLr', 't0', 'tMult', 'etaMin', 'wd', 'wdSchedule'] as const;

/**
 * Compiles a `torchCosineWarmRestarts` spec: PyTorch `CosineAnnealingWarmRestarts` (SGDR,
 * Loshchilov & Hutter, arXiv 1608.03983) stepped once per batch; `at(k)` equals the value after
 * `k` calls of `scheduler.step()`: `etaMin + (baseLr - etaMin) (1 + cos(pi Tcur / Ti)) / 2`.
 */
export function buildTorchCosineWarmRestarts(o: object, path: string): Kernel {
  knownFields(o, FIELDS, path, "kind 'torchCosineWarmRestarts'");
  const baseLr = lrValue(get(o, 'baseLr'), `${path}baseLr`);
  const t0 = stepsValue(get(o, 't0'), `${path}t0`);
  const tMult = numOr(get(o, 'tMult'), 1, `${path}tMult`, { integer: true, min: 1, hint: 'each restart period is tMult times the previous one' });
  const etaMin = numOr(get(o, 'etaMin'), 0, `${path}etaMin`, { min: 0, hint: 'it is the lowest LR' });
  const spec: TorchCosineWarmRestartsSpec = { kind: 'torchCosineWarmRestarts', baseLr, t0, tMult, etaMin, ...wdOptions(o, path) };
  const amp = baseLr - etaMin;
  const at =
    tMult === 1
      ? (step: number) => ({ lr: etaMin + (amp * (1 + Math.cos((Math.PI * (step % t0)) / t0))) / 2 })
      : (step: number) => {
          let cur = step;
          let ti = t0;
          while (cur >= ti) {
            cur -= ti;
            ti *= tMult;
          }
          return { lr: etaMin + (amp * (1 + Math.cos((Math.PI * cur) / ti))) / 2 };
        };
  return {
    spec,
    totalSteps: undefined,
    peakLr: Math.max(baseLr, etaMin),
    ownsWd: false,
    at,
    boundaries: (limit) => {
      const out: number[] = [];
      for (let start = t0, n = t0 * tMult; start < limit; start += n, n *= tMult) out.push(start);
      return out;
    },
  };
}
