import { createHash } from 'node:crypto';
import { SweepConfigError } from './errors';
import { setFieldPath } from './setFieldPath';
import type { JsonObject, JsonValue } from './jsonValue';
import type { SweepConfig } from './sweepConfig';

/** One cell of a sweep: a variant and/or one combination of grid values, run once per seed. */
export interface SweepCell {
  /** Position in the sweep, from 0. */
  index: number;
  /** Its name in tables and charts: the variant, then `field=value` for each grid field. */
  name: string;
  /** Its folder under `runs/`: `c01-` and the name made safe for file systems. */
  slug: string;
  /** The variant, when the sweep has variants. */
  variant?: string;
  /** The grid values of this cell, by full field path. */
  values: Array<{ path: string; value: JsonValue }>;
}

/** One run of a sweep: a cell with a seed. */
export interface PlannedRun {
  /** `<cell slug>/seed-<seed>`: unique in the sweep, stable across resumes. */
  id: string;
  /** The cell's name. */
  cell: string;
  cellIndex: number;
  seed: number;
  /** Its folder relative to the sweep's output folder (`runs/<slug>/seed-<seed>`, `/`-separated). */
  dir: string;
  /** The full run config: the base with the variant, the grid values and the seed applied. */
  config: JsonObject;
}

/** What a sweep config expands to. */
export interface SweepPlan {
  /** The cells, in order: variants outermost, then the grid fields in the order written (the last varies fastest). */
  cells: SweepCell[];
  /** The runs, cell by cell, each cell's seeds in order. */
  runs: PlannedRun[];
  /** The cell the paired differences are against. */
  baseline: string;
  /** A hash of every run's id and config: a resume must find the same plan. */
  hash: string;
}

const format = (v: JsonValue): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The shortest tail of each path that no other path ends with, so `weightDecay` rather than `optimizer.weightDecay`. */
function shortLabels(paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of paths) {
    const parts = p.split('.');
    let n = 1;
    while (n < parts.length && paths.some((q) => q !== p && q.split('.').slice(-n).join('.') === parts.slice(-n).join('.'))) n++;
    out.set(p, parts.slice(-n).join('.'));
  }
  return out;
}

function product(axes: ReadonlyArray<{ path: string; values: JsonValue[] }>): Array<Array<{ path: string; value: JsonValue }>> {
  let combos: Array<Array<{ path: string; value: JsonValue }>> = [[]];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((value) => [...c, { path: axis.path, value }]));
  return combos;
}

/**
 * Expands a sweep config into its cells and runs: every variant (if any) times every combination
 * of grid values is a cell, and every cell runs once per seed, each run with its own config and
 * folder. Pure and deterministic: the same config always gives the same plan, which is what lets
 * a resume recognise the runs already done.
 * @param sweep - a validated sweep config
 * @throws SweepConfigError when the baseline names no cell, or a path cannot be set in the base config
 * @example
 * ```ts
 * const plan = expandSweep(parseSweepConfig(json));
 * console.log(plan.runs.map((r) => r.id)); // ['c01-weightDecay=0.0001/seed-0', …]
 * ```
 */
export function expandSweep(sweep: SweepConfig): SweepPlan {
  const labels = shortLabels(sweep.grid.map((a) => a.path));
  const variants = sweep.variants.length === 0 ? [undefined] : sweep.variants;
  const cells: SweepCell[] = [];
  const runs: PlannedRun[] = [];
  const width = String(variants.length * product(sweep.grid).length).length;
  for (const variant of variants) {
    for (const values of product(sweep.grid)) {
      const index = cells.length;
      const parts = [...(variant === undefined ? [] : [variant.name]), ...values.map((v) => `${labels.get(v.path) ?? v.path}=${format(v.value)}`)];
      const name = parts.length === 0 ? 'base' : parts.join(', ');
      const safe = name.replace(/, /g, '_').replace(/[^\w.=-]+/g, '-').slice(0, 60);
      const slug = `c${String(index + 1).padStart(Math.max(2, width), '0')}-${safe}`;
      const cell: SweepCell = { index, name, slug, values };
      if (variant !== undefined) cell.variant = variant.name;
      cells.push(cell);
      let config = sweep.base;
      for (const s of variant?.set ?? []) config = setFieldPath(config, s.path, s.value);
      for (const v of values) config = setFieldPath(config, v.path, v.value);
      for (const seed of sweep.seeds) {
        const dir = `runs/${slug}/seed-${seed}`;
        runs.push({ id: `${slug}/seed-${seed}`, cell: name, cellIndex: index, seed, dir, config: setFieldPath(config, sweep.seedField, seed) });
      }
    }
  }
  const names = new Set(cells.map((c) => c.name));
  if (names.size !== cells.length) throw new SweepConfigError('variants', sweep.variants.map((v) => v.name), 'names that do not repeat a grid cell name');
  const baseline = sweep.baseline ?? cells[0]?.name ?? 'base';
  if (!names.has(baseline)) throw new SweepConfigError('baseline', baseline, `the name of a cell: ${[...names].map((n) => `"${n}"`).join(', ')}`);
  const hash = createHash('sha256').update(JSON.stringify(runs.map((r) => [r.id, r.config]))).digest('hex').slice(0, 16);
  return { cells, runs, baseline, hash };
}
