#!/usr/bin/env node
// `npm run test:release`: proves the packages install one by one from a registry, as users get them.
//  1. starts Verdaccio on 127.0.0.1 (random free port, storage in a temp dir, no uplinks);
//  2. in a temp copy of the repo, applies the pending changesets (`changeset version`) and publishes
//     every package there with `changeset publish` (changesets' own publish path);
//  3. project A installs only @onecycle/core-schedules: no tfjs pulled in, works from import and require;
//  4. project B installs @onecycle/learner with @tensorflow/tfjs and runs a 10-line training script;
//  5. project C bundles the published packages for the browser (esbuild, then Vite) and checks it took their browser builds;
//  6. project D installs only @onecycle/sweep (no tfjs) and runs a 2-run sweep in 2 worker processes.
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
    throw new Error(`${cmd} ${args.join(' ')} failed in ${opts.cwd}:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
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

  // A copy of the repo with built packages, versioned by the pending changesets, published.
  const copy = path.join(tmp, 'repo');
  fs.cpSync(root, copy, {
    recursive: true,
    filter: (src) => !/(^|\/)(node_modules|\.nx|\.git|out|\.reports)(\/|$)/.test(path.relative(root, src)),
  });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  const changeset = path.join(root, 'node_modules/@changesets/cli/bin.js');
  run(process.execPath, [changeset, 'version'], { cwd: copy, env });
  const versions = fs.readdirSync(path.join(copy, 'packages')).map((p) => {
    const pj = JSON.parse(fs.readFileSync(path.join(copy, 'packages', p, 'package.json'), 'utf8'));
    return `${pj.name}@${pj.version}`;
  });
  run(process.execPath, [changeset, 'publish', '--no-git-tag'], { cwd: copy, env });
  log(`published ${versions.join(', ')}`);

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

  // Project D: only @onecycle/sweep, no tfjs: a 2-run sweep of a toy runner in 2 worker processes
  // (the worker processes start from the package's dist/runnerHost.js).
  const d = path.join(tmp, 'project-d');
  fs.mkdirSync(d);
  fs.writeFileSync(path.join(d, 'package.json'), JSON.stringify({ name: 'project-d', private: true, version: '1.0.0', type: 'module' }));
  run('npm', ['install', '@onecycle/sweep'], { cwd: d, env: installEnv });
  if (fs.existsSync(path.join(d, 'node_modules/@tensorflow'))) throw new Error('installing @onecycle/sweep pulled in @tensorflow packages');
  fs.writeFileSync(path.join(d, 'runner.mjs'), 'export async function run(config) { return { series: [{ epoch: 1, accuracy: config.x }] }; }\n');
  fs.writeFileSync(path.join(d, 'sweep.mjs'), [
    "import path from 'node:path';",
    "import { localExecutor, parseSweepConfig, runSweep } from '@onecycle/sweep';",
    "const executor = localExecutor({ runnerModule: path.resolve('runner.mjs'), workers: 2 });",
    "const sweep = parseSweepConfig({ base: { x: 0 }, grid: { x: [0.25, 0.75] }, metric: 'accuracy' });",
    "const { results, failed } = await runSweep({ sweep, outDir: 'out', executor }).finally(() => executor.close());",
    "if (failed !== 0 || results.summary.cells.map((c) => c.mean).join() !== '0.25,0.75') throw new Error(JSON.stringify(results.summary));",
    "console.log('ok', results.summary.cells.map((c) => `${c.name}: ${c.mean}`).join(', '));",
  ].join('\n'));
  run(process.execPath, ['sweep.mjs'], { cwd: d, env });
  log('project D: @onecycle/sweep alone, no tfjs, ran a 2-run sweep in 2 worker processes');

  // Project B: the learner with tfjs, a 10-line training script.
  const b = path.join(tmp, 'project-b');
  fs.mkdirSync(b);
  fs.writeFileSync(path.join(b, 'package.json'), JSON.stringify({ name: 'project-b', private: true, version: '1.0.0', type: 'module' }));
  run('npm', ['install', '@onecycle/learner', '@tensorflow/tfjs@4.22.0'], { cwd: b, env: installEnv });
  fs.copyFileSync(path.join(import.meta.dirname, 'train-example.mjs'), path.join(b, 'train.mjs'));
  const out = run(process.execPath, ['train.mjs'], { cwd: b, env });
  process.stdout.write(out);
  log('project B: @onecycle/learner + @tensorflow/tfjs trained a model');

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
