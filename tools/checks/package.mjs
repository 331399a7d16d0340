#!/usr/bin/env node
// Package check, run in a package folder (nx target `check-package`):
//  1. `npm pack --dry-run` holds dist/, README.md, LICENSE and package.json, and nothing from
//     src/ or any __tests__ folder;
//  2. publint --strict on the packed tarball;
//  3. @arethetypeswrong/cli on the packed tarball (ESM and CJS consumers get types).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cwd = process.cwd();
const pj = JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8'));
const problems = [];
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });

const [packed] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']));
const files = packed.files.map((f) => f.path);
for (const required of ['package.json', 'README.md', 'LICENSE']) {
  if (!files.includes(required)) problems.push(`tarball lacks ${required}`);
}
if (!files.some((f) => f.startsWith('dist/'))) problems.push('tarball has no dist/ (run the build first)');
for (const f of files) {
  if (f.includes('__tests__') || f.startsWith('src/') || /\.test\.[cm]?[jt]s$/.test(f)) {
    problems.push(`tarball holds ${f}, which users do not need`);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecycle-pack-'));
try {
  const out = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp]));
  const tarball = path.join(tmp, out[0].filename);
  const bin = (name) => path.resolve(import.meta.dirname, '../../node_modules/.bin', name);
  try {
    run(bin('publint'), ['--strict', tarball]);
  } catch (err) {
    problems.push(`publint --strict:\n${err.stdout}${err.stderr}`);
  }
  try {
    run(bin('attw'), [tarball, '--format', 'ascii', '--profile', 'node16']);
  } catch (err) {
    problems.push(`attw:\n${err.stdout}${err.stderr}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`${pj.name}: package check failed`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`${pj.name}: package check ok (${files.length} files, publint --strict and attw clean)`);
