#!/usr/bin/env node
// `npm run bench`: runs every benchmark in tools/bench/*.bench.mjs and writes one report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = import.meta.dirname;
const benches = fs.readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).sort();
const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memGiB: Math.round(os.totalmem() / 2 ** 30) },
  node: process.version,
  results: [],
};
for (const file of benches) {
  const mod = await import(path.join(here, file));
  const rows = await mod.run();
  report.results.push(...rows);
}
const outDir = path.join(here, '../../out/bench');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
const lines = ['| figure | value | target |', '| --- | --- | --- |', ...report.results.map((r) => `| ${r.name} | ${r.value} | ${r.target ?? ''} |`)];
fs.writeFileSync(path.join(outDir, 'report.md'), `# Benchmarks\n\nNode ${report.node}, ${report.machine.cpus} cores (${report.machine.model}).\n\n${lines.join('\n')}\n`);
console.log(benches.length === 0 ? 'bench: no benchmarks yet' : lines.join('\n'));
console.log(`report: ${path.relative(process.cwd(), outDir)}/report.{json,md}`);
