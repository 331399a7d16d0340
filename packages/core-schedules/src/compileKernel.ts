import { fmt, get } from './numRule';
import type { Kernel } from './kernel';
import { buildCaffeInv } from './kinds/buildCaffeInv';
import { buildConstant } from './kinds/buildConstant';
import { buildExponential } from './kinds/buildExponential';
import { buildFastaiClr } from './kinds/buildFastaiClr';
import { buildFastaiClrBeta } from './kinds/buildFastaiClrBeta';
import { buildFastaiSgdr } from './kinds/buildFastaiSgdr';
import { buildMultiStep } from './kinds/buildMultiStep';
import { buildOneCycle } from './kinds/buildOneCycle';
import { buildPhases } from './kinds/buildPhases';
import { buildSequence, type Compile } from './kinds/buildSequence';
import { buildTorchCosineAnnealing } from './kinds/buildTorchCosineAnnealing';
import { buildTorchCosineWarmRestarts } from './kinds/buildTorchCosineWarmRestarts';
import { buildTorchCyclic } from './kinds/buildTorchCyclic';
import { buildTorchLinear } from './kinds/buildTorchLinear';
import { buildTorchOneCycle } from './kinds/buildTorchOneCycle';
import { buildTorchPolynomial } from './kinds/buildTorchPolynomial';
import { buildTorchStep } from './kinds/buildTorchStep';
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
