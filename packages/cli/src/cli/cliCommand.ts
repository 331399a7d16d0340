/** Where a command writes: anything with a `write(text)` method, like `process.stdout`. */
export interface TextSink {
  /** Writes a chunk of text. */
  write(chunk: string): unknown;
}

/** The outside world of a CLI run, injected so tests can call {@link runCli} in-process. */
export interface CliIO {
  /** Normal output (results, help, version). */
  stdout: TextSink;
  /** Errors and usage lines. */
  stderr: TextSink;
  /** Folder that relative paths are resolved against. */
  cwd: string;
}

/** What a command gets besides its arguments. */
export interface CommandContext {
  /** Output streams and working folder. */
  io: CliIO;
  /** Resolves a path given on the command line against `io.cwd`. */
  resolvePath(p: string): string;
}

/**
 * One `onecycle <name>` sub-command. Register new ones (e.g. `demo`, `train`) by adding them to the
 * list given to `runCli` (see `defaultCommands`).
 *
 * @example
 * ```ts
 * const hello: CliCommand = {
 *   name: 'hello', summary: 'say hello', usage: 'onecycle hello', help: 'Says hello.',
 *   async run(_args, ctx) { ctx.io.stdout.write('hello\n'); return 0; },
 * };
 * ```
 */
export interface CliCommand {
  /** The word after `onecycle`. */
  name: string;
  /** One line for `onecycle --help`. */
  summary: string;
  /** The usage line, printed after every usage error, e.g. `onecycle schedule --spec <file.json> -o <out>`. */
  usage: string;
  /** Full help text for `onecycle <name> --help` (options and examples), without the usage line. */
  help: string;
  /**
   * Runs the command. Throw `UsageError` for bad usage (exit 2); other errors exit 1.
   *
   * @param args - the arguments after the command name
   * @param ctx - output streams and path resolution
   * @returns the exit status
   */
  run(args: string[], ctx: CommandContext): Promise<number>;
}
