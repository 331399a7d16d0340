import path from 'node:path';
import { saveChart } from '@onecycle/viz';
import type { TopLevelSpec } from '@onecycle/viz';

/**
 * Writes each chart as `<name>.svg` and `<name>.png` (2x) into a folder, atomically.
 *
 * @param dir - an existing folder
 * @param charts - `[name, spec]` pairs
 * @returns the paths written
 */
export async function writeCharts(dir: string, charts: ReadonlyArray<readonly [string, TopLevelSpec]>): Promise<string[]> {
  const files: string[] = [];
  for (const [name, spec] of charts) {
    for (const ext of ['.svg', '.png']) {
      const file = path.join(dir, `${name}${ext}`);
      await saveChart(spec, file);
      files.push(file);
    }
  }
  return files;
}
