import type { Row } from './finiteRow';
import { COLORS } from './chartConfig';
import type { LrFindResultLike } from './stepScheduleLike';
import type { PositionDef, Unit } from './encoding';

/** The suggestion names lr-finder reports, in drawing order. */
export const SUGGESTION_NAMES = ['valley', 'slide', 'minimum', 'steep'] as const;

/** Smoothed loss at the recorded lr nearest (in log space) to `lr`. */
function lossAt(rows: Row[], lr: number): number | undefined {
  let best: number | undefined;
  let dist = Infinity;
  for (const r of rows) {
    if (typeof r.lr !== 'number' || typeof r.smooth !== 'number') continue;
    const d = Math.abs(Math.log(r.lr) - Math.log(lr));
    if (d < dist) { dist = d; best = r.smooth; }
  }
  return best;
}

/**
 * Layers marking each suggestion: a point on the smoothed curve, a thin rule up to the top
 * and a label stacked at the top (one row per suggestion, so labels never overlap).
 * @param rows - the trimmed chart rows.
 * @param x - the lr position channel.
 * @param wanted - which suggestions to draw.
 * @returns the layers (three per suggestion drawn).
 */
export function suggestionLayers(result: LrFindResultLike, rows: Row[], x: PositionDef, wanted: ReadonlyArray<(typeof SUGGESTION_NAMES)[number]>): Unit[] {
  const lrs = rows.flatMap((r) => (typeof r.lr === 'number' && r.lr > 0 ? [Math.log(r.lr)] : []));
  const lo = Math.min(...lrs);
  const span = Math.max(...lrs) - lo || 1;
  const found = wanted.flatMap((name) => {
    const lr = result.suggestions[name];
    const loss = lr !== null && lr > 0 && Number.isFinite(lr) ? lossAt(rows, lr) : undefined;
    return lr !== null && loss !== undefined ? [{ name, lr, loss }] : [];
  }).sort((a, b) => a.lr - b.lr);
  return found.flatMap(({ name, lr, loss }, k): Unit[] => {
    const color = COLORS[name];
    const values = [{ lr, loss, label: `${name} ${lr.toExponential(1)}` }];
    const y = { field: 'loss', type: 'quantitative' as const };
    const right = (Math.log(lr) - lo) / span > 0.7;
    return [
      { data: { values }, mark: { type: 'rule', color, strokeWidth: 1, strokeDash: [2, 2], opacity: 0.8 }, encoding: { x, y, y2: { value: 0 } } },
      { data: { values }, mark: { type: 'point', filled: true, size: 90, color, stroke: 'white', strokeWidth: 1, opacity: 1 }, encoding: { x, y, tooltip: [{ field: 'label', type: 'nominal', title: 'suggestion' }] } },
      { data: { values }, mark: { type: 'text', align: right ? 'right' : 'left', baseline: 'top', dx: right ? -4 : 4, y: 4 + 15 * k, fontSize: 11, fontWeight: 'bold', color }, encoding: { x, text: { field: 'label', type: 'nominal' } } },
    ];
  });
}
