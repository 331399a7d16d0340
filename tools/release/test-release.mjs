#!/usr/bin/env node
// `npm run test:release`: proves the packages install one by one from a registry, as users get them.
//  1. starts Verdaccio on 127.0.0.1 (random free port, storage in a temp dir, no uplinks);
//  2. in a temp copy of the repo, publishes every package at the version the repo holds with
//     `changeset publish` (changesets' own publish path); rehearses the pending changesets
//     (`changeset version` in a second copy, nothing published); installs every package alone at
//     its exact version (from import and require), and from the installed cli runs
//     `npx onecycle --version` and `npx onecycle demo --subset 600 --quiet`;
//  3. project A installs only @onecycle/core-schedules: no tfjs pulled in, works from import and require;
//     project O installs only @onecycle/optim with @tensorflow/tfjs and takes an AdamW step, from import and require;
//  4. project B installs @onecycle/learner with @tensorflow/tfjs and runs a 10-line training script;
//  5. project C bundles the published packages for the browser (esbuild, then Vite) and checks it took their browser builds;
//  6. project D installs @onecycle/datasets and @onecycle/zoo with @tensorflow/tfjs, no other @onecycle package
//     but core-schedules, and loads data into a model from import and require.
//  7. project S installs only @onecycle/sweep (no tfjs) and runs a 2-run sweep in 2 worker processes.
// Before that, tools/types/check-user-types.mjs type-checks a user's strictest project (skipLibCheck
// off) against every built package with TypeScript 5.9 and 7.
// Everything it starts is stopped and every temp dir removed at the end, also on failure.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecycle-release-'));
const log = (msg) => console.log(`test:release: ${msg}`);
let server;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(cmd, args, opts) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  } catch (err) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${opts.cwd}:\n${err.stdout ?? ''}${err.stderr ?? ''}`, { cause: err });
  }
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Verdaccio did not answer at ${url} within ${ms} ms`);
}

async function main() {
  // 0. a user's strictest project (skipLibCheck off) type-checks against every built package, with
  //    TypeScript 5.9 and 7 (tools/types/check-user-types.mjs; about 1.5 min, so it runs here, not in the unit tests)
  log('user types: TypeScript 5.9 and 7, skipLibCheck off');
  log(run(process.execPath, [path.join(root, 'tools/types/check-user-types.mjs')], { cwd: root }).trim());
  const port = await freePort();
  const registry = `http://127.0.0.1:${port}/`;
  const storage = path.join(tmp, 'storage');
  fs.mkdirSync(storage);
  const config = path.join(tmp, 'verdaccio.yaml');
  fs.writeFileSync(
    config,
    [
      `storage: ${storage}`,
      'auth:',
      '  htpasswd:',
      `    file: ${path.join(tmp, 'htpasswd')}`,
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '@onecycle/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  const bin = path.join(root, 'node_modules/verdaccio/bin/verdaccio');
  server = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitFor(`${registry}-/ping`, 30_000);
  log(`Verdaccio on ${registry}`);

  // A user for publishing; its token goes into a throwaway npmrc.
  const res = await fetch(`${registry}-/user/org.couchdb.user:release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release', password: 'release-test-only', type: 'user', roles: [] }),
  });
  const { token } = await res.json();
  if (!token) throw new Error(`could not create a Verdaccio user (HTTP ${res.status})`);
  const host = registry.replace(/^http:/, '');
  const npmrc = path.join(tmp, 'npmrc');
  fs.writeFileSync(npmrc, `${host}:_authToken=${token}\n@onecycle:registry=${registry}\naudit=false\nfund=false\n`);
  // Publishing goes to Verdaccio; installs get @onecycle/* from Verdaccio (scoped registry in the
  // npmrc) and everything else, such as @tensorflow/tfjs, from the usual registry.
  const env = { ...process.env, npm_config_userconfig: npmrc, npm_config_registry: registry };
  const installEnv = { ...process.env, npm_config_userconfig: npmrc };

  // A copy of the repo with built packages, published at the versions the repository holds.
  const copy = path.join(tmp, 'repo');
  fs.cpSync(root, copy, {
    recursive: true,
    filter: (src) => !/(^|\/)(node_modules|\.nx|\.git|out|\.reports)(\/|$)/.test(path.relative(root, src)),
  });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  const changeset = path.join(root, 'node_modules/@changesets/cli/bin.js');
  const readVersions = (dir) => Object.fromEntries(fs.readdirSync(path.join(dir, 'packages')).map((p) => {
    const pj = JSON.parse(fs.readFileSync(path.join(dir, 'packages', p, 'package.json'), 'utf8'));
    return [pj.name, { version: pj.version, folder: p, tf: Object.hasOwn(pj.peerDependencies ?? {}, '@tensorflow/tfjs-core') }];
  }));
  const packages = readVersions(copy);
  run(process.execPath, [changeset, 'publish', '--no-git-tag'], { cwd: copy, env });
  log(`published ${Object.entries(packages).map(([n, p]) => `${n}@${p.version}`).join(', ')}`);

  // The next release, rehearsed: the pending changesets must apply cleanly (nothing is published).
  const pending = fs.readdirSync(path.join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  if (pending.length > 0) {
    const rehearsal = path.join(tmp, 'rehearsal');
    fs.cpSync(copy, rehearsal, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(rehearsal, 'node_modules'));
    run(process.execPath, [changeset, 'version'], { cwd: rehearsal, env });
    const next = readVersions(rehearsal);
    log(`rehearsal: ${pending.length} pending changeset(s) would release ${[...new Set(Object.values(next).map((p) => p.version))].join(', ')}`);
  } else {
    log('rehearsal: no pending changesets');
  }

  // Every package alone, at its exact version, from import and require; whatever @onecycle
  // package comes along is at the same version (they version together).
  for (const [name, { version, folder, tf }] of Object.entries(packages)) {
    const dir = path.join(tmp, `alone-${folder}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `alone-${folder}`, private: true, version: '1.0.0' }));
    run('npm', ['install', `${name}@${version}`, ...(tf ? ['@tensorflow/tfjs@4.22.0'] : [])], { cwd: dir, env: installEnv });
    for (const dep of fs.readdirSync(path.join(dir, 'node_modules/@onecycle'))) {
      const got = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/@onecycle', dep, 'package.json'), 'utf8')).version;
      if (got !== version) throw new Error(`installing ${name}@${version} brought @onecycle/${dep}@${got}`);
    }
    const probe = `if (Object.keys(m).length === 0) throw new Error('${name} exports nothing'); console.log(Object.keys(m).length)`;
    const esm = run(process.execPath, ['--input-type=module', '-e', `const m = await import('${name}'); ${probe}`], { cwd: dir, env }).trim();
    run(process.execPath, ['-e', `const m = require('${name}'); ${probe}`], { cwd: dir, env });
    log(`alone: ${name}@${version}${tf ? ' + @tensorflow/tfjs' : ''} installs and loads from import and require (${esm} exports)`);
    if (name === '@onecycle/cli') {
      const shown = run('npx', ['--no-install', 'onecycle', '--version'], { cwd: dir, env }).trim();
      if (!shown.startsWith(version)) throw new Error(`npx onecycle --version printed ${JSON.stringify(shown)}, expected ${version}`);
      const demo = run('npx', ['--no-install', 'onecycle', 'demo', '--subset', '600', '--quiet'], { cwd: dir, env });
      if (!/accuracy/i.test(demo)) throw new Error(`npx onecycle demo printed no accuracy:\n${demo}`);
      log(`installed cli: npx onecycle --version -> ${shown}; npx onecycle demo --subset 600 --quiet ran (${demo.trim().split('\n').at(-1)})`);
    }
  }

  // Project A: only core-schedules, from ESM and CommonJS, no tfjs.
  const a = path.join(tmp, 'project-a');
  fs.mkdirSync(a);
  fs.writeFileSync(path.join(a, 'package.json'), JSON.stringify({ name: 'project-a', private: true, version: '1.0.0' }));
  run('npm', ['install', '@onecycle/core-schedules'], { cwd: a, env: installEnv });
  if (fs.existsSync(path.join(a, 'node_modules/@tensorflow'))) throw new Error('installing @onecycle/core-schedules pulled in @tensorflow packages');
  const check = "const s = createSchedule({ kind: 'fastaiClrBeta', lr: 0.01, stepsPerCycle: 100, div: 10, pct: 10, maxMom: 0.95, minMom: 0.85 }); const h = s.at(0); if (Math.abs(h.lr - 0.001) > 1e-12 || h.mom !== 0.95) throw new Error(JSON.stringify(h)); console.log('ok', JSON.stringify(h));";
  fs.writeFileSync(path.join(a, 'esm.mjs'), `import { createSchedule } from '@onecycle/core-schedules';\n${check}\n`);
  fs.writeFileSync(path.join(a, 'cjs.cjs'), `const { createSchedule } = require('@onecycle/core-schedules');\n${check}\n`);
  run(process.execPath, ['esm.mjs'], { cwd: a, env });
  run(process.execPath, ['cjs.cjs'], { cwd: a, env });
  log('project A: @onecycle/core-schedules alone, no tfjs, works from import and require');

  // Project O: only the optimizers with tfjs, one AdamW step from ESM and CommonJS. Adam's first
  // bias-corrected step is lr * sign(gradient), after the decoupled decay p *= 1 - lr * wd.
  const o = path.join(tmp, 'project-optim');
  fs.mkdirSync(o);
  fs.writeFileSync(path.join(o, 'package.json'), JSON.stringify({ name: 'project-optim', private: true, version: '1.0.0' }));
  run('npm', ['install', '@onecycle/optim', '@tensorflow/tfjs@4.22.0'], { cwd: o, env: installEnv });
  const others = fs.readdirSync(path.join(o, 'node_modules/@onecycle')).filter((n) => n !== 'optim' && n !== 'core-schedules');
  if (others.length > 0) throw new Error(`installing @onecycle/optim pulled in @onecycle/${others.join(', @onecycle/')}`);
  const step = [
    "await tf.setBackend('cpu');",
    'const w = tf.variable(tf.tensor1d([1, -2, 3]));',
    'const opt = adamw({ lr: 0.05, weightDecay: 0.01 });',
    'hyperParams(opt).set({ lr: 0.1, mom: 0.9 });',
    'opt.minimize(() => tf.sum(tf.square(w)), false, [w]);',
    'const got = Array.from(w.dataSync()); const want = [0.899, -1.898, 2.897];',
    "if (!(opt instanceof AdamW) || got.some((v, i) => Math.abs(v - want[i]) > 1e-5)) throw new Error(`AdamW step gave ${got}, expected ${want}`);",
    "console.log('ok', got.map((v) => v.toFixed(4)).join(' '));",
  ].join('\n');
  fs.writeFileSync(path.join(o, 'esm.mjs'), `import * as tf from '@tensorflow/tfjs';\nimport { AdamW, adamw, hyperParams } from '@onecycle/optim';\n${step}\n`);
  fs.writeFileSync(path.join(o, 'cjs.cjs'), `const tf = require('@tensorflow/tfjs');\nconst { AdamW, adamw, hyperParams } = require('@onecycle/optim');\n(async () => {\n${step}\n})().catch((e) => { console.error(e); process.exit(1); });\n`);
  run(process.execPath, ['esm.mjs'], { cwd: o, env });
  run(process.execPath, ['cjs.cjs'], { cwd: o, env });
  log('project O: @onecycle/optim alone with @tensorflow/tfjs, an AdamW step driven by hyperParams, from import and require');

  // Project S: only @onecycle/sweep, no tfjs: a 2-run sweep of a toy runner in 2 worker processes
  // (the worker processes start from the package's dist/runnerHost.js).
  const sw = path.join(tmp, 'project-sweep');
  fs.mkdirSync(sw);
  fs.writeFileSync(path.join(sw, 'package.json'), JSON.stringify({ name: 'project-sweep', private: true, version: '1.0.0', type: 'module' }));
  run('npm', ['install', '@onecycle/sweep'], { cwd: sw, env: installEnv });
  if (fs.existsSync(path.join(sw, 'node_modules/@tensorflow'))) throw new Error('installing @onecycle/sweep pulled in @tensorflow packages');
  fs.writeFileSync(path.join(sw, 'runner.mjs'), 'export async function run(config) { return { series: [{ epoch: 1, accuracy: config.x }] }; }\n');
  fs.writeFileSync(path.join(sw, 'sweep.mjs'), [
    "import path from 'node:path';",
    "import { localExecutor, parseSweepConfig, runSweep } from '@onecycle/sweep';",
    "const executor = localExecutor({ runnerModule: path.resolve('runner.mjs'), workers: 2 });",
    "const sweep = parseSweepConfig({ base: { x: 0 }, grid: { x: [0.25, 0.75] }, metric: 'accuracy' });",
    "const { results, failed } = await runSweep({ sweep, outDir: 'out', executor }).finally(() => executor.close());",
    "if (failed !== 0 || results.summary.cells.map((c) => c.mean).join() !== '0.25,0.75') throw new Error(JSON.stringify(results.summary));",
    "console.log('ok', results.summary.cells.map((c) => `${c.name}: ${c.mean}`).join(', '));",
  ].join('\n'));
  run(process.execPath, ['sweep.mjs'], { cwd: sw, env });
  log('project S: @onecycle/sweep alone, no tfjs, ran a 2-run sweep in 2 worker processes');

  // Project B: the learner with tfjs, a 10-line training script.
  const b = path.join(tmp, 'project-b');
  fs.mkdirSync(b);
  fs.writeFileSync(path.join(b, 'package.json'), JSON.stringify({ name: 'project-b', private: true, version: '1.0.0', type: 'module' }));
  run('npm', ['install', '@onecycle/learner', '@tensorflow/tfjs@4.22.0'], { cwd: b, env: installEnv });
  fs.copyFileSync(path.join(import.meta.dirname, 'train-example.mjs'), path.join(b, 'train.mjs'));
  const out = run(process.execPath, ['train.mjs'], { cwd: b, env });
  process.stdout.write(out);
  log('project B: @onecycle/learner + @tensorflow/tfjs trained a model');

  // Project D: the data loaders and the models without the CLI, from ESM and CommonJS.
  const d = path.join(tmp, 'project-d');
  fs.mkdirSync(d);
  fs.writeFileSync(path.join(d, 'package.json'), JSON.stringify({ name: 'project-d', private: true, version: '1.0.0' }));
  run('npm', ['install', '@onecycle/datasets', '@onecycle/zoo', '@tensorflow/tfjs@4.22.0'], { cwd: d, env: installEnv });
  const onecycle = fs.readdirSync(path.join(d, 'node_modules/@onecycle')).sort();
  if (onecycle.join(',') !== 'core-schedules,datasets,zoo') throw new Error(`installing @onecycle/datasets and @onecycle/zoo pulled in @onecycle/{${onecycle.join(',')}}`);
  const dataCheck = [
    "const digits = await loadMnistDigits();",
    "const { train } = splitDataset(digits, { validCount: 9990, seed: 0 });",
    "const { x, y } = datasetToTensors(train, { layout: 'image' });",
    "const model = lenet({ inputShape: [28, 28, 1], numClasses: 10, seed: 0 });",
    "const p = model.predict(x);",
    "if (digits.count !== 10000 || p.shape.join('x') !== '10x10' || y.shape.join('x') !== '10x10') throw new Error(`${digits.count} digits, predictions ${p.shape}`);",
    "tf.dispose([x, y, p]); model.dispose(); console.log('ok', digits.count, 'digits; LeNet-5 predicted', p.shape.join('x'));",
  ].join('\n');
  fs.writeFileSync(path.join(d, 'esm.mjs'), `import * as tf from '@tensorflow/tfjs';\nimport { datasetToTensors, loadMnistDigits, splitDataset } from '@onecycle/datasets';\nimport { lenet } from '@onecycle/zoo';\n${dataCheck}\n`);
  fs.writeFileSync(path.join(d, 'cjs.cjs'), `const tf = require('@tensorflow/tfjs');\nconst { datasetToTensors, loadMnistDigits, splitDataset } = require('@onecycle/datasets');\nconst { lenet } = require('@onecycle/zoo');\n(async () => {\n${dataCheck}\n})().catch((e) => { console.error(e); process.exit(1); });\n`);
  process.stdout.write(run(process.execPath, ['esm.mjs'], { cwd: d, env }));
  process.stdout.write(run(process.execPath, ['cjs.cjs'], { cwd: d, env }));
  log('project D: @onecycle/datasets + @onecycle/zoo + @tensorflow/tfjs loaded the mnist digits into a LeNet-5, from import and require');

  // Project C (in B's folder): a browser bundle of the published packages takes their browser builds.
  fs.writeFileSync(path.join(b, 'app.mjs'), [
    "import { Learner, initBackend } from '@onecycle/learner';",
    "import { scheduleChart, toSvg } from '@onecycle/viz';",
    "import { findLr } from '@onecycle/lr-finder';",
    "import { createSchedule } from '@onecycle/core-schedules';",
    'console.log(Learner, initBackend, scheduleChart, toSvg, findLr, createSchedule);',
  ].join('\n'));
  const { build } = await import('esbuild');
  const bundled = await build({
    absWorkingDir: b, entryPoints: ['app.mjs'], bundle: true, platform: 'browser', format: 'esm', write: false,
    metafile: true, logLevel: 'silent', external: ['@tensorflow/*'],
  });
  const inputs = Object.keys(bundled.metafile.inputs);
  for (const name of ['callbacks', 'viz', 'learner']) {
    const browserBuild = `node_modules/@onecycle/${name}/dist/index.browser.js`;
    if (!inputs.includes(browserBuild)) throw new Error(`the browser bundle did not take ${browserBuild}; inputs: ${inputs.filter((i) => i.includes('@onecycle')).join(', ')}`);
  }
  if (inputs.some((i) => i.includes('@resvg') || i.includes('cli-progress'))) throw new Error('the browser bundle pulled in a Node-only dependency');
  log(`project C: a browser bundle (esbuild, platform browser) of the published packages took their browser builds (${Math.round(bundled.outputFiles[0].contents.length / 1024)} KiB)`);

  // The same app through Vite (a client build): Vite replaces a Node built-in by an empty module
  // and warns "Module "fs" has been externalized for browser compatibility"; no warning may come.
  fs.writeFileSync(path.join(b, 'index.html'), '<!doctype html><html><body><script type="module" src="./app.mjs"></script></body></html>\n');
  const { build: viteBuild, createLogger } = await import('vite');
  const viteWarnings = [];
  const logger = createLogger('warn');
  logger.warn = (msg) => viteWarnings.push(msg);
  logger.warnOnce = (msg) => viteWarnings.push(msg);
  const viteOut = path.join(tmp, 'vite-out');
  await viteBuild({ root: b, customLogger: logger, build: { outDir: viteOut, emptyOutDir: true, chunkSizeWarningLimit: 10_000, rollupOptions: { external: [/^@tensorflow\//] } } });
  const externalized = viteWarnings.filter((w) => /externalized for browser compatibility/.test(w));
  const assets = fs.readdirSync(path.join(viteOut, 'assets')).filter((f) => f.endsWith('.js'));
  if (assets.length === 0 || externalized.length > 0) throw new Error(`the Vite build ${assets.length === 0 ? 'wrote no JavaScript' : `replaced Node built-ins: ${externalized.join(' | ')}`}`);
  log(`project C: the same app through Vite builds with no Node built-in replaced (${assets.length} chunks)`);
}

try {
  await main();
  log('ok');
} catch (err) {
  console.error(`test:release: FAILED\n${err.message}`);
  process.exitCode = 1;
} finally {
  server?.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
}
