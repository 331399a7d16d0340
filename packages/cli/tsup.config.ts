import { defineConfig } from 'tsup';
import { packageBuildWithBin } from '../../tools/build/tsup';

// shims: the CJS build gets a working `import.meta.url` (used to find the `mnist` package's files).
export default defineConfig(packageBuildWithBin('src/bin.ts').map((options) => ({ ...options, shims: true })));
