import { defineConfig } from 'tsup';
import { packageBuildWithBrowser } from '../../tools/build/tsup';

// Node builds plus dist/index.browser.js (the write swapped for a browser twin that throws).
export default defineConfig(packageBuildWithBrowser());
