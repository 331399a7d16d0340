import { defineConfig } from 'tsup';
import { packageBuildWithBin } from '../../tools/build/tsup';

export default defineConfig(packageBuildWithBin('src/bin.ts'));
