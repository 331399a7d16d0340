import { fileURLToPath } from 'node:url';

/**
 * The path of the built runner module ({@link run} in `trainRunner.ts`, `dist/trainRunner.js`)
 * that `onecycle sweep` and `onecycle worker` give their worker processes.
 * @returns the absolute path
 */
export function trainRunnerModule(): string {
  return fileURLToPath(new URL('./trainRunner.js', import.meta.url));
}
