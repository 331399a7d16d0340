import type { SweepMetric } from './sweepMetric';
import type { SweepSummary } from './summarizeSweep';

function metricTitle(m: SweepMetric): string {
  switch (m.at) {
    case 'last':
      return `${m.name} at the last epoch`;
    case 'best':
      return `best ${m.name} of any epoch`;
    case 'epochsTo':
      return `epochs until ${m.name} ${m.goal === 'max' ? '≥' : '≤'} ${m.target ?? ''}`;
  }
}

/** A cell name safe inside a Markdown table. */
const cellName = (name: string): string => name.replace(/\|/g, '\\|');

/** A number with 4 significant decimals, signed when asked. */
function num(x: number | null, signed = false): string {
  if (x === null) return '—';
  const text = Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toFixed(4);
  return signed && x > 0 ? `+${text}` : text.replace('-', '−');
}

/**
 * The sweep's summary as Markdown: one table with a row per cell — mean ± std over seeds, n, and
 * the paired difference from the baseline with the seeds above / below — then the value per seed.
 * @param summary - see summarizeSweep
 * @param title - the heading
 * @returns the Markdown text
 */
export function summaryMarkdown(summary: SweepSummary, title: string): string {
  const what = metricTitle(summary.metric);
  const lines = [
    `# ${title}`, '',
    `Metric: ${what} (${summary.metric.goal === 'max' ? 'higher' : 'lower'} is better); paired differences are this cell minus "${summary.baseline}", seed by seed.`, '',
    `| cell | ${what}: mean ± std | n | − baseline, paired: mean ± std (seeds above / below) |`,
    '| --- | --- | --- | --- |',
  ];
  for (const c of summary.cells) {
    const diff = c.diff === undefined ? '— (baseline)' : c.diff.n === 0 ? '—' : `${num(c.diff.mean, true)} ± ${num(c.diff.std)} (${c.diff.above}/${c.diff.below})`;
    lines.push(`| ${cellName(c.name)} | ${num(c.mean)} ± ${num(c.std)} | ${c.n}${c.n === c.runs ? '' : ` of ${c.runs}`} | ${diff} |`);
  }
  const seeds = [...new Set(summary.cells.flatMap((c) => c.values.map((v) => v.seed)))].sort((a, b) => a - b);
  lines.push('', 'Per seed:', '', `| cell | ${seeds.map((s) => `seed ${s}`).join(' | ')} |`, `| --- | ${seeds.map(() => '---').join(' | ')} |`);
  for (const c of summary.cells) {
    const bySeed = new Map(c.values.map((v) => [v.seed, v.value]));
    lines.push(`| ${cellName(c.name)} | ${seeds.map((s) => num(bySeed.get(s) ?? null)).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
