import { SweepConfigError, UnknownFieldError } from './errors';
import { parseFieldPath } from './setFieldPath';
import { isJsonObject } from './jsonValue';
import type { JsonObject, JsonValue } from './jsonValue';
import { parseSweepMetric } from './sweepMetric';
import type { SweepMetric } from './sweepMetric';

/** One field of the grid: a path into the run config and the values it takes. */
export interface GridAxis {
  /** Dotted path into the run config, e.g. `optimizer.weightDecay`. */
  path: string;
  /** The values, in order. */
  values: JsonValue[];
}

/** One named variant: field paths and the values it sets (a regime that is not a product of values). */
export interface SweepVariant {
  /** Its name, shown in tables and charts. */
  name: string;
  /** What it sets, in order. */
  set: Array<{ path: string; value: JsonValue }>;
}

/** A validated sweep config (sweep.json). */
export interface SweepConfig {
  /** Free text: what the sweep is for. */
  description?: string;
  /** The run config every run starts from (for `onecycle sweep`, exactly an `onecycle train` config). */
  base: JsonObject;
  /** The grid: every combination of its values is a cell. @default [] (one cell) */
  grid: GridAxis[];
  /** Named variants; with a grid, every variant is combined with every grid cell. @default [] */
  variants: SweepVariant[];
  /** The seeds each cell runs with. @default [0] */
  seeds: number[];
  /** The field path a run's seed is written to. @default 'seed' */
  seedField: string;
  /** What to compare across cells. */
  metric: SweepMetric;
  /** The cell the paired differences are taken against. @default the first cell */
  baseline?: string;
}

const KEYS = ['description', 'base', 'grid', 'variants', 'seeds', 'seedField', 'metric', 'baseline'] as const;

function checkFields(obj: JsonObject, parent: string, known: readonly string[]): void {
  for (const k of Object.keys(obj)) if (!known.includes(k)) throw new UnknownFieldError(parent, k, known);
}

function parseGrid(v: JsonValue | undefined): GridAxis[] {
  if (v === undefined) return [];
  if (!isJsonObject(v)) throw new SweepConfigError('grid', v, 'an object of field paths to lists of values, like { "optimizer.weightDecay": [1e-4, 1e-3] }');
  return Object.entries(v).map(([path, values]) => {
    parseFieldPath(path, 'grid');
    if (!Array.isArray(values) || values.length === 0) {
      throw new SweepConfigError(`grid["${path}"]`, values, 'a non-empty list of the values the field takes');
    }
    const seen = new Set<string>();
    for (const value of values) {
      const key = JSON.stringify(value);
      if (seen.has(key)) throw new SweepConfigError(`grid["${path}"]`, values, `a list without repeats (${key} is there twice)`);
      seen.add(key);
    }
    return { path, values };
  });
}

function parseVariants(v: JsonValue | undefined): SweepVariant[] {
  if (v === undefined) return [];
  if (!isJsonObject(v) || Object.keys(v).length === 0) {
    throw new SweepConfigError('variants', v, 'an object of variant names to the fields they set, like { "1cycle": { "schedule": { … } } }');
  }
  return Object.entries(v).map(([name, set]) => {
    if (name.trim() === '') throw new SweepConfigError('variants', name, 'named by non-empty names');
    if (!isJsonObject(set)) throw new SweepConfigError(`variants.${name}`, set, 'an object of field paths to values, like { "optimizer.weightDecay": 1e-4 }');
    return {
      name,
      set: Object.entries(set).map(([path, value]) => {
        parseFieldPath(path, `variants.${name}`);
        return { path, value };
      }),
    };
  });
}

function parseSeeds(v: JsonValue | undefined): number[] {
  if (v === undefined) return [0];
  const ok = Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 0);
  if (!ok || new Set(v).size !== v.length) throw new SweepConfigError('seeds', v, 'a non-empty list of distinct whole numbers >= 0, like [0, 1, 2]');
  return v.filter((s): s is number => typeof s === 'number');
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Validates a sweep config read from JSON (sweep.json): a `base` run config, a `grid` of field
 * paths to values, `seeds`, named `variants`, the `metric` to compare and the `baseline` cell.
 * Unknown fields are rejected with the closest valid name, so a typo cannot be silently ignored.
 * The base config itself is checked by the runner's own validation, not here.
 * @param json - the parsed file
 * @returns the config with defaults filled in
 * @throws SweepConfigError naming the field path, the value and what is allowed
 * @example
 * ```ts
 * const sweep = parseSweepConfig({
 *   base: { dataset: 'mnist', model: { name: 'mlp' }, batchSize: 64, epochs: 3, schedule: { fitOneCycle: { lrMax: 0.1 } } },
 *   grid: { 'optimizer.weightDecay': [1e-4, 1e-3] }, seeds: [0, 1, 2], metric: 'accuracy',
 * });
 * ```
 */
export function parseSweepConfig(json: unknown): SweepConfig {
  if (!isJsonObject(json)) throw new SweepConfigError('', json, 'an object like { "base": { … }, "grid": { "optimizer.weightDecay": [1e-4, 1e-3] }, "seeds": [0, 1], "metric": "accuracy" }');
  checkFields(json, '', KEYS);
  const { base } = json;
  if (!isJsonObject(base)) throw new SweepConfigError('base', base, 'the run config every run starts from (an object)');
  const seedField = json.seedField ?? 'seed';
  if (typeof seedField !== 'string') throw new SweepConfigError('seedField', seedField, 'a field path like "seed"');
  parseFieldPath(seedField, 'seedField');
  const grid = parseGrid(json.grid);
  const variants = parseVariants(json.variants);
  for (const axis of grid) {
    if (overlaps(axis.path, seedField)) throw new SweepConfigError(`grid["${axis.path}"]`, axis.values, `a field other than the seed field '${seedField}' (list the seeds in "seeds")`);
    for (const other of grid) {
      if (other !== axis && overlaps(axis.path, other.path)) throw new SweepConfigError(`grid["${axis.path}"]`, axis.values, `a field no other grid field contains or is contained in ('${other.path}' overlaps it)`);
    }
    for (const variant of variants) {
      const clash = variant.set.find((s) => overlaps(s.path, axis.path));
      if (clash !== undefined) throw new SweepConfigError(`variants.${variant.name}["${clash.path}"]`, clash.value, `a field the grid does not set too ('${axis.path}' is in the grid)`);
    }
  }
  const metric = parseSweepMetric(json.metric);
  const config: SweepConfig = { base, grid, variants, seeds: parseSeeds(json.seeds), seedField, metric };
  if (json.description !== undefined) {
    if (typeof json.description !== 'string') throw new SweepConfigError('description', json.description, 'text');
    config.description = json.description;
  }
  if (json.baseline !== undefined) {
    if (typeof json.baseline !== 'string' || json.baseline === '') throw new SweepConfigError('baseline', json.baseline, 'the name of a cell (a variant name, or "field=value, …" as listed in summary.md)');
    config.baseline = json.baseline;
  }
  return config;
}
