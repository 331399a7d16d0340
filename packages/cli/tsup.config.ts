import { defineConfig } from 'tsup';
import { packageBuildWithBin } from '../../tools/build/tsup';

// shims: the CJS build gets a working `import.meta.url` (used to find the `mnist` package's files
// and dist/trainRunner.js, the runner module sweep workers load).
const entry = { index: 'src/index.ts', trainRunner: 'src/sweep/trainRunner.ts' };
export default defineConfig(packageBuildWithBin('src/bin.ts', { entry }).map((options) => ({ ...options, shims: true })));
