import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USAGE, cliVersion, defaultCommands, runCli } from '../index';
import type { CliCommand } from '../index';
import { memoryIO, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('runCli machinery', () => {
  it('--help lists the commands on stdout and exits 0', async () => {
    const io = memoryIO(dir);
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toContain(USAGE);
    expect(io.out()).toMatch(/\n {2}schedule {2}preview a schedule/);
    expect(io.out()).toMatch(/\n {2}demo/);
    expect(io.err()).toBe('');
  });

  it('<cmd> --help and help <cmd> print the command help', async () => {
    for (const argv of [['schedule', '--help'], ['help', 'schedule'], ['schedule', '--kind', 'nope', '-h']]) {
      const io = memoryIO(dir);
      expect(await runCli(argv, io)).toBe(0);
      expect(io.out()).toMatch(/^usage: onecycle schedule /);
      expect(io.out()).toContain('fastaiClrBeta');
      expect(io.out()).toContain('--steps-per-cycle');
    }
  });

  it('--version prints the package version', async () => {
    const io = memoryIO(dir);
    expect(await runCli(['--version'], io)).toBe(0);
    const pkg: unknown = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(pkg).toMatchObject({ version: cliVersion });
    expect(io.out()).toBe(`${cliVersion}\n`);
  });

  it('no command, an unknown command or an unknown top-level option: usage on stderr, exit 2', async () => {
    for (const [argv, what] of [[[], 'no command given'], [['frobnicate'], "unknown command 'frobnicate'"], [['--frob'], 'unknown option --frob']] as const) {
      const io = memoryIO(dir);
      expect(await runCli(argv, io)).toBe(2);
      expect(io.err()).toContain(what);
      expect(io.err()).toContain(USAGE);
      expect(io.out()).toBe('');
    }
  });

  it('lists demo, schedule, train, lr-find, sweep and worker', async () => {
    expect(defaultCommands().map((c) => c.name)).toEqual(['demo', 'schedule', 'train', 'lr-find', 'sweep', 'worker']);
  });

  it('takes extra commands from the registry, later ones replacing earlier ones', async () => {
    const seen: string[][] = [];
    const train: CliCommand = {
      name: 'train', summary: 'train from a config', usage: 'onecycle train --config run.json', help: 'Trains.',
      async run(args) { seen.push(args); return 0; },
    };
    const demo: CliCommand = { ...train, name: 'demo', summary: 'the real demo', async run() { throw new Error('boom'); } };
    const commands = [...defaultCommands(), train, demo];
    const io = memoryIO(dir);
    expect(await runCli(['train', '--config', 'x.json'], io, { commands })).toBe(0);
    expect(seen).toEqual([['--config', 'x.json']]);
    expect(await runCli(['demo'], io, { commands })).toBe(1);
    expect(io.err()).toBe('onecycle demo: Error: boom\n');
    const help = memoryIO(dir);
    await runCli(['--help'], help, { commands });
    expect(help.out()).toContain('the real demo');
    expect(help.out()).toContain('train from a config');
  });
});
