import { defineConfig } from 'tsup';
import { packageBuildWithBrowser } from '../../tools/build/tsup';

// Node builds plus dist/index.browser.js (save/load and initBackend swapped for browser twins).
export default defineConfig(packageBuildWithBrowser({ platform: 'node' }));
