// Aggregation of the super-convergence runs: mean ± std over seeds, epochs the constant-LR
// baseline needs to reach (a)'s accuracy, the Markdown report and the chart's series.
import { accuracyCurve, epochsToMatch, firstEpochReaching, paired, pairedPoints, pctPm, seedStats } from '../lib/common.mjs';

/** Smith (arXiv 1803.09820) Table 1, CIFAR-10 ResNet-56, batch 512, wd 1e-4, 95 epochs (shared/reference/anchors.md). */
export const SMITH_TABLE1 = {
  a: { what: '1cycle LR 0.08-0.8, cyclical momentum 0.95-0.85', accuracy: '92.0 ± 0.2' },
  b: { what: '1cycle LR 0.08-0.8, constant momentum 0.9', accuracy: '91.4 ± 0.3' },
  c: { what: 'constant LR 0.1, momentum 0.9', accuracy: '88.1 ± 0.1' },
};

/**
 * PyTorch on this kind of machine, one seed, all 60,000 Fashion-MNIST images, the same MLP + BN,
 * batch 128, weight decay 1e-4, 5 epochs (the issue's reference points for the full-size study).
 */
export const PYTORCH_FULL = {
  a: '89.09 (1 seed)',
  b: '89.07 (1 seed)',
  c: '88.14 (LR 0.05, 1 seed)',
  d: '89.09 first at epoch 14 (LR 0.05; 2.8x)',
};

const ok = (r) => r.error === undefined && r.epochs.length > 0;
const accAt = (r, epoch) => r.epochs.find((e) => e.epoch === epoch)?.testAccuracy;

/**
 * @param runs - the run entries of run.mjs
 * @param budget - the epoch budget of (a), (b), (c)
 * @returns per-variant accuracy at the budget and (d)'s epochs to reach (a)
 */
export function summarize(runs, budget) {
  const pairs = (v) => runs.filter((r) => r.variant === v && ok(r)).map((r) => ({ seed: r.seed, value: accAt(r, budget) })).filter((x) => x.value !== undefined);
  const a = seedStats(pairs('a'));
  const cRuns = runs.filter((r) => r.variant === 'c' && ok(r));
  const lastC = Math.max(0, ...cRuns.map((r) => r.epochs.length));
  const target = a.mean;
  const cCurve = accuracyCurve(runs, 'c');
  // each constant-LR run against the (a) run with its seed: same initial weights and data order
  const reachA = epochsToMatch(pairs('a'), cRuns, budget);
  return {
    budgetEpochs: budget,
    a,
    b: seedStats(pairs('b')),
    c: seedStats(pairs('c')),
    e: seedStats(pairs('e')),
    ...(runs.some((r) => r.variant === 'f') ? { f: fSummary(runs, budget, pairs('a'), pairs('b')) } : {}),
    d: {
      epochs: lastC,
      atEnd: seedStats(cRuns.map((r) => ({ seed: r.seed, value: accAt(r, lastC) })).filter((x) => x.value !== undefined)),
      best: seedStats(cRuns.map((r) => ({ seed: r.seed, value: Math.max(...r.epochs.map((e) => e.testAccuracy)) }))),
      target: Number.isFinite(target) ? target : null,
      targetIs: "mean test accuracy of (a) at the budget epoch",
      epochsToReachMeanCurve: Number.isFinite(target) ? firstEpochReaching(cCurve.map((p) => p.mean), target) : null,
      epochsToReachPaired: reachA.perSeed,
      pairedRatioMean: reachA.ratioMean,
      pairedRatioStd: reachA.ratioStd,
      pairedReachedSeeds: reachA.reachedSeeds,
      epochsToReachPerSeed: cRuns.map((r) => ({ seed: r.seed, epochs: Number.isFinite(target) ? firstEpochReaching(r.epochs.map((e) => e.testAccuracy), target) : null })),
    },
    paired: {
      aMinusB: paired(pairs('a'), pairs('b')),
      aMinusC: paired(pairs('a'), pairs('c')),
      bMinusC: paired(pairs('b'), pairs('c')),
      aMinusE: paired(pairs('a'), pairs('e')),
      bMinusE: paired(pairs('b'), pairs('e')),
    },
    curves: { a: accuracyCurve(runs, 'a'), b: accuracyCurve(runs, 'b'), c: cCurve, e: accuracyCurve(runs, 'e'), ...(runs.some((r) => r.variant === 'f') ? { f: accuracyCurve(runs, 'f') } : {}) },
  };
}

/** (f), constant LR 0.05 to 4x the budget: its accuracy, and the epochs it needs to reach each (a)/(b) twin's accuracy. */
function fSummary(runs, budget, aPairs, bPairs) {
  const fRuns = runs.filter((r) => r.variant === 'f' && ok(r));
  const vals = (epochOf) => seedStats(fRuns.map((r) => ({ seed: r.seed, value: epochOf(r) })).filter((x) => x.value !== undefined));
  const last = Math.max(0, ...fRuns.map((r) => r.epochs.length));
  return {
    atBudget: vals((r) => accAt(r, budget)),
    atEnd: vals((r) => accAt(r, last)),
    best: vals((r) => Math.max(...r.epochs.map((e) => e.testAccuracy))),
    epochs: last,
    toReachA: epochsToMatch(aPairs, fRuns, budget),
    toReachB: epochsToMatch(bPairs, fRuns, budget),
    aMinusF: paired(aPairs, fRuns.map((r) => ({ seed: r.seed, value: accAt(r, budget) })).filter((x) => x.value !== undefined)),
  };
}

const pm = (s) => (s.values.length === 0 ? 'n/a' : `${pctPm(s.values)} (n=${s.values.length})`);
const fmtLr = (x) => (x === null || x === undefined ? 'none' : Number(x).toPrecision(3));

/** The report: the setup, the side-by-side table, the per-epoch table and (d)'s answer. */
export function markdownReport(res) {
  const s = res.summary;
  const p = res.plan;
  const B = s.budgetEpochs;
  const lr = res.lrFinder.lr;
  const minutes = (res.wallSeconds / 60).toFixed(1);
  const backend = [...new Set(res.runs.map((r) => r.backend).filter(Boolean))].join(', ') || 'n/a';
  const full = res.full === true;
  const ref = (k) => (full ? ` ${PYTORCH_FULL[k]} |` : '');
  const lines = [
    `# Super-convergence on Fashion-MNIST${full ? ', full size' : ''} (generated by tools/experiments/superconvergence/run.mjs${full ? ' --full' : ''})`,
    '',
    `Ran ${res.date.slice(0, 16).replace('T', ' ')} UTC on ${res.machine.cpus} × ${res.machine.model}, Node ${res.machine.node}, tfjs backend \`${backend}\`; the runs took ${(res.runSecondsTotal / 60).toFixed(1)} min of training and evaluation (${res.runsWallSeconds === undefined ? `${minutes} min wall time for the last invocation` : `${(res.runsWallSeconds / 60).toFixed(1)} min wall time${res.resumed ? ' for the invocation that trained them; this one re-aggregated them with --resume' : ''}`})`
      + ` (load average ${res.machine.loadavg.join(' / ')} at the end: the machine was shared).`,
    `Training set: ${p.trainSubset.how} = ${p.trainSubset.count} images${res.full ? '' : ' (the same for every run)'}; test set: ${p.test}.`
      + ` Batch ${p.batchSize}, sgdw (decoupled weight decay 1e-4), ${p.seeds.length} seed(s) (${p.seeds.join(', ')}): ${p.seedMeans}.`,
    `(c)'s LR: ${res.lrFinder.rule}${res.lrFinder.suggestions === undefined ? '' : ` — valley ${fmtLr(res.lrFinder.suggestions.valley)}, minimum ${fmtLr(res.lrFinder.suggestions.minimum)}, steep ${fmtLr(res.lrFinder.suggestions.steep)}; finder stopped: ${res.lrFinder.stopReason} after ${res.lrFinder.iterations} iterations`} -> **${lr}**.`,
    '',
    `| run | schedule | epochs | test accuracy %, mean ± std | Smith Table 1 (CIFAR-10 ResNet-56, 95 epochs) |${full ? ' PyTorch here (60k, 5 epochs) |' : ''}`,
    `| --- | --- | --- | --- | --- |${full ? ' --- |' : ''}`,
    `| (a) | 1cycle LR 0.08-0.8, cyclical momentum 0.95-0.85 | ${B} | ${pm(s.a)} | ${SMITH_TABLE1.a.accuracy} |${ref('a')}`,
    `| (b) | 1cycle LR 0.08-0.8, constant momentum 0.9 | ${B} | ${pm(s.b)} | ${SMITH_TABLE1.b.accuracy} |${ref('b')}`,
    `| (c) | constant LR ${lr} (LR finder), momentum 0.9 | ${B} | ${pm(s.c)} | ${SMITH_TABLE1.c.accuracy} (LR 0.1) |${ref('c')}`,
    `| (d) | (c) continued | ${s.d.epochs} | ${pm(s.d.atEnd)}; best epoch ${pm(s.d.best)} | — |${ref('d')}`,
    `| (e) | constant LR 0.1 (Smith's value), momentum 0.9 | ${B} | ${pm(s.e)} | ${SMITH_TABLE1.c.accuracy} |${full ? ' — |' : ''}`,
  ];
  if (s.f !== undefined) {
    lines.push(
      `| (f) | constant LR 0.05 (the PyTorch reference's), momentum 0.9; added after (c)/(d) ran | ${B} | ${pm(s.f.atBudget)} | — | ${PYTORCH_FULL.c.replace('LR 0.05, ', '')} |`,
      `| (f) | continued | ${s.f.epochs} | ${pm(s.f.atEnd)}; best epoch ${pm(s.f.best)} | — | ${PYTORCH_FULL.d.replace('LR 0.05; ', '')} |`,
    );
  }
  lines.push('');
  if (s.paired !== undefined) {
    const P = s.paired;
    lines.push(
      `Paired by seed (same initial weights and data order), test accuracy points at epoch ${B}, mean ± std (seeds above/below): `
        + `(a) − (b) ${pairedPoints(P.aMinusB)}; (a) − (c) ${pairedPoints(P.aMinusC)}; (b) − (c) ${pairedPoints(P.bMinusC)}; (a) − (e) ${pairedPoints(P.aMinusE)}; (b) − (e) ${pairedPoints(P.bMinusE)}.`,
      '',
    );
  }
  if (s.f !== undefined) {
    const line = (name, r) => `${name}: ${r.perSeed.map((x) => `seed ${x.seed}: ${x.epochs === null ? `not within ${s.f.epochs}` : `${x.epochs} (${x.ratio.toFixed(1)}x)`}`).join(', ')}; `
      + `ratio ${r.ratioMean === null ? 'n/a (no seed reached it)' : `${r.ratioMean.toFixed(2)}x${r.ratioStd === null ? '' : ` ± ${r.ratioStd.toFixed(2)}`} over the ${r.reachedSeeds} of ${r.perSeed.length} seeds that reached it`}`;
    lines.push(
      `(f): epochs the constant LR 0.05 needs to reach the accuracy its 1cycle twin (same seed) had after ${B} epochs — `
        + `${line('(a)', s.f.toReachA)}; ${line('(b)', s.f.toReachB)}. (a) − (f) at epoch ${B}, paired: ${pairedPoints(s.f.aMinusF)}.`,
      '',
    );
  }
  const reach = s.d.epochsToReachMeanCurve;
  const perSeed = s.d.epochsToReachPerSeed.map((x) => `seed ${x.seed}: ${x.epochs ?? `not within ${s.d.epochs}`}`).join(', ');
  lines.push(
    s.d.target === null
      ? '(d): no (a) result to compare with.'
      : `(d): to reach (a)'s mean ${(100 * s.d.target).toFixed(2)} % after ${B} epochs, the constant-LR run's mean curve needs `
        + `${reach === null ? `more than ${s.d.epochs} epochs (not reached)` : `${reach} epochs (${(reach / B).toFixed(2)}x the budget)`}; per seed: ${perSeed}.`
        + (s.d.epochsToReachPaired === undefined ? '' : ` Paired (each constant-LR run against the (a) run of its seed): ${s.d.epochsToReachPaired.map((x) => `seed ${x.seed}: ${x.epochs === null ? `not within ${s.d.epochs}` : `${x.epochs} (${x.ratio.toFixed(1)}x)`}`).join(', ')}; `
          + `epochs-to-accuracy ratio ${s.d.pairedRatioMean === null ? 'n/a (no seed reached it)' : `${s.d.pairedRatioMean.toFixed(2)}x${s.d.pairedRatioStd === null ? '' : ` ± ${s.d.pairedRatioStd.toFixed(2)}`} over the ${s.d.pairedReachedSeeds} of ${s.d.epochsToReachPaired.length} seeds that reached it`}.`),
    '',
    'Test accuracy (%) after each epoch, mean ± std over seeds:',
    '',
    `| epoch | (a) 1cycle + CM | (b) 1cycle, mom 0.9 | (c)/(d) constant LR ${lr} | (e) constant LR 0.1 |${s.f === undefined ? '' : ' (f) constant LR 0.05 |'}`,
    `| --- | --- | --- | --- | --- |${s.f === undefined ? '' : ' --- |'}`,
  );
  const get = (c, e) => {
    const pt = c.find((x) => x.epoch === e);
    return pt === undefined ? '' : `${(100 * pt.mean).toFixed(2)} ± ${(100 * pt.std).toFixed(2)}`;
  };
  for (let e = 1; e <= Math.max(s.curves.a.length, s.curves.b.length, s.curves.c.length, s.curves.e.length, s.curves.f?.length ?? 0); e++) {
    lines.push(`| ${e}${e === B ? ' (budget)' : ''} | ${get(s.curves.a, e)} | ${get(s.curves.b, e)} | ${get(s.curves.c, e)} | ${get(s.curves.e, e)} |${s.f === undefined ? '' : ` ${get(s.curves.f, e)} |`}`);
  }
  const failed = res.runs.filter((r) => r.error !== undefined);
  if (failed.length > 0) lines.push('', `Failed runs: ${failed.map((r) => `${r.variant} seed ${r.seed} (${r.error})`).join('; ')}.`);
  const secs = (v) => res.runs.filter((r) => r.variant === v && r.trainSeconds !== undefined).map((r) => r.trainSeconds);
  if (res.checksWallSeconds !== undefined) lines.push('', `(f)'s sweep took ${(res.checksWallSeconds / 60).toFixed(1)} min wall time on its own.`);
  lines.push('', `Training seconds per run (train + per-epoch test evaluation): (a) ${secs('a').join(', ')}; (b) ${secs('b').join(', ')}; (c)/(d) ${secs('c').join(', ')}; (e) ${secs('e').join(', ')}${s.f === undefined ? '' : `; (f) ${secs('f').join(', ')}`}.`, '');
  return lines.join('\n');
}

/** The chart's series: mean ± std test accuracy in percent per epoch. */
export function chartRuns(res) {
  const c = res.summary.curves;
  const pts = (cv) => cv.map((p) => ({ epoch: p.epoch, value: 100 * p.mean, std: 100 * p.std }));
  return [
    { name: '(a) 1cycle + CM', points: pts(c.a) },
    { name: '(b) 1cycle, mom 0.9', points: pts(c.b) },
    { name: `(c/d) LR ${res.lrFinder.lr}`, points: pts(c.c) },
    { name: '(e) LR 0.1', points: pts(c.e) },
    ...(c.f === undefined ? [] : [{ name: '(f) LR 0.05', points: pts(c.f) }]),
  ].filter((r) => r.points.length > 0);
}
