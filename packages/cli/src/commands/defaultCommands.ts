import type { CliCommand } from '../cli/cliCommand';
import { demoCommand } from './demoCommand';
import { lrFindCommand } from './lrFindCommand';
import { scheduleCommand } from './scheduleCommand';
import { sweepCommand } from './sweepCommand';
import { trainCommand } from './trainCommand';
import { workerCommand } from './workerCommand';

/**
 * The commands `onecycle` knows, in the order `--help` lists them. This is the registry: to add
 * a command, write a {@link CliCommand} in `src/commands/` and put it here
 * (a command with the same name as an earlier one replaces it).
 *
 * @returns a fresh list
 * @example
 * ```ts
 * await runCli(['schedule', '--help'], io, { commands: [...defaultCommands(), myTrainCommand] });
 * ```
 */
export function defaultCommands(): CliCommand[] {
  return [demoCommand, scheduleCommand, trainCommand, lrFindCommand, sweepCommand, workerCommand];
}
