import { defineConfig } from 'tsup';
import { packageBuild } from '../../tools/build/tsup';

// Node platform (node: built-ins for files) and shims so import.meta.url works in the CJS build.
export default defineConfig({ ...packageBuild({ platform: 'node' }), shims: true });
