#!/usr/bin/env node
// Prints one plain line "N passed, N failed, N skipped" from the vitest JSON reports that each
// package's test target writes to .reports/vitest-<package>.json (CI reads this line).
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../../.reports');
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
if (fs.existsSync(dir)) {
  for (const name of fs.readdirSync(dir)) {
    if (!/^vitest-.*\.json$/.test(name)) continue;
    const report = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    reports += 1;
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
if (reports === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
