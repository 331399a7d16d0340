#!/usr/bin/env node
// `npm run test:types`: a user's strictest TypeScript project imports every @onecycle package
// (from the workspace's built dist) and must type-check with skipLibCheck off: strict, module
// nodenext, exactOptionalPropertyTypes, noUncheckedIndexedAccess. It runs with the workspace's
// TypeScript 5.9 and with the TypeScript 7 that `npm install typescript@7` brings (installed once
// into tools/types/.cache). tfjs's own declarations have errors under these settings (and clash
// with TypeScript 7's WebGPU lib): a project that imports only @tensorflow/tfjs is compiled too, and
// the packages may add no error to what it reports.
//
//   npx nx run-many -t build && node tools/types/check-user-types.mjs [--only 5|7]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
const cache = path.join(import.meta.dirname, '.cache');
const { values: args } = parseArgs({ options: { only: { type: 'string' } } });
const log = (m) => console.log(`test:types: ${m}`);

function packages() {
  const out = [];
  for (const dir of fs.readdirSync(path.join(root, 'packages')).sort()) {
    const pj = JSON.parse(fs.readFileSync(path.join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (pj.private === true) continue;
    if (!fs.existsSync(path.join(root, 'packages', dir, 'dist'))) throw new Error(`packages/${dir} is not built: run npx nx run-many -t build first`);
    out.push({ dir, name: pj.name });
  }
  return out;
}

function project(pkgs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecycle-types-'));
  const nm = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(nm, '@onecycle'), { recursive: true });
  fs.mkdirSync(path.join(nm, '@tensorflow'), { recursive: true });
  for (const p of pkgs) fs.symlinkSync(path.join(root, 'packages', p.dir), path.join(nm, p.name));
  for (const t of fs.readdirSync(path.join(root, 'node_modules/@tensorflow'))) {
    fs.symlinkSync(path.join(root, 'node_modules/@tensorflow', t), path.join(nm, '@tensorflow', t));
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'user', private: true, type: 'module' }));
  const compilerOptions = {
    strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true,
    exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false,
  };
  fs.writeFileSync(path.join(dir, 'baseline.ts'), "import * as tf from '@tensorflow/tfjs';\nexport const backend: string = tf.getBackend();\n");
  fs.writeFileSync(
    path.join(dir, 'user.ts'),
    `${pkgs.map((p, i) => `import * as p${i} from '${p.name}';`).join('\n')}\n` +
      `export const exportsPerPackage: number[] = [${pkgs.map((_, i) => `Object.keys(p${i}).length`).join(', ')}];\n`,
  );
  fs.writeFileSync(path.join(dir, 'tsconfig.baseline.json'), JSON.stringify({ compilerOptions, files: ['baseline.ts'] }));
  fs.writeFileSync(path.join(dir, 'tsconfig.user.json'), JSON.stringify({ compilerOptions, files: ['baseline.ts', 'user.ts'] }));
  return dir;
}

function ts7() {
  const dir = path.join(cache, 'ts7');
  const bin = path.join(dir, 'node_modules/.bin/tsc');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }');
    log('installing typescript@7 into tools/types/.cache/ts7');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', 'typescript@7'], { cwd: dir, stdio: 'inherit' });
  }
  return { label: 'TypeScript 7', cmd: bin, pre: [] };
}

/** Error lines as `file(line,col): error TSnnnn: message`, paths made stable. */
function errors(compiler, dir, config) {
  const r = spawnSync(compiler.cmd, [...compiler.pre, '-p', config], { cwd: dir, encoding: 'utf8' });
  const text = `${r.stdout}${r.stderr}`;
  const lines = text.split('\n').filter((l) => /error TS\d+/.test(l));
  if (r.status !== 0 && lines.length === 0) throw new Error(`${compiler.label} failed without errors:\n${text}`);
  return new Set(lines.map((l) => l.replace(/^.*?node_modules\//, 'node_modules/').replace(/^.*?\/lib\//, 'lib/')));
}

const pkgs = packages();
const dir = project(pkgs);
const compilers = [];
if (args.only !== '7') compilers.push({ label: 'TypeScript 5.9', cmd: process.execPath, pre: [path.join(root, 'node_modules/typescript/bin/tsc')] });
if (args.only !== '5') compilers.push(ts7());
let failed = false;
try {
  for (const c of compilers) {
    const version = execFileSync(c.cmd, [...c.pre, '--version'], { encoding: 'utf8' }).trim();
    const base = errors(c, dir, 'tsconfig.baseline.json');
    const user = errors(c, dir, 'tsconfig.user.json');
    const added = [...user].filter((e) => !base.has(e));
    if (added.length > 0) {
      failed = true;
      log(`${version}: ${pkgs.length} packages add ${added.length} error(s) to a project that imports only @tensorflow/tfjs:\n  ${added.join('\n  ')}`);
    } else {
      log(`${version}: ok — ${pkgs.map((p) => p.name).join(', ')} add no error (tfjs alone: ${base.size})`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
