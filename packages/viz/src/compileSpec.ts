import type { TopLevelSpec } from './topLevelSpec';
import { toVegaLite } from './toVegaLite';
import type { Spec as VegaSpec } from 'vega';
import { VizError } from './errors';

/** What {@link compileSpec} returns. */
export interface CompiledSpec {
  /** The Vega spec vega-lite produced. */
  vega: VegaSpec;
  /** Every warning vega-lite logged while compiling (empty for a clean spec). */
  warnings: string[];
}

/** A vega-util style logger that keeps warnings instead of printing them. */
class CollectingLogger {
  readonly warnings: string[] = [];
  private lvl = 2;
  level(_?: number): number | this {
    if (_ === undefined) return this.lvl;
    this.lvl = _;
    return this;
  }
  error(...args: unknown[]): this {
    throw new VizError(`vega-lite could not compile the spec: ${args.map(String).join(' ')}`);
  }
  warn(...args: unknown[]): this {
    this.warnings.push(args.map(String).join(' '));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

/**
 * Compiles a Vega-Lite spec to Vega, collecting vega-lite's warnings instead of printing them
 * (tests fail on any warning; renderers ignore them). vega-lite is loaded on first use with
 * `import()`, so CommonJS callers can use this package too (vega-lite is ESM with top-level await).
 * @param spec - a Vega-Lite v6 spec.
 * @returns a promise of the Vega spec and the warnings.
 * @example
 * ```ts
 * const { warnings } = await compileSpec(scheduleChart(points));
 * ```
 */
export async function compileSpec(spec: TopLevelSpec): Promise<CompiledSpec> {
  const { compile } = await import('vega-lite');
  const logger = new CollectingLogger();
  try {
    // A copy: vega tags inline data rows with ids, and the caller's spec must stay untouched.
    const out = compile(structuredClone(toVegaLite(spec)), { logger });
    return { vega: out.spec, warnings: logger.warnings };
  } catch (err) {
    if (err instanceof VizError) throw err;
    throw new VizError(`vega-lite could not compile the spec: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
