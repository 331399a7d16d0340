import { DEJAVU_SANS_BOLD_WIDTHS, DEJAVU_SANS_WIDTHS } from './dejavuSansWidths';

/** The fields of a vega text item that decide its width. */
export interface TextItemLike {
  text?: unknown;
  fontSize?: unknown;
  fontWeight?: unknown;
}

function isBold(weight: unknown): boolean {
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || (typeof weight === 'string' && Number(weight) >= 600);
}

/**
 * Width in pixels of a text item in DejaVu Sans, from the font's advance widths. vega has no
 * canvas in Node and otherwise guesses 0.8 em per character, which pads legends and leaves
 * white margins beside long titles; with this the layout matches what resvg draws.
 * @param item - a vega text item (`fontSize` default 11, `fontWeight`, `text`).
 * @param text - the text to measure; defaults to `item.text`.
 * @returns the width in pixels.
 */
export function measureText(item: TextItemLike, text?: unknown): number {
  const raw = text ?? item.text;
  const s = raw === undefined || raw === null ? '' : Array.isArray(raw) ? raw.join(' ') : String(raw);
  const size = typeof item.fontSize === 'number' ? item.fontSize : 11;
  const table = isBold(item.fontWeight) ? DEJAVU_SANS_BOLD_WIDTHS : DEJAVU_SANS_WIDTHS;
  let em = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 32;
    em += table[code - 32] ?? 0.65;
  }
  return em * size;
}

/**
 * Makes vega measure text with {@link measureText} (vega's `textMetrics.width` is a module-level
 * hook, the one vl-convert also replaces).
 * @param vega - the imported `vega` module.
 */
export function useDejaVuMetrics(vega: object): void {
  if (!('textMetrics' in vega)) return;
  const metrics = vega.textMetrics;
  if (typeof metrics === 'object' && metrics !== null && 'width' in metrics) metrics.width = measureText;
}
