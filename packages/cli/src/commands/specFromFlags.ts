import { readFile } from 'node:fs/promises';
import { ScheduleError, parseScheduleSpec } from '@onecycle/core-schedules';
import type { ScheduleSpec } from '@onecycle/core-schedules';
import { UsageError } from '../errors';
import { KIND_FIELDS, SPEC_FILE_ONLY_KINDS, kebab, readFieldValue } from './kindFields';
import type { FlagSpec } from '../cli/parseFlags';

/**
 * The extra flags a kind accepts (`--steps-per-cycle`, `--max-mom`, …), by flag name.
 *
 * @param kind - a kind from {@link KIND_FIELDS}
 * @returns the flag declarations
 * @throws UsageError for an unknown kind or one that needs a spec file
 */
export function kindFlags(kind: string): Record<string, FlagSpec> {
  const fields = KIND_FIELDS[kind];
  if (fields === undefined) {
    if (SPEC_FILE_ONLY_KINDS.includes(kind)) {
      throw new UsageError(`kind '${kind}' nests other schedules, so it cannot be given with flags: write it to a JSON file and pass --spec <file.json>`);
    }
    throw new UsageError(`unknown kind '${kind}' (kinds: ${Object.keys(KIND_FIELDS).join(', ')}; ${SPEC_FILE_ONLY_KINDS.join(' and ')} via --spec)`);
  }
  const flags: Record<string, FlagSpec> = {};
  for (const f of fields) flags[kebab(f.field)] = { type: 'string' };
  return flags;
}

function specError(where: string, err: unknown): never {
  if (err instanceof ScheduleError) throw new UsageError(`${where}: ${err.message}`, { cause: err });
  throw err;
}

/**
 * Builds and validates a spec from `--kind` and its flags.
 *
 * @param values - the flag values given, by flag name (other command flags are ignored)
 * @returns the validated spec
 * @throws UsageError for a missing required flag, a malformed value or a value core-schedules rejects
 */
export function specFromFlags(kind: string, values: ReadonlyMap<string, string | true>): ScheduleSpec {
  kindFlags(kind);
  const json: Record<string, unknown> = { kind };
  for (const f of KIND_FIELDS[kind] ?? []) {
    const flag = kebab(f.field);
    const raw = values.get(flag);
    if (raw === undefined || raw === true) {
      if (f.required === true) throw new UsageError(`missing --${flag} (required by kind ${kind})`);
      continue;
    }
    json[f.field] = readFieldValue(flag, f.type, raw);
  }
  try {
    return parseScheduleSpec(json);
  } catch (err) {
    return specError(`kind ${kind}`, err);
  }
}

/**
 * Reads and validates a JSON schedule spec file.
 *
 * @param file - the absolute path
 * @param shown - the path as the user typed it, for messages
 * @returns the validated spec
 * @throws UsageError when the file cannot be read, is not JSON, or is not a valid spec
 */
export async function specFromFile(file: string, shown: string): Promise<ScheduleSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unknown error';
    throw new UsageError(`cannot read spec file ${shown} (${code})`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`spec file ${shown} is not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  try {
    return parseScheduleSpec(json);
  } catch (err) {
    return specError(`spec file ${shown}`, err);
  }
}
