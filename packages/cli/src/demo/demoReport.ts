import { toHtml } from '@onecycle/viz';
import type { TopLevelSpec } from '@onecycle/viz';
import type { DemoSummary } from './demoSummary';

const TITLES: Record<string, string> = {
  lr_find: 'LR range test (lr_find): loss against learning rate, log axis',
  schedule: '1cycle: learning rate and momentum per iteration',
  loss: 'Training and validation loss',
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined ? '-' : x.toPrecision(digits));

function table(head: string[] | undefined, rows: string[][]): string {
  const thead = head === undefined ? '' : `<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
  const tr = rows.map((r) => `<tr>${r.map((c, i) => (head === undefined && i === 0 ? `<th>${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table>${thead}<tbody>\n${tr}\n</tbody></table>`;
}

/**
 * The demo's single offline page: every chart (interactive, libraries inlined by viz's `toHtml`)
 * followed by the run's numbers — setup, LR-finder suggestions, the chosen peak, the epoch table
 * and whether the targets were met.
 *
 * @param charts - `[name, spec]` pairs (lr_find, schedule, loss)
 * @returns the HTML text
 */
export function demoReport(s: DemoSummary, charts: ReadonlyArray<readonly [string, TopLevelSpec]>): Promise<string> {
  const sug = s.lrFind.suggestions;
  const yes = (b: boolean): string => (b ? 'met' : 'not met');
  const setup = table(undefined, [
    ['data', `${s.data.source}: ${s.data.train} train / ${s.data.valid} valid`],
    ['model', `${s.model}, batch ${s.batchSize}, SGD with momentum (sgdw)`],
    ['backend', s.backend],
    ['lr_find', `${s.lrFind.iterations} iterations (${s.lrFind.stopReason}), ${s.lrFind.seconds.toFixed(1)} s; valley ${num(sug.valley, 3)}, slide ${num(sug.slide, 3)}, minimum ${num(sug.minimum, 3)}, steep ${num(sug.steep, 3)}, range ${sug.range === null ? '-' : `${num(sug.range.min, 3)}..${num(sug.range.max, 3)}`}`],
    ['1cycle', `peak lr ${num(s.peakLr, 3)} (${s.peakLrRule}); ${s.epochs} epochs, use_clr_beta (10, 10, 0.95, 0.85)`],
    ['result', `valid accuracy ${num(s.finalValidAccuracy)} (target >= ${s.targets.accuracy.min}: ${yes(s.targets.accuracy.met)}); ${s.seconds.toFixed(1)} s in all (target < ${s.targets.seconds.limit} s: ${yes(s.targets.seconds.met)})${s.targets.applies ? '' : ' — the targets are for the full demo'}`],
  ]);
  const epochs = table(['epoch', 'train loss', 'valid loss', 'accuracy', 'seconds'],
    s.history.map((e) => [String(e.epoch), num(e.trainLoss), num(e.validLoss), num(e.accuracy), e.seconds.toFixed(1)]));
  const style = '<style>table { border-collapse: collapse; margin: 12px 0 24px; } td, th { border: 1px solid #ccc; padding: 4px 10px; text-align: left; font-variant-numeric: tabular-nums; }</style>';
  return toHtml(charts.map(([name, spec]) => ({ title: TITLES[name] ?? name, spec })), {
    title: 'onecycle demo: LR finder and 1cycle on MNIST digits',
    extraHtml: `${style}<h2>The run</h2>${setup}<h2>Epochs</h2>${epochs}`,
  });
}
