// One home per shared helper: each rule names the one file allowed to hold a concept and a
// pattern that only an implementation of it contains. A second copy anywhere else in the
// packages' sources or in tools/ fails `deps.mjs`.
import fs from 'node:fs';
import path from 'node:path';

export const homes = [
  {
    concept: 'the seeded RNG (mulberry32)',
    home: 'packages/core-schedules/src/seededRng.ts',
    pattern: /0x6d2b79f5/i,
    hint: "import SeededRng / mulberry32 / seededPermutation from '@onecycle/core-schedules'",
  },
  {
    concept: 'the debiased EMA',
    home: 'packages/core-schedules/src/debiasedEma.ts',
    pattern: /avg\s*\/\s*\(\s*1\s*-\s*[\w.#]*beta/i,
    hint: "import DebiasedEma from '@onecycle/core-schedules'",
  },
  {
    concept: 'the atomic write (a temp file renamed over its target)',
    home: 'packages/atomic-write/src/writeFileAtomic.ts',
    pattern: /\brename(Sync)?\s*\(/,
    hint: "import writeFileAtomic from '@onecycle/atomic-write'",
  },
  {
    concept: 'the record types',
    home: 'packages/core-schedules/src/recorderJson.ts',
    pattern: /\b(interface|type)\s+(RecordedBatch|RecordedEpoch|RecorderJSON)\b/,
    hint: "import type { RecorderJSON, RecordedBatch, RecordedEpoch } from '@onecycle/core-schedules'",
  },
];

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', '__tests__', 'fixtures', 'out'].includes(entry.name)) walk(full, out);
    } else if (/\.(m?ts|m?js|cjs)$/.test(entry.name) && !/\.test\.[cm]?[jt]s$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** Every second copy of a shared helper under `root` (an empty list when each has one home). */
export function checkHomes(root) {
  const files = [
    ...fs.readdirSync(path.join(root, 'packages')).flatMap((p) => walk(path.join(root, 'packages', p, 'src'))),
    ...walk(path.join(root, 'tools')),
  ];
  const problems = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    // comments are blanked so a doc line that names a helper is not taken for a copy
    const lines = fs.readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
      .replace(/(^|\s)\/\/.*$/gm, '$1')
      .split('\n');
    for (const rule of homes) {
      if (rel === rule.home || rel === 'tools/checks/homes.mjs') continue;
      lines.forEach((text, i) => {
        if (rule.pattern.test(text)) problems.push(`${rel}:${i + 1}: a second copy of ${rule.concept} (its home is ${rule.home}): ${rule.hint}`);
      });
    }
  }
  return problems;
}
