// The allowed dependency direction between @onecycle packages, shared by the checks.
// core-schedules -> callbacks -> lr-finder -> learner -> cli; viz is used by learner and cli and
// uses none of the others at runtime (type-only imports of core-schedules are allowed there).
export const allowedRuntime = {
  'core-schedules': [],
  callbacks: ['core-schedules'],
  'lr-finder': ['core-schedules', 'callbacks'],
  viz: [],
  learner: ['core-schedules', 'callbacks', 'lr-finder', 'viz'],
  cli: ['core-schedules', 'callbacks', 'lr-finder', 'viz', 'learner'],
};

/** Packages a package may import with `import type` only (erased at build time). */
export const allowedTypeOnly = {
  viz: ['core-schedules'],
};
