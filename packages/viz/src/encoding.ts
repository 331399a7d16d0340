// Vega-Lite's own types for the pieces the builders put together (they give contextual typing,
// so literals like 'quantitative' need no casts). vega-lite exports them as `types_unstable`.
import type { LayerSpec, UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';

/** A single-view Vega-Lite spec (mark + encoding), usable as a layer. */
export type Unit = UnitSpec<Field>;
/** A layered Vega-Lite spec, usable inside a concat. */
export type Layer = LayerSpec<Field>;
/** The encoding of a unit spec. */
export type Encoding = NonNullable<Unit['encoding']>;
/** A positional (x / y) channel definition. */
export type PositionDef = NonNullable<Encoding['x']>;
/** A y channel definition. */
export type YDef = NonNullable<Encoding['y']>;
/** A colour channel definition. */
export type ColorDef = NonNullable<Encoding['color']>;
/** A tooltip channel definition. */
export type TooltipDef = NonNullable<Encoding['tooltip']>;
