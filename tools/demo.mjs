#!/usr/bin/env node
// `npm run demo`: builds what the demo needs, then runs `onecycle demo` with any extra arguments.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
execFileSync('npx', ['nx', 'run', '@onecycle/cli:build', '--output-style=static'], { cwd: root, stdio: 'inherit' });
const bin = path.join(root, 'packages/cli/dist/bin.js');
const result = spawnSync(process.execPath, [bin, 'demo', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
