#!/usr/bin/env node
// Prints one plain line "N passed, N failed, N skipped" from the vitest JSON reports that each
// package's test target writes to packages/<name>/.vitest-report.json (CI reads this line).
import fs from 'node:fs';
import path from 'node:path';

const packagesDir = path.resolve(import.meta.dirname, '../../packages');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of fs.readdirSync(packagesDir)) {
  const file = path.join(packagesDir, name, '.vitest-report.json');
  if (fs.existsSync(file)) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    // A file that failed without any failed test (an import or syntax error, a hook that threw)
    // has no test to count, so it counts as one failure; a file with failed tests counts them only.
    const brokenFiles = (report.testResults ?? []).filter(
      (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
    ).length;
    failed += (report.numFailedTests ?? 0) + brokenFiles;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } else {
    console.error(`no test report from packages/${name} (${path.relative(process.cwd(), file)})`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
