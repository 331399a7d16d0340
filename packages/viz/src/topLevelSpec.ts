/**
 * A Vega-Lite specification as the charts return it and the renderers take it: plain JSON for
 * `vegaEmbed`, vega-lite's `compile` or a `.vl.json` file. Its top-level fields are listed, their
 * contents left `unknown`. It is declared here rather than re-exported from vega-lite because
 * vega-lite 6's own declarations do not type-check under `exactOptionalPropertyTypes` with
 * `skipLibCheck: false`, and a re-export would put that error into every user's build. Pass a
 * spec to `vegaEmbed` as `spec as VisualizationSpec` when your code is typed against vega-embed.
 */
export interface TopLevelSpec {
  $schema?: string;
  title?: unknown;
  description?: unknown;
  name?: unknown;
  width?: unknown;
  height?: unknown;
  autosize?: unknown;
  background?: unknown;
  padding?: unknown;
  config?: unknown;
  usermeta?: unknown;
  data?: unknown;
  datasets?: unknown;
  transform?: unknown;
  params?: unknown;
  mark?: unknown;
  encoding?: unknown;
  projection?: unknown;
  layer?: unknown;
  facet?: unknown;
  spec?: unknown;
  repeat?: unknown;
  concat?: unknown;
  hconcat?: unknown;
  vconcat?: unknown;
  columns?: unknown;
  resolve?: unknown;
  align?: unknown;
  bounds?: unknown;
  center?: unknown;
  spacing?: unknown;
  view?: unknown;
}
