import path from 'node:path';
import type { CommandContext } from '../cli/cliCommand';
import { UsageError } from '../errors';
import { ConfigError } from '../errors';
import { parseTrainConfig } from '../train/trainConfig';
import type { TrainConfig } from '../train/trainConfig';
import { checkOutDir, parseSeed } from './checkOutDir';
import { readJsonFile } from './readJsonFile';

/** A run config read from `--config`, with the flags that override it resolved. */
export interface RunConfig {
  /** The validated config (`--seed` applied). */
  config: TrainConfig;
  /** `--config` as typed (for messages). */
  configArg: string;
  /** Output folder (checked: its parent exists). */
  outDir: string;
  /** Data folder: `--data-dir`, else the config's `dataDir` relative to the config file. */
  dataDir: string | undefined;
}

/**
 * Reads and validates `--config`, applies `--seed`, and resolves `--out` (default
 * `out/<config name><outSuffix>`) and `--data-dir` — what `onecycle train` and `onecycle lr-find` share.
 *
 * @param values - the parsed flags (config, out, data-dir, seed)
 * @param ctx - the command context (paths resolve against its cwd)
 * @param what - what the config is for, in the missing-flag message
 * @param outSuffix - appended to the default output folder name
 * @returns the config and the resolved paths
 * @throws UsageError for a missing or invalid config (naming the field) or a bad flag
 */
export async function readRunConfig(values: ReadonlyMap<string, string | true>, ctx: CommandContext, what: string, outSuffix = ''): Promise<RunConfig> {
  const configArg = values.get('config');
  if (typeof configArg !== 'string') throw new UsageError(`missing --config <run.json> (${what})`);
  const configPath = ctx.resolvePath(configArg);
  let config: TrainConfig;
  try {
    config = parseTrainConfig(await readJsonFile(configPath, configArg));
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`${configArg}: ${err.message}`, { cause: err });
    throw err;
  }
  const seed = values.get('seed');
  if (typeof seed === 'string') config = { ...config, seed: parseSeed(seed) };
  const outArg = values.get('out');
  const shownOut = typeof outArg === 'string' ? outArg : path.join('out', path.basename(configArg).replace(/\.json$/i, '') + outSuffix);
  const outDir = checkOutDir(ctx.resolvePath(shownOut), shownOut, { defaulted: typeof outArg !== 'string' });
  const dataArg = values.get('data-dir');
  const dataDir = typeof dataArg === 'string'
    ? ctx.resolvePath(dataArg)
    : config.dataDir === undefined ? undefined : path.resolve(path.dirname(configPath), config.dataDir);
  return { config, configArg, outDir, dataDir };
}
