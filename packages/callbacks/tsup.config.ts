import { defineConfig } from 'tsup';
import { packageBuildWithBrowser } from '../../tools/build/tsup';

// Node builds plus dist/index.browser.js (fsIOHandler and the live bar swapped for browser twins).
export default defineConfig(packageBuildWithBrowser());
