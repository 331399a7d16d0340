import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finderLr, suggestAll, windowHalf } from '../index';

interface Curve {
  source: string;
  optimizer: string;
  seed: number;
  startLr: number;
  endLr: number;
  numIt: number;
  mode: 'exp' | 'linear';
  stopReason: string;
  smoothLosses: Array<number | null>;
}

const { curves } = JSON.parse(readFileSync(new URL('./fixtures/real-curves.json', import.meta.url), 'utf8')) as { curves: Curve[] };
const SKIP_START = 10;
const SKIP_END = 5;

function replay(c: Curve): { lrs: number[]; losses: number[] } {
  const losses = c.smoothLosses.map((l) => l ?? Number.NaN);
  const lrs = losses.map((_, i) => finderLr(i, c));
  return { lrs, losses };
}

describe('suggestions on recorded real curves (tools/lr-finder-curves/record.mjs)', () => {
  it('holds at least 50 curves from iris, MNIST digits, Fashion-MNIST, noisy and short runs', () => {
    expect(curves.length).toBeGreaterThanOrEqual(50);
    const sources = new Set(curves.map((c) => c.source));
    for (const s of ['iris', 'mnist-digits', 'fashion-mnist', 'iris-noisy', 'iris-short', 'mnist-digits-short']) expect(sources).toContain(s);
  });

  for (const c of curves) {
    it(`${c.source} ${c.optimizer} seed ${c.seed} (${c.numIt} it): range.max and steep lie where the smoothed loss still falls, never on the first kept point`, () => {
      const { lrs, losses } = replay(c);
      const s = suggestAll(lrs, losses, { skipStart: SKIP_START, skipEnd: SKIP_END });
      let end = losses.findIndex((l) => !Number.isFinite(l));
      if (end < 0) end = losses.length;
      const kept = losses.slice(SKIP_START, Math.max(SKIP_START, end - SKIP_END));
      const lowest = SKIP_START + kept.indexOf(Math.min(...kept));
      const h = windowHalf(kept.length);
      for (const [name, lr] of [['range.max', s.range?.max ?? null], ['steep', s.steep]] as const) {
        if (lr === null) {
          expect(s.reasons?.[name === 'steep' ? 'steep' : 'range'], `${name} is null without a reason`).toMatch(/./);
          continue;
        }
        const i = lrs.indexOf(lr);
        expect(i, `${name} is not the first kept point`).toBeGreaterThan(SKIP_START);
        expect(i, `${name} is at or before the lowest smoothed loss`).toBeLessThanOrEqual(lowest);
        expect(losses[i + h], `${name}: the smoothed loss falls across the ${2 * h + 1} points around it`).toBeLessThan(losses[i - h] ?? Number.NaN);
        expect(losses[i], `${name}: the loss is still above its lowest`).toBeGreaterThan(losses[lowest] ?? Number.NaN);
      }
    });
  }

  it('gives range.max on most curves, within a factor of 50 of valley on the clean ones', () => {
    let given = 0;
    for (const c of curves) {
      const { lrs, losses } = replay(c);
      const s = suggestAll(lrs, losses);
      if (s.range === null) continue;
      given++;
      if (s.valley !== null && !c.source.includes('noisy')) expect(Math.abs(Math.log10(s.range.max / s.valley)), `${c.source} ${c.optimizer} ${c.seed}`).toBeLessThan(Math.log10(50));
    }
    expect(given).toBeGreaterThanOrEqual(0.8 * curves.length);
  });
});
