// The runtime dependency tree of every published @onecycle package, from package-lock.json: what
// a user's `npm install @onecycle/<name>` brings in besides the tfjs peers. No advisory service
// is reachable here (`npm audit --omit=dev` needs one), so this stands in for it: every direct
// third-party dependency must be pinned to an exact version (run() throws otherwise, failing the
// bench), and the count and names of the packages each one installs go into the report.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const EXACT = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Most third-party packages each package may bring in: small, and a jump is worth a look. */
const LIMITS = { 'core-schedules': 0, 'atomic-write': 0, optim: 0, callbacks: 6, 'lr-finder': 6, datasets: 5, zoo: 5, viz: 90, learner: 95, cli: 150 };

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Resolves `name` as Node would from the lockfile entry at `from` (a key of lock.packages): its
 * own node_modules, then each parent's, then the root's.
 */
function resolve(lock, from, name) {
  let dir = from;
  for (;;) {
    const key = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (lock.packages[key] !== undefined) return key;
    if (dir === '') return undefined;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

/** The required runtime dependencies of one lockfile entry: dependencies plus non-optional peers. */
function runtimeDeps(entry, withPeers) {
  const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional === true).map(([n]) => n));
  const peers = withPeers ? Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n)) : [];
  return [...Object.keys(entry.dependencies ?? {}), ...peers];
}

/**
 * Every third-party package a workspace package installs at run time (its peers, tfjs, left out:
 * the user brings them), and the @onecycle packages it pulls in on the way.
 */
export function runtimeTree(lock, pkgName) {
  const start = `packages/${pkgName}`;
  const seen = new Set();
  const workspace = new Set();
  const queue = [[start, false]];
  while (queue.length > 0) {
    const [key, isThirdParty] = queue.shift();
    const entry = lock.packages[key];
    if (entry === undefined) continue;
    for (const dep of runtimeDeps(entry, isThirdParty)) {
      const target = resolve(lock, key, dep);
      if (target === undefined) continue;
      const linked = lock.packages[target];
      if (linked?.link === true && typeof linked.resolved === 'string') {
        // a workspace package: walk its dependencies, not its tfjs peers
        if (!workspace.has(linked.resolved)) {
          workspace.add(linked.resolved);
          queue.push([linked.resolved, false]);
        }
        continue;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push([target, true]);
    }
  }
  const names = [...seen].map((k) => k.slice(k.lastIndexOf('node_modules/') + 'node_modules/'.length)).sort();
  return { names: [...new Set(names)], workspace: [...workspace].map((w) => `@onecycle/${path.basename(w)}`).sort() };
}

/** Direct third-party dependencies of the published packages that are not pinned to one version. */
export function unpinned(packages) {
  const out = [];
  for (const [name, pj] of packages) {
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [dep, spec] of Object.entries(pj[field] ?? {})) {
        if (!dep.startsWith('@onecycle/') && !EXACT.test(spec)) out.push(`${name} ${field}.${dep} is "${spec}"`);
      }
    }
  }
  return out;
}

export async function run() {
  const lock = readJson(path.join(root, 'package-lock.json'));
  const dirs = fs.readdirSync(path.join(root, 'packages')).filter((d) => fs.existsSync(path.join(root, 'packages', d, 'package.json'))).sort();
  const packages = dirs.map((d) => [`@onecycle/${d}`, readJson(path.join(root, 'packages', d, 'package.json'))]).filter(([, pj]) => pj.private !== true);
  const loose = unpinned(packages);
  if (loose.length > 0) throw new Error(`runtime dependencies must be pinned to exact versions: ${loose.join('; ')}`);
  const rows = [];
  for (const [name] of packages) {
    const short = name.slice('@onecycle/'.length);
    const tree = runtimeTree(lock, short);
    const limit = LIMITS[short];
    rows.push({ name: `runtime-deps: ${name} third-party packages installed`, value: String(tree.names.length), target: limit === undefined ? 'informative' : `<= ${limit}` });
    rows.push({ name: `runtime-deps: ${name} list`, value: tree.names.length === 0 ? '(none)' : tree.names.join(' '), target: 'informative' });
  }
  rows.push({ name: 'runtime-deps: direct third-party dependencies pinned', value: `${packages.length} packages, all exact`, target: 'informative' });
  return rows;
}
