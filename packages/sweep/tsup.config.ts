import { defineConfig } from 'tsup';
import { packageBuild } from '../../tools/build/tsup';

// runnerHost is the entry each worker process is forked with, built beside index; shims give the CJS
// build the import.meta.url that finds it.
export default defineConfig({ ...packageBuild({ entry: ['src/index.ts', 'src/runnerHost.ts'], platform: 'node' }), shims: true });
