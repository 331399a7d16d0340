// Every source file is named after what it exports: for each packages/*/src/**/*.ts that is not a
// test (`__tests__/`, `*.test.ts`) or a `.d.ts`, the file's base name must equal one of its
// exported names, compared case-insensitively and ignoring `_` (`seededRng.ts` exporting
// `SeededRng` passes, and so does `kindFields.ts` exporting `KIND_FIELDS`).
// So a reader who knows a name knows its file, and a file's name says what it holds.
//
// The only exceptions:
// - `index.ts`: a package's entry or a folder's barrel;
// - `errors.ts`: the one naming rule for error files (a package's errors all live there);
// - a browser twin `x.browser.ts` is checked as `x`: tools/build/tsup.ts's `browserTwins` finds it
//   by the name of the module `x.ts` it stands in for, and it has the same exports;
// - the entry points that a tsup config or package.json needs by file name, listed in `entryPoints`
//   below with the reason. A listed file that no longer exists fails the check, so the list stays
//   small and true.
//
// The one naming rule for error files is checked too: a class named `…Error` or extending
// `Error` anywhere but a package's `src/errors.ts` fails.
//
// Exported names are read with the TypeScript parser: declarations with `export` (functions,
// classes, interfaces, types, enums, consts), `export { a, b as c }` and `export { a } from '…'`,
// `export * as ns from '…'`; `export * from '…'` adds no name.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Files a build or package.json needs by name (path from the workspace root) and why. */
export const entryPoints = {
  'packages/cli/src/bin.ts': "tsup's bin entry (packageBuildWithBin in cli/tsup.config.ts): bin/onecycle.js loads dist/bin.js",
  'packages/cli/src/sweep/trainRunner.ts': "tsup entry `trainRunner` in cli/tsup.config.ts: sweep workers load dist/trainRunner.js",
  'packages/sweep/src/runnerHost.ts': "tsup entry in sweep/tsup.config.ts: each worker process is forked with dist/runnerHost.js",
};

const key = (name) => name.toLowerCase().replaceAll('_', '');

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__tests__') walk(full, out);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) {
      out.push(full);
    }
  }
  return out;
}

function hasExport(node) {
  return (ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function bindingNames(name) {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

/** The names a TypeScript source exports, in order, each with whether it is a type only. */
export function exportedNames(text, fileName = 'file.ts') {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = [];
  for (const node of source.statements) {
    if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      if (clause === undefined) continue;
      if (ts.isNamespaceExport(clause)) names.push({ name: clause.name.text, type: node.isTypeOnly });
      else for (const el of clause.elements) names.push({ name: el.name.text, type: node.isTypeOnly || el.isTypeOnly });
    } else if (ts.isExportAssignment(node)) {
      if (ts.isIdentifier(node.expression)) names.push({ name: node.expression.text, type: false });
    } else if (hasExport(node)) {
      if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) for (const n of bindingNames(d.name)) names.push({ name: n, type: false });
      } else if (node.name !== undefined && ts.isIdentifier(node.name)) {
        const type = ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
        names.push({ name: node.name.text, type });
      }
    }
  }
  return names;
}

/** Names of the classes in a TypeScript source that are errors (named `…Error` or extending `Error`). */
export function errorClasses(text, fileName = 'file.ts') {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isClassLike(node)) {
      const name = node.name?.text ?? '(anonymous)';
      const extendsError = (node.heritageClauses ?? []).some((h) =>
        h.token === ts.SyntaxKind.ExtendsKeyword && h.types.some((t) => t.expression.getText(source) === 'Error'));
      if (name.endsWith('Error') || extendsError) found.push(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `RecorderJSON` -> `recorderJson`, `SeededRng` -> `seededRng`, `parseFlags` -> `parseFlags`. */
export function fileNameFor(name) {
  const words = name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[A-Z]/g) ?? [name];
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
}

/** Every misnamed source file under `root`'s packages (an empty list when each is named after an export). */
export function checkNaming(root) {
  const problems = [];
  const pkgDir = path.join(root, 'packages');
  for (const rel of Object.keys(entryPoints)) {
    if (fs.existsSync(path.join(pkgDir, rel.split('/')[1])) && !fs.existsSync(path.join(root, rel))) {
      problems.push(`${rel}: listed in tools/checks/naming.mjs entryPoints but does not exist; update the list`);
    }
  }
  for (const pkg of fs.readdirSync(pkgDir).sort()) {
    for (const file of walk(path.join(pkgDir, pkg, 'src')).sort()) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      const fileName = path.basename(file, '.ts');
      const text = fs.readFileSync(file, 'utf8');
      if (fileName !== 'errors') {
        const errors = errorClasses(text, file);
        if (errors.length > 0) problems.push(`${rel}: declares ${errors.join(', ')}; a package's error classes live in its src/errors.ts`);
      }
      if (fileName === 'index' || fileName === 'errors' || entryPoints[rel] !== undefined) continue;
      const base = fileName.replace(/\.browser$/, '');
      if (base !== fileName && !fs.existsSync(path.join(path.dirname(file), `${base}.ts`))) {
        problems.push(`${rel}: a browser twin of ${base}.ts, which does not exist`);
        continue;
      }
      const names = exportedNames(text, file);
      if (names.some(({ name }) => key(name) === key(base))) continue;
      if (names.length === 0) {
        problems.push(`${rel}: exports nothing; name files after an export (or list a needed entry point in tools/checks/naming.mjs)`);
        continue;
      }
      const main = names.find((n) => !n.type) ?? names[0];
      const suggested = `${fileNameFor(main.name)}${fileName.endsWith('.browser') ? '.browser' : ''}.ts`;
      problems.push(`${rel}: not named after an export [${names.map((n) => n.name).join(', ')}]; e.g. rename it ${suggested}`);
    }
  }
  return problems;
}

/**
 * The self-test (the planted misnamed file in fixtures/bad-workspace must be caught, and nothing
 * else there) and then the check of this workspace; prints what it finds.
 * @returns how many problems (self-test misses count as one)
 */
export function runNaming() {
  const fixture = path.join(import.meta.dirname, 'fixtures/bad-workspace');
  const caught = checkNaming(fixture);
  const expected = [
    'packages/callbacks/src/monitor.ts: declares MonitorError; a package\'s error classes live in its src/errors.ts',
    'packages/viz/src/helpers.ts: not named after an export [ChartHelper, lossDomain]; e.g. rename it lossDomain.ts',
  ];
  if (caught.length !== expected.length || expected.some((e) => !caught.includes(e))) {
    console.error(`naming check self-test failed: expected in ${fixture}:\n  ${expected.join('\n  ')}\ngot:\n  ${caught.join('\n  ')}`);
    return { failures: 1 };
  }
  const problems = checkNaming(path.resolve(import.meta.dirname, '../..'));
  if (problems.length > 0) {
    console.error(`naming check: ${problems.length} file(s) not named after what they export (rule: tools/checks/naming.mjs)`);
    for (const p of problems) console.error(`  ${p}`);
    return { failures: problems.length };
  }
  console.log(`naming check: ok, every packages/*/src file is named after an export, error classes only in errors.ts (self-test caught ${caught.length} planted problems)`);
  return { failures: 0 };
}

// Run directly: self-test on the planted bad workspace, then the real one.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  const { failures } = runNaming();
  process.exit(failures > 0 ? 1 : 0);
}
