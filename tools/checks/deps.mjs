#!/usr/bin/env node
// Fails on any import between @onecycle packages that goes against the allowed direction,
// on deep imports that skip a package's public entry, and on relative imports that leave a
// package. Reads every .ts/.mts/.js/.mjs file under packages/*/src and every package.json.
import fs from 'node:fs';
import path from 'node:path';
import { allowedRuntime, allowedTypeOnly } from './graph.mjs';
import { checkHomes } from './homes.mjs';
import { runNaming } from './naming.mjs';


function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (/\.(m?ts|m?js|cts|cjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

// import x from 'y' | import type x from 'y' | export … from 'y' | import('y') | require('y')
const importRe =
  /(?:^|[\s;])(import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(=])import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s+['"]([^'"]+)['"]/gm;

export function findImports(text) {
  // Comments are blanked (line numbers kept) so TSDoc examples are not taken for imports.
  const source = text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|\s)\/\/.*$/gm, '$1');
  const found = [];
  for (const m of source.matchAll(importRe)) {
    const spec = m[3] ?? m[4] ?? m[5] ?? m[6];
    if (spec === undefined) continue;
    found.push({ spec, typeOnly: m[2] !== undefined, line: source.slice(0, m.index + m[0].lastIndexOf(spec)).split('\n').length });
  }
  return found;
}

const names = Object.keys(allowedRuntime);

/** Every problem found in the workspace at `root` (an empty list when the graph is clean). */
export function checkWorkspace(root) {
const pkgDir = path.join(root, 'packages');
const problems = [];
for (const name of fs.readdirSync(pkgDir)) {
  if (!names.includes(name)) {
    problems.push(`packages/${name}: not in the allowed graph (tools/checks/graph.mjs)`);
    continue;
  }
  const pj = JSON.parse(fs.readFileSync(path.join(pkgDir, name, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const dep of Object.keys(pj[field] ?? {})) {
      const m = /^@onecycle\/(.+)$/.exec(dep);
      if (m && !allowedRuntime[name].includes(m[1])) {
        problems.push(`packages/${name}/package.json: ${field} has ${dep}, but ${name} may depend on [${allowedRuntime[name].join(', ')}]`);
      }
    }
    for (const dep of ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu']) {
      if (field !== 'peerDependencies' && pj[field]?.[dep]) {
        problems.push(`packages/${name}/package.json: ${dep} must be an optional peer, not in ${field}`);
      }
    }
  }
  const srcDir = path.join(pkgDir, name, 'src');
  if (!fs.existsSync(srcDir)) continue;
  for (const file of walk(srcDir)) {
    const rel = path.relative(root, file);
    const source = fs.readFileSync(file, 'utf8');
    for (const { spec, typeOnly, line } of findImports(source)) {
      const m = /^@onecycle\/([^/]+)(\/.*)?$/.exec(spec);
      if (m) {
        const [, target, sub] = m;
        if (sub !== undefined && sub !== '/package.json') {
          problems.push(`${rel}:${line}: '${spec}' skips the public entry of @onecycle/${target}; import from '@onecycle/${target}'`);
        }
        if (target === name) continue;
        const ok = allowedRuntime[name].includes(target) || (typeOnly && (allowedTypeOnly[name] ?? []).includes(target));
        if (!ok) {
          problems.push(`${rel}:${line}: imports @onecycle/${target}${typeOnly ? ' (type-only)' : ''}, but ${name} may import [${allowedRuntime[name].join(', ')}]`);
        }
      } else if (spec.startsWith('.')) {
        const resolved = path.resolve(path.dirname(file), spec);
        if (!resolved.startsWith(path.join(pkgDir, name) + path.sep)) {
          problems.push(`${rel}:${line}: relative import '${spec}' leaves packages/${name}; import the package by name`);
        }
      }
    }
  }
}

return problems;
}

// Self-test: a small workspace with every kind of wrong arrow must be caught, so this check
// cannot silently pass everything.
const fixture = path.join(import.meta.dirname, 'fixtures/bad-workspace');
const caught = [...checkWorkspace(fixture), ...checkHomes(fixture)];
const expected = [
  "tools/copies.mjs:2: a second copy of the seeded RNG",
  "tools/copies.mjs:3: a second copy of the debiased EMA",
  "tools/copies.mjs:4: a second copy of the atomic write",
  "tools/copies.mjs:5: a second copy of the record types",
  "callbacks/src/index.ts:2: imports @onecycle/learner",
  "callbacks/src/index.ts:3: '@onecycle/core-schedules/src/index' skips the public entry",
  "viz/src/index.ts:1: imports @onecycle/callbacks, but viz",
  "viz/src/index.ts:3: relative import '../../callbacks/src/index' leaves packages/viz",
  "core-schedules/package.json: dependencies has @onecycle/callbacks",
];
const missed = expected.filter((e) => !caught.some((c) => c.includes(e)));
if (missed.length > 0 || caught.length !== expected.length) {
  console.error(`dependency check self-test failed: expected ${expected.length} problems in ${fixture}, got:\n  ${caught.join('\n  ')}\nmissed:\n  ${missed.join('\n  ')}`);
  process.exit(1);
}

// Files named after what they export (naming.mjs, with its own self-test on the same fixture).
const naming = runNaming();

const problems = [...checkWorkspace(path.resolve(import.meta.dirname, '../..')), ...checkHomes(path.resolve(import.meta.dirname, '../..'))];
if (problems.length > 0) {
  console.error(`dependency check: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
if (naming.failures > 0) process.exit(1);
console.log(`dependency check: ok, one home per shared helper (self-test caught ${caught.length} planted problems; ${names.length} packages, direction ${'core-schedules, atomic-write -> optim -> callbacks -> lr-finder -> learner -> cli; viz, datasets, zoo beside'})`);
