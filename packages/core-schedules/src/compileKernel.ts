import { fmt, get } from './numRule';
import type { Kernel } from './kernel';
import { buildCaffeInv } from './kinds/caffeInv';
import { buildConstant } from './kinds/constant';
import { buildExponential } from './kinds/exponential';
import { buildFastaiClr } from './kinds/fastaiClr';
import { buildFastaiClrBeta } from './kinds/fastaiClrBeta';
import { buildFastaiSgdr } from './kinds/fastaiSgdr';
import { buildMultiStep } from './kinds/multiStep';
import { buildOneCycle } from './kinds/oneCycle';
import { buildPhases } from './kinds/phases';
import { buildSequence, type Compile } from './kinds/sequence';
import { buildTorchCosineAnnealing } from './kinds/torchCosineAnnealing';
import { buildTorchCosineWarmRestarts } from './kinds/torchCosineWarmRestarts';
import { buildTorchCyclic } from './kinds/torchCyclic';
import { buildTorchLinear } from './kinds/torchLinear';
import { buildTorchOneCycle } from './kinds/torchOneCycle';
import { buildTorchPolynomial } from './kinds/torchPolynomial';
import { buildTorchStep } from './kinds/torchStep';
import { ScheduleError } from './errors';
import type { ScheduleKind } from './scheduleSpec';

type Builder = (o: object, path: string, compile: Compile) => Kernel;

const BUILDERS: Record<ScheduleKind, Builder> = {
  constant: buildConstant,
  fastaiClrBeta: buildFastaiClrBeta,
  fastaiClr: buildFastaiClr,
  fastaiSgdr: buildFastaiSgdr,
  oneCycle: buildOneCycle,
  torchOneCycle: buildTorchOneCycle,
  torchCyclic: buildTorchCyclic,
  torchCosineWarmRestarts: buildTorchCosineWarmRestarts,
  multiStep: buildMultiStep,
  exponential: buildExponential,
  torchStep: buildTorchStep,
  torchCosineAnnealing: buildTorchCosineAnnealing,
  torchLinear: buildTorchLinear,
  torchPolynomial: buildTorchPolynomial,
  caffeInv: buildCaffeInv,
  phases: buildPhases,
  sequence: buildSequence,
};

/** Every spec kind, in the order of the README table. */
export const scheduleKinds: readonly ScheduleKind[] = [
  'constant', 'fastaiClrBeta', 'fastaiClr', 'fastaiSgdr', 'oneCycle', 'torchOneCycle', 'torchCyclic',
  'torchCosineWarmRestarts', 'multiStep', 'exponential', 'torchStep', 'torchCosineAnnealing', 'torchLinear',
  'torchPolynomial', 'caffeInv', 'phases', 'sequence',
];

/** Compiles any spec object into a kernel; `path` prefixes field names in errors. */
export function compileKernel(o: object, path: string, compile: Compile): Kernel {
  const kind = get(o, 'kind');
  const hit = scheduleKinds.find((k) => k === kind);
  if (hit === undefined) {
    throw new ScheduleError(`${path}kind must be one of ${scheduleKinds.map((k) => `'${k}'`).join(', ')}, got ${fmt(kind)}`);
  }
  return BUILDERS[hit](o, path, compile);
}
