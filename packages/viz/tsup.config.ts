import { defineConfig } from 'tsup';
import { packageBuildWithBrowser } from '../../tools/build/tsup';

// Node platform (node: built-ins for files) and shims so import.meta.url works in the CJS build;
// plus dist/index.browser.js, where saveChart, toPng and toHtml's vendor scripts are browser twins.
const [node, browser] = packageBuildWithBrowser({ platform: 'node' });
export default defineConfig([{ ...node, shims: true }, browser]);
