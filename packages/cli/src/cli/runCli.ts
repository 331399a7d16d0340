import path from 'node:path';
import { closestName } from '@onecycle/core-schedules';
import { defaultCommands } from '../commands/defaultCommands';
import { DatasetError } from '@onecycle/datasets';
import type { CliCommand, CliIO, CommandContext } from './cliCommand';
import { UsageError } from '../errors';
import { cliVersion } from './cliVersion';

/** The top-level usage line. */
export const USAGE = 'usage: onecycle <command> [options]   (onecycle --help; onecycle <command> --help)';

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** The command registry. Later entries replace earlier ones with the same name. @default defaultCommands() */
  commands?: readonly CliCommand[];
}

function registry(commands: readonly CliCommand[]): Map<string, CliCommand> {
  const byName = new Map<string, CliCommand>();
  for (const c of commands) byName.set(c.name, c);
  return byName;
}

function mainHelp(commands: Map<string, CliCommand>): string {
  const width = Math.max(...[...commands.keys()].map((n) => n.length));
  const list = [...commands.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `onecycle ${cliVersion} — 1cycle, cyclical momentum and LR schedules for TensorFlow.js\n\n${USAGE}\n\nCommands:\n${list}\n\nOptions:\n  -h, --help     show help\n  -v, --version  print the version\n`;
}

const wantsHelp = (args: readonly string[]): boolean => args.some((a) => a === '--help' || a === '-h');

/**
 * Runs the `onecycle` command line in-process: dispatches to a registered command and maps errors
 * to exit statuses — 0 ok, 1 failure while running, 2 bad usage (the message and the usage line
 * go to stderr and nothing is written). `bin.ts` is a thin wrapper around it; tests call it directly.
 *
 * @param argv - the arguments after the program name (`process.argv.slice(2)`)
 * @param io - stdout, stderr and the working folder
 * @param opts - the command registry
 * @returns the exit status
 * @example
 * ```ts
 * const status = await runCli(['schedule', '--kind', 'oneCycle', '--lr-max', '0.1', '--total-steps', '100', '-o', 'a.svg'],
 *   { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO, opts: RunCliOptions = {}): Promise<number> {
  const commands = registry(opts.commands ?? defaultCommands());
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(`onecycle: no command given (commands: ${[...commands.keys()].join(', ')})\n${USAGE}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? args[0] : undefined;
    const command = topic === undefined ? undefined : commands.get(topic);
    io.stdout.write(command === undefined ? mainHelp(commands) : `usage: ${command.usage}\n\n${command.help}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v' || name === '-V') {
    io.stdout.write(`${cliVersion}\n`);
    return 0;
  }
  const command = commands.get(name);
  if (command === undefined) {
    const near = name.startsWith('-') ? undefined : closestName(name, [...commands.keys()]);
    const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command '${name}'${near === undefined ? '' : ` (did you mean '${near}'?)`}`;
    io.stderr.write(`onecycle: ${what} (commands: ${[...commands.keys()].join(', ')})\n${USAGE}\n`);
    return 2;
  }
  if (wantsHelp(args)) {
    io.stdout.write(`usage: ${command.usage}\n\n${command.help}\n`);
    return 0;
  }
  const ctx: CommandContext = { io, resolvePath: (p) => path.resolve(io.cwd, p) };
  try {
    return await command.run(args, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`onecycle ${command.name}: ${err.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    const message = err instanceof DatasetError ? err.message : err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    io.stderr.write(`onecycle ${command.name}: ${message}\n`);
    return 1;
  }
}
