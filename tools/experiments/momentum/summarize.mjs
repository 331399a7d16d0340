// Aggregation of the momentum runs: mean ± std over seeds of the test accuracy and the train
// loss at the budget epoch, per-epoch curves, the Markdown report, the chart's series, and a
// check of the recorded LR / momentum against the planned schedule.
import { createSchedule } from '@onecycle/core-schedules';
import { mean, pctPm, std } from '../lib/common.mjs';
import { VARIANTS } from './variants.mjs';

const ok = (r) => r.error === undefined && r.epochs.length > 0;
const at = (r, epoch) => r.epochs.find((e) => e.epoch === epoch);

/** Mean and std per epoch of one variant's test accuracy, over the seeds that reached that epoch. */
export function curve(runs, id) {
  const mine = runs.filter((r) => r.variant === id && ok(r));
  const last = Math.max(0, ...mine.map((r) => r.epochs.length));
  const out = [];
  for (let epoch = 1; epoch <= last; epoch++) {
    const values = mine.map((r) => at(r, epoch)?.testAccuracy).filter((v) => v !== undefined);
    out.push({ epoch, mean: mean(values), std: std(values), n: values.length });
  }
  return out;
}

const stats = (pairs) => ({ seeds: pairs.map((x) => x.seed), values: pairs.map((x) => x.v), mean: mean(pairs.map((x) => x.v)), std: std(pairs.map((x) => x.v)) });

/**
 * @param runs - the run entries of run.mjs
 * @param variants - the variants that ran
 * @param budget - the epoch budget
 * @returns per variant: test accuracy, test loss and train loss at the budget epoch, and the curve
 */
export function summarize(runs, variants, budget) {
  const out = { budgetEpochs: budget, variants: {} };
  for (const v of variants) {
    const mine = runs.filter((r) => r.variant === v.id && ok(r) && at(r, budget) !== undefined);
    const pick = (key) => stats(mine.map((r) => ({ seed: r.seed, v: at(r, budget)[key] })));
    out.variants[v.id] = {
      label: v.label,
      testAccuracy: pick('testAccuracy'),
      trainLoss: pick('trainLoss'),
      testLoss: pick('testLoss'),
      highLrLoss: stats(mine.filter((r) => r.highLrLoss).map((r) => ({ seed: r.seed, v: r.highLrLoss.mean }))),
      highLrLossMax: stats(mine.filter((r) => r.highLrLoss).map((r) => ({ seed: r.seed, v: r.highLrLoss.max }))),
      curve: curve(runs, v.id),
    };
  }
  // paired differences (runs with the same seed share initial weights and shuffles)
  for (const ref of ['m1', 'm4']) {
    const r = out.variants[ref];
    if (r === undefined) continue;
    for (const v of Object.values(out.variants)) {
      const pairs = v.testAccuracy.seeds.map((seed, i) => ({ seed, d: v.testAccuracy.values[i] - r.testAccuracy.values[r.testAccuracy.seeds.indexOf(seed)] }))
        .filter((x) => Number.isFinite(x.d));
      const lossPairs = v.highLrLoss.seeds.map((seed, i) => ({ seed, d: v.highLrLoss.values[i] - r.highLrLoss.values[r.highLrLoss.seeds.indexOf(seed)] }))
        .filter((x) => Number.isFinite(x.d));
      v[`highLrLoss_minus_${ref}`] = { seeds: lossPairs.map((x) => x.seed), values: lossPairs.map((x) => x.d), mean: mean(lossPairs.map((x) => x.d)), std: std(lossPairs.map((x) => x.d)), above: lossPairs.filter((x) => x.d > 0).length, below: lossPairs.filter((x) => x.d < 0).length };
      v[`minus_${ref}`] = { seeds: pairs.map((x) => x.seed), values: pairs.map((x) => x.d), mean: mean(pairs.map((x) => x.d)), std: std(pairs.map((x) => x.d)), above: pairs.filter((x) => x.d > 0).length, below: pairs.filter((x) => x.d < 0).length };
    }
  }
  return out;
}

/**
 * The training loss while the LR is high (lr >= half its peak: the middle of the cycle, where
 * Smith says large momentum destabilises training): mean and max of the raw batch losses.
 */
export function highLrLoss(recorder) {
  const peak = Math.max(...recorder.batches.map((b) => b.lr));
  const losses = recorder.batches.filter((b) => b.lr >= peak / 2).map((b) => b.loss);
  return { batches: losses.length, mean: mean(losses), max: Math.max(...losses), finite: losses.every(Number.isFinite) };
}

/**
 * Compares a recorder.json's per-batch lr and mom with the planned spec at the same iteration.
 * @returns { batches, maxLrDiff, maxMomDiff, ok } (ok: relative lr diff and mom diff <= 1e-6)
 */
export function checkRecorded(recorder, spec) {
  const s = createSchedule(spec);
  let maxLrDiff = 0;
  let maxMomDiff = 0;
  let good = true;
  for (const b of recorder.batches) {
    const want = s.at(b.iteration);
    const dl = Math.abs(b.lr - want.lr);
    const dm = Math.abs(b.mom - want.mom);
    maxLrDiff = Math.max(maxLrDiff, dl);
    maxMomDiff = Math.max(maxMomDiff, dm);
    if (!(dl <= 1e-6 * want.lr && dm <= 1e-6)) good = false;
  }
  return { batches: recorder.batches.length, maxLrDiff, maxMomDiff, ok: good };
}

const pm = (s, digits = 2) => (s.values.length === 0 ? 'n/a' : `${pctPm(s.values, digits)}`);
const lossPm = (s) => (s.values.length === 0 ? 'n/a' : `${s.mean.toFixed(4)} ± ${s.std.toFixed(4)}`);

/** The report: the setup, the main table, the per-epoch table and the per-seed values. */
export function markdownReport(res) {
  const s = res.summary;
  const p = res.plan;
  const B = s.budgetEpochs;
  const backend = [...new Set(res.runs.map((r) => r.backend).filter(Boolean))].join(', ') || 'n/a';
  const ids = Object.keys(s.variants);
  const label = (id) => VARIANTS.find((v) => v.id === id)?.label ?? id;
  const lines = [
    '# Momentum with a fixed 1cycle LR on Fashion-MNIST (generated by tools/experiments/momentum/run.mjs)',
    '',
    `Ran ${res.date.slice(0, 16).replace('T', ' ')} UTC on ${res.machine.cpus} × ${res.machine.model}, Node ${res.machine.node}, tfjs backend \`${backend}\`;`
      + ` the runs took ${(res.runSecondsTotal / 60).toFixed(1)} min of training and evaluation (${res.runs.every((r) => r.reused) ? 'this invocation reused every run from earlier ones with --resume' : `${(res.wallSeconds / 60).toFixed(1)} min wall time for the last invocation`};`
      + ` load average ${res.machine.loadavg.join(' / ')} at the end: the machine was shared).`,
    `Training set: ${p.trainSubset.how} = ${p.trainSubset.count} images (the same for every run, as in the super-convergence experiment); test set: ${p.test}.`
      + ` MLP 784-${p.model.hidden.join('-')}-10${p.model.batchNorm ? ' + batch norm' : ''}, batch ${p.batchSize} (${p.batchesPerEpoch} batches per epoch), sgdw with decoupled weight decay ${p.optimizer.weightDecay},`
      + ` ${B} epochs. LR for every variant: ${p.lr}. ${p.seeds.length} seed(s) (${p.seeds.join(', ')}): ${p.seedMeans}.`,
    `(m7)'s \`phases\` spec was checked against m1's \`fastaiClrBeta\` at all ${p.m7LrCheck.steps} steps before the runs: max |Δlr| ${p.m7LrCheck.maxLrDiff.toExponential(1)}, `
      + `max |Δmom| from the mirror of m1 ${p.m7LrCheck.maxMomDiff.toExponential(1)} (float rounding); every run's recorder.json was checked against its planned LR and momentum per batch.`,
    '',
    `| run | momentum (LR cycle the same for all) | test accuracy % at epoch ${B}, mean ± std | − (m1), paired: mean ± std (seeds above / below) | − (m4), paired | final train loss (epoch ${B}) | test loss (epoch ${B}) | batch train loss while LR ≥ peak/2: mean ± std (max) | n |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const diff = (d) => (d === undefined || d.values.length === 0 ? 'n/a' : `${d.mean >= 0 ? '+' : '−'}${Math.abs(100 * d.mean).toFixed(2)} ± ${(100 * d.std).toFixed(2)} (${d.above}/${d.below})`);
  for (const id of ids) {
    const v = s.variants[id];
    lines.push(`| (${id}) | ${label(id)} | ${pm(v.testAccuracy)} | ${id === 'm1' ? '—' : diff(v.minus_m1)} | ${id === 'm4' ? '—' : diff(v.minus_m4)} | ${lossPm(v.trainLoss)} | ${lossPm(v.testLoss)} | ${v.highLrLoss.values.length === 0 ? 'n/a' : `${v.highLrLoss.mean.toFixed(3)} ± ${v.highLrLoss.std.toFixed(3)} (${Math.max(...v.highLrLossMax.values).toFixed(2)})`} | ${v.testAccuracy.values.length} |`);
  }
  const lossDiff = (d) => (d === undefined || d.values.length === 0 ? 'n/a' : `${d.mean >= 0 ? '+' : '−'}${Math.abs(d.mean).toFixed(3)} ± ${d.std.toFixed(3)} (${d.above}/${d.below})`);
  lines.push('', 'Batch train loss while the LR is ≥ peak/2, paired difference from (m1) and from (m4), mean ± std (seeds higher / lower):', '');
  for (const id of ids) {
    const v = s.variants[id];
    lines.push(`- (${id}) − (m1): ${id === 'm1' ? '—' : lossDiff(v.highLrLoss_minus_m1)}; − (m4): ${id === 'm4' ? '—' : lossDiff(v.highLrLoss_minus_m4)}`);
  }
  lines.push('', 'Test accuracy (%) after each epoch, mean ± std over seeds:', '', `| epoch | ${ids.map((id) => `(${id})`).join(' | ')} |`, `| --- | ${ids.map(() => '---').join(' | ')} |`);
  const last = Math.max(0, ...ids.map((id) => s.variants[id].curve.length));
  for (let e = 1; e <= last; e++) {
    const cells = ids.map((id) => {
      const pt = s.variants[id].curve.find((x) => x.epoch === e);
      return pt === undefined ? '' : `${(100 * pt.mean).toFixed(2)} ± ${(100 * pt.std).toFixed(2)}`;
    });
    lines.push(`| ${e}${e === B ? ' (budget)' : ''} | ${cells.join(' | ')} |`);
  }
  lines.push('', `Per seed at epoch ${B} (test accuracy %, final train loss):`, '');
  for (const id of ids) {
    const v = s.variants[id];
    const parts = v.testAccuracy.seeds.map((seed, i) => `seed ${seed}: ${(100 * v.testAccuracy.values[i]).toFixed(2)}, ${v.trainLoss.values[i].toFixed(4)}`);
    lines.push(`- (${id}) ${parts.join('; ') || 'n/a'}`);
  }
  if (res.build !== undefined) {
    lines.push('', res.build.rebuiltDuringRuns.length === 0
      ? `Build: none of the packages the CLI runs (${res.build.dists.map((d) => d.file).join(', ')}) was rebuilt between the first run (${res.build.runsFrom.slice(11, 19)} UTC) and the last (${res.build.runsTo.slice(11, 19)} UTC).`
      : `Build: **${res.build.rebuiltDuringRuns.join(', ')} changed while the runs went on** (${res.build.runsFrom.slice(11, 19)}-${res.build.runsTo.slice(11, 19)} UTC); see results/momentum.json.`);
  }
  const failed = res.runs.filter((r) => r.error !== undefined);
  if (failed.length > 0) lines.push('', `Failed runs: ${failed.map((r) => `${r.variant} seed ${r.seed} (${r.error})`).join('; ')}.`);
  const secs = (id) => res.runs.filter((r) => r.variant === id && r.trainSeconds !== undefined).map((r) => r.trainSeconds);
  lines.push('', `Training seconds per run (train + per-epoch test evaluation): ${ids.map((id) => `(${id}) ${secs(id).join(', ')}`).join('; ')}.`, '');
  return lines.join('\n');
}

/** The chart's series: mean ± std test accuracy in percent per epoch, one per variant. */
export function chartRuns(res) {
  return Object.entries(res.summary.variants)
    .map(([id, v]) => ({
      name: `(${id}) ${VARIANTS.find((x) => x.id === id)?.short ?? id}`,
      points: v.curve.map((pt) => ({ epoch: pt.epoch, value: 100 * pt.mean, std: 100 * pt.std })),
    }))
    .filter((r) => r.points.length > 0);
}
