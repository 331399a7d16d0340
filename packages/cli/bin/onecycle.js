#!/usr/bin/env node
// The `onecycle` command. It only loads the build in dist/: a committed file, so that npm links
// the command when the workspace is installed, before dist/ exists (`npm ci && npm run build`).
import { existsSync } from 'node:fs';

const build = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(build)) {
  process.stderr.write('onecycle: the CLI is not built yet: run `npm run build` at the repository root first\n');
  process.exit(1);
}
await import(build.href);
