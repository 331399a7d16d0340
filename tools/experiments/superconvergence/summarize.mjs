// Aggregation of the super-convergence runs: mean ± std over seeds, epochs the constant-LR
// baseline needs to reach (a)'s accuracy, the Markdown report and the chart's series.
import { firstEpochReaching, mean, paired, pairedPoints, pctPm, std } from '../lib/common.mjs';

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

/** Mean and std per epoch of one variant's test accuracy, over the seeds that reached that epoch. */
export function curve(runs, variant) {
  const mine = runs.filter((r) => r.variant === variant && ok(r));
  const last = Math.max(0, ...mine.map((r) => r.epochs.length));
  const out = [];
  for (let epoch = 1; epoch <= last; epoch++) {
    const values = mine.map((r) => accAt(r, epoch)).filter((v) => v !== undefined);
    out.push({ epoch, mean: mean(values), std: std(values), n: values.length });
  }
  return out;
}

/**
 * @param runs - the run entries of run.mjs
 * @param budget - the epoch budget of (a), (b), (c)
 * @returns per-variant accuracy at the budget and (d)'s epochs to reach (a)
 */
export function summarize(runs, budget) {
  const at = (variant, epoch) => runs.filter((r) => r.variant === variant && ok(r)).map((r) => ({ seed: r.seed, acc: accAt(r, epoch) })).filter((x) => x.acc !== undefined);
  const stats = (list) => ({ values: list.map((x) => x.acc), seeds: list.map((x) => x.seed), mean: mean(list.map((x) => x.acc)), std: std(list.map((x) => x.acc)) });
  const a = stats(at('a', budget));
  const cRuns = runs.filter((r) => r.variant === 'c' && ok(r));
  const lastC = Math.max(0, ...cRuns.map((r) => r.epochs.length));
  const target = a.mean;
  const firstReach = (accs) => {
    const i = accs.findIndex((v) => v !== undefined && v >= target);
    return i < 0 ? null : i + 1;
  };
  const cCurve = curve(runs, 'c');
  const pairs = (v) => runs.filter((r) => r.variant === v && ok(r)).map((r) => ({ seed: r.seed, value: accAt(r, budget) })).filter((x) => x.value !== undefined);
  // each constant-LR run against the (a) run with its seed: same initial weights and data order
  const pairedReach = pairs('a').map((x) => {
    const c = cRuns.find((r) => r.seed === x.seed);
    const epochs = c === undefined ? null : firstEpochReaching(c.epochs.map((e) => e.testAccuracy), x.value);
    return { seed: x.seed, target: x.value, epochs, ratio: epochs === null ? null : epochs / budget };
  });
  const ratios = pairedReach.filter((x) => x.ratio !== null).map((x) => x.ratio);
  return {
    budgetEpochs: budget,
    a,
    b: stats(at('b', budget)),
    c: stats(at('c', budget)),
    e: stats(at('e', budget)),
    ...(runs.some((r) => r.variant === 'f') ? { f: fSummary(runs, budget, pairs('a'), pairs('b')) } : {}),
    d: {
      epochs: lastC,
      atEnd: stats(at('c', lastC)),
      best: stats(cRuns.map((r) => ({ seed: r.seed, acc: Math.max(...r.epochs.map((e) => e.testAccuracy)) }))),
      target: Number.isFinite(target) ? target : null,
      targetIs: "mean test accuracy of (a) at the budget epoch",
      epochsToReachMeanCurve: Number.isFinite(target) ? firstReach(cCurve.map((p) => p.mean)) : null,
      epochsToReachPaired: pairedReach,
      pairedRatioMean: ratios.length > 0 ? mean(ratios) : null,
      pairedRatioStd: ratios.length > 1 ? std(ratios) : null,
      pairedReachedSeeds: ratios.length,
      epochsToReachPerSeed: cRuns.map((r) => ({ seed: r.seed, epochs: Number.isFinite(target) ? firstReach(r.epochs.map((e) => e.testAccuracy)) : null })),
    },
    paired: {
      aMinusB: paired(pairs('a'), pairs('b')),
      aMinusC: paired(pairs('a'), pairs('c')),
      bMinusC: paired(pairs('b'), pairs('c')),
      aMinusE: paired(pairs('a'), pairs('e')),
      bMinusE: paired(pairs('b'), pairs('e')),
    },
    curves: { a: curve(runs, 'a'), b: curve(runs, 'b'), c: cCurve, e: curve(runs, 'e'), ...(runs.some((r) => r.variant === 'f') ? { f: curve(runs, 'f') } : {}) },
  };
}

/** (f), constant LR 0.05 to 4x the budget: its accuracy, and the epochs it needs to reach each (a)/(b) twin's accuracy. */
function fSummary(runs, budget, aPairs, bPairs) {
  const fRuns = runs.filter((r) => r.variant === 'f' && ok(r));
  const vals = (epochOf) => fRuns.map((r) => ({ seed: r.seed, acc: epochOf(r) })).filter((x) => x.acc !== undefined);
  const st = (list) => ({ values: list.map((x) => x.acc), seeds: list.map((x) => x.seed), mean: mean(list.map((x) => x.acc)), std: std(list.map((x) => x.acc)) });
  const reach = (targets) => {
    const perSeed = targets.map((t) => {
      const r = fRuns.find((x) => x.seed === t.seed);
      const epochs = r === undefined ? null : firstEpochReaching(r.epochs.map((e) => e.testAccuracy), t.value);
      return { seed: t.seed, target: t.value, epochs, ratio: epochs === null ? null : epochs / budget };
    });
    const ratios = perSeed.filter((x) => x.ratio !== null).map((x) => x.ratio);
    return { perSeed, ratioMean: ratios.length > 0 ? mean(ratios) : null, ratioStd: ratios.length > 1 ? std(ratios) : null, reachedSeeds: ratios.length };
  };
  const last = Math.max(0, ...fRuns.map((r) => r.epochs.length));
  return {
    atBudget: st(vals((r) => accAt(r, budget))),
    atEnd: st(vals((r) => accAt(r, last))),
    best: st(vals((r) => Math.max(...r.epochs.map((e) => e.testAccuracy)))),
    epochs: last,
    toReachA: reach(aPairs),
    toReachB: reach(bPairs),
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
