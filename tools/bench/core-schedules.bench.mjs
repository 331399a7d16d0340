// at() calls per second for every @onecycle/core-schedules kind (target: >= 5M/s each).
import { performance } from 'node:perf_hooks';
import { createSchedule } from '@onecycle/core-schedules';

const SPECS = {
  constant: { kind: 'constant', lr: 0.1, mom: 0.9 },
  fastaiClrBeta: { kind: 'fastaiClrBeta', lr: 0.8, stepsPerCycle: 9310, pct: 13.68, maxMom: 0.95, minMom: 0.85 },
  fastaiClr: { kind: 'fastaiClr', lr: 0.01, stepsPerCycle: 1000, maxMom: 0.95, minMom: 0.85 },
  fastaiSgdr: { kind: 'fastaiSgdr', lr: 0.1, stepsPerCycle: 500, cycleMult: 2 },
  oneCycle: { kind: 'oneCycle', lrMax: 0.1, totalSteps: 100_000 },
  torchOneCycle: { kind: 'torchOneCycle', maxLr: 0.1, totalSteps: 100_000, threePhase: true },
  torchCyclic: { kind: 'torchCyclic', baseLr: 0.001, maxLr: 0.01, mode: 'expRange', gamma: 0.99999 },
  torchCosineWarmRestarts: { kind: 'torchCosineWarmRestarts', baseLr: 0.1, t0: 100, tMult: 2 },
  multiStep: { kind: 'multiStep', lr: 0.1, milestones: [30_000, 60_000, 90_000], mom: 0.9 },
  exponential: { kind: 'exponential', lr: 0.1, gamma: 0.9999 },
  phases: {
    kind: 'phases', totalSteps: 100_000, wd: 1e-4, wdSchedule: 'followLr',
    phases: [
      { pct: 0.3, lr: { start: 0.01, end: 0.1, anneal: 'lin' }, mom: { start: 0.95, end: 0.85, anneal: 'lin' } },
      { pct: 0.6, lr: { start: 0.1, end: 0.01, anneal: 'cos' }, mom: { start: 0.85, end: 0.95, anneal: 'cos' } },
      { pct: 0.1, lr: { start: 0.01, end: 1e-4, anneal: 'exp' }, mom: { start: 0.95, end: 0.95, anneal: 'no' } },
    ],
  },
  sequence: {
    kind: 'sequence',
    parts: [
      { steps: 5_000, spec: { kind: 'phases', totalSteps: 5_000, phases: [{ pct: 1, lr: { start: 1e-3, end: 0.1, anneal: 'lin' } }] } },
      { steps: 95_000, spec: { kind: 'torchCosineWarmRestarts', baseLr: 0.1, t0: 95_000 } },
    ],
  },
};

const CALLS = 5_000_000;

function measure(schedule) {
  const limit = schedule.totalSteps ?? 100_000;
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += schedule.at(i % limit).lr; // warm-up
  const t0 = performance.now();
  for (let i = 0, step = 0; i < CALLS; i++) {
    sink += schedule.at(step).lr;
    if (++step === limit) step = 0;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!Number.isFinite(sink)) throw new Error('non-finite schedule value');
  return CALLS / seconds;
}

export async function run() {
  const rows = [];
  for (const [kind, spec] of Object.entries(SPECS)) {
    const perSecond = measure(createSchedule(spec));
    rows.push({ name: `core-schedules: ${kind} at() calls/s`, value: `${(perSecond / 1e6).toFixed(1)}M`, target: '>= 5M' });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) console.log(`${r.name}: ${r.value} (target ${r.target})`);
}
