import { defineConfig } from 'tsup';
import { packageBuild } from '../../tools/build/tsup';

export default defineConfig(packageBuild());
