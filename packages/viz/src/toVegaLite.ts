import type { TopLevelSpec as VegaLiteSpec } from 'vega-lite';
import type { TopLevelSpec } from './topLevelSpec';
import { VizError } from './errors';

/** Whether a spec is an object (vega-lite's `compile` checks the rest and says what is wrong). */
function isVegaLiteSpec(spec: TopLevelSpec): spec is TopLevelSpec & VegaLiteSpec {
  return typeof spec === 'object' && spec !== null;
}

/**
 * A spec as vega-lite's own type, for the calls into vega-lite (internal: the public type stays
 * free of vega-lite's declarations).
 * @param spec - a chart spec
 * @returns the same object
 * @throws VizError when it is not an object
 */
export function toVegaLite(spec: TopLevelSpec): VegaLiteSpec {
  if (!isVegaLiteSpec(spec)) throw new VizError(`a Vega-Lite spec must be an object, got ${spec === null ? 'null' : typeof spec}`);
  return spec;
}
