// The allowed dependency direction between @onecycle packages, shared by the checks.
// core-schedules (schedules, the seeded RNG, the debiased EMA, the record types) and
// atomic-write sit at the bottom; optim -> callbacks -> lr-finder -> learner -> cli above them;
// datasets and zoo beside them for the cli; viz builds charts from plain data and depends only on
// core-schedules (its record types) and atomic-write; sweep (runs many configs through a runner
// module, knowing nothing of training) draws with viz, and the cli supplies its training runner.
export const allowedRuntime = {
  'core-schedules': [],
  'atomic-write': [],
  optim: ['core-schedules'],
  callbacks: ['core-schedules', 'optim', 'atomic-write'],
  'lr-finder': ['core-schedules', 'optim', 'callbacks'],
  viz: ['core-schedules', 'atomic-write'],
  datasets: ['core-schedules'],
  zoo: [],
  learner: ['core-schedules', 'optim', 'callbacks', 'lr-finder', 'viz', 'atomic-write'],
  sweep: ['core-schedules', 'atomic-write', 'viz'],
  cli: ['core-schedules', 'atomic-write', 'optim', 'callbacks', 'lr-finder', 'viz', 'datasets', 'zoo', 'learner', 'sweep'],
};

/** Packages a package may import with `import type` only (erased at build time). */
export const allowedTypeOnly = {};
