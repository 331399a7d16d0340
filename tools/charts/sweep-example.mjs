#!/usr/bin/env node
// The worked example of docs/sweeps.md: runs docs/examples/sweep/lr-grid.json with the built cli's
// train runner (9 runs on 2 worker processes, pure-JS CPU backend, a few minutes), then copies its
// chart to docs/images/sweeps-lr-grid.png and prints summary.md to paste into the page.
//
//   node tools/charts/sweep-example.mjs [--resume]
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localExecutor, parseSweepConfig, runSweep } from '@onecycle/sweep';

const root = path.resolve(import.meta.dirname, '../..');
const configFile = path.join(root, 'docs/examples/sweep/lr-grid.json');
const outDir = path.join(root, 'out/docs/sweep-lr-grid');
const executor = localExecutor({
  runnerModule: path.join(root, 'packages/cli/dist/trainRunner.js'), workers: 2,
  options: { backend: 'cpu', configDir: path.dirname(configFile) },
});
try {
  const { failed } = await runSweep({
    sweep: parseSweepConfig(JSON.parse(readFileSync(configFile, 'utf8'))), outDir, executor, resume: process.argv.includes('--resume'),
    onEvent: (e) => e.type === 'finish' && console.log(`${e.runId}: ${e.status}${e.seconds === undefined ? '' : ` in ${e.seconds.toFixed(1)} s`}`),
  });
  if (failed > 0) throw new Error(`${failed} runs failed: see ${outDir}/results.json`);
} finally {
  await executor.close();
}
copyFileSync(path.join(outDir, 'sweep.png'), path.join(root, 'docs/images/sweeps-lr-grid.png'));
console.log(readFileSync(path.join(outDir, 'summary.md'), 'utf8'));
