// A checkpoint on disk: the files of a SavedLearner and how a save switches atomically from one
// complete set to the next. What the parts mean is the Learner's business (toSaved / restore).
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic } from '@onecycle/atomic-write';
import { isManifestEntry, parseSavedState } from './parseSavedState';
import { CheckpointError } from './errors';
import { parseFinite, stringifyFinite } from './stringifyFinite';
import { optimizerPart } from './savedLearner';
import type { SavedLayersModel, SavedLearner } from './savedLearner';

/** The file that names the current save folder and the size and hash of each of its files. */
const MANIFEST = 'checkpoint.json';
const STATE = 'learner.json';
const MODEL_JSON = 'model/model.json';
const MODEL_BIN = 'model/weights.bin';
const VARIABLES = 'variables.bin';
/** Save folders and the manifest's temp files; anything else in the directory is not ours. */
const SAVE_FOLDER = /^save-[0-9a-z]+-[0-9a-f]+$/;
const MANIFEST_TEMP = /^checkpoint\.json\.tmp-/;
/** Files of the single-folder layout written before the manifest existed, removed once a save replaces them. */
const LEGACY = /^(learner\.json|model|variables\.bin|optimizer-\d+\.bin)$/;

/** One file of a save, as the manifest records it. */
interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** The contents of `checkpoint.json`. */
interface Manifest {
  format: 'onecycle-checkpoint';
  version: 2;
  /** The folder (inside the checkpoint directory) holding this save's files. */
  folder: string;
  files: FileEntry[];
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function bytesOf(b: ArrayBuffer | string): Uint8Array {
  return typeof b === 'string' ? new TextEncoder().encode(b) : new Uint8Array(b);
}

/** The files of a save, by path inside its folder. */
function filesOf(saved: SavedLearner): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  files.set(STATE, bytesOf(stringifyFinite(saved.state)));
  if (saved.model !== undefined) {
    const m = saved.model;
    const modelJson = {
      modelTopology: m.topology,
      ...(m.trainingConfig === undefined ? {} : { trainingConfig: m.trainingConfig }),
      weightsManifest: [{ paths: ['weights.bin'], weights: m.weightSpecs }],
      format: 'layers-model',
      generatedBy: '@onecycle/learner',
    };
    files.set(MODEL_JSON, bytesOf(JSON.stringify(modelJson)));
    files.set(MODEL_BIN, bytesOf(m.weightData));
  }
  if (saved.variables !== undefined) files.set(VARIABLES, bytesOf(saved.variables));
  saved.optimizers.forEach((data, g) => files.set(optimizerPart(g), bytesOf(data)));
  return files;
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  const file = path.join(dir, MANIFEST);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw new CheckpointError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CheckpointError(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}): the checkpoint is damaged`);
  }
  return parseManifest(raw, file);
}

function parseManifest(raw: unknown, file: string): Manifest {
  const bad = (what: string): never => {
    throw new CheckpointError(`${file}: ${what}; the checkpoint is damaged or from another version`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('it must be an object');
  const m: Record<string, unknown> = { ...raw };
  if (m['format'] !== 'onecycle-checkpoint') bad('format must be "onecycle-checkpoint"');
  if (m['version'] !== 2) bad(`version must be 2, got ${JSON.stringify(m['version'])}`);
  const folder = m['folder'];
  if (typeof folder !== 'string' || !SAVE_FOLDER.test(folder)) return bad(`folder must name a save folder (save-…), got ${JSON.stringify(folder)}`);
  const list = m['files'];
  if (!Array.isArray(list)) return bad('files must be an array');
  const files = list.map((f: unknown, i): FileEntry => {
    if (typeof f !== 'object' || f === null) return bad(`files[${i}] must be an object`);
    const e: Record<string, unknown> = { ...f };
    const p = e['path'];
    const bytes = e['bytes'];
    const hash = e['sha256'];
    if (typeof p !== 'string' || p.includes('..') || path.isAbsolute(p)) return bad(`files[${i}].path must be a relative path inside the save folder`);
    if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return bad(`files[${i}].bytes must be a whole number`);
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return bad(`files[${i}].sha256 must be 64 hex digits`);
    return { path: p, bytes, sha256: hash };
  });
  return { format: 'onecycle-checkpoint', version: 2, folder, files };
}

function isMissing(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR');
}

/** Removes what an interrupted save left: save folders other than `keep`, and the manifest's temp files. */
async function removeLeftovers(dir: string, keep: string | undefined, legacyToo: boolean): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    const stale = (SAVE_FOLDER.test(name) && name !== keep) || MANIFEST_TEMP.test(name) || (legacyToo && LEGACY.test(name));
    if (stale) await fs.rm(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Writes a saved learner as a checkpoint directory, atomically as a whole: the files go into a
 * new folder `save-…`, then `checkpoint.json` — the name of that folder and each file's size and
 * sha256 — replaces the old one in one rename, and only then is the previous folder removed. A
 * save killed at any moment leaves the previous checkpoint loadable; its leftovers are removed by
 * the next save.
 *
 * @param saved - what `learner.toSaved()` returned
 * @param dir - the checkpoint directory (created when missing)
 */
export async function writeCheckpoint(saved: SavedLearner, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  let current: string | undefined;
  try {
    current = (await readManifest(dir))?.folder;
  } catch {
    current = undefined; // a damaged manifest protects nothing: it is replaced below
  }
  await removeLeftovers(dir, current, false);
  const folder = `save-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
  const entries: FileEntry[] = [];
  for (const [rel, data] of filesOf(saved)) {
    await writeFileAtomic(path.join(dir, folder, ...rel.split('/')), data);
    entries.push({ path: rel, bytes: data.byteLength, sha256: sha256(data) });
  }
  const manifest: Manifest = { format: 'onecycle-checkpoint', version: 2, folder, files: entries };
  await writeFileAtomic(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await removeLeftovers(dir, folder, true);
}

/** Reads the files of one save, checking each against the manifest when there is one. */
async function readFiles(root: string, manifest: Manifest | undefined, needed: (files: ReadonlyMap<string, Uint8Array>) => string[]): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const read = async (rel: string): Promise<Uint8Array> => {
    const file = path.join(root, ...rel.split('/'));
    try {
      return new Uint8Array(await fs.readFile(file));
    } catch (e) {
      throw new CheckpointError(isMissing(e) ? `${file} is missing: the checkpoint is incomplete` : `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  if (manifest !== undefined) {
    for (const entry of manifest.files) {
      const data = await read(entry.path);
      const file = path.join(root, entry.path);
      if (data.byteLength !== entry.bytes) {
        throw new CheckpointError(`${file} has ${data.byteLength} bytes, ${MANIFEST} says ${entry.bytes}: the file is ${data.byteLength < entry.bytes ? 'truncated' : 'longer than saved'}`);
      }
      if (sha256(data) !== entry.sha256) {
        throw new CheckpointError(`${file} does not match its sha256 in ${MANIFEST}: the file was changed or damaged after the save`);
      }
      files.set(entry.path, data);
    }
  } else {
    files.set(STATE, await read(STATE));
  }
  for (const rel of needed(files)) {
    if (files.has(rel)) continue;
    if (manifest !== undefined) throw new CheckpointError(`${MANIFEST} does not list ${rel}, which learner.json needs: the checkpoint is damaged`);
    files.set(rel, await read(rel));
  }
  return files;
}

function parseJson(data: Uint8Array, file: string): unknown {
  try {
    return parseFinite(new TextDecoder().decode(data));
  } catch (e) {
    throw new CheckpointError(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}): the checkpoint is damaged`);
  }
}

function buffer(data: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(data.byteLength);
  new Uint8Array(out).set(data);
  return out;
}

function isTrainingConfig(v: unknown): v is tf.io.TrainingConfig {
  return typeof v === 'object' && v !== null && 'loss' in v && 'optimizer_config' in v;
}

function layersModelPart(json: unknown, weights: Uint8Array, file: string): SavedLayersModel {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CheckpointError(`${file} must be a tfjs model.json object`);
  const m: Record<string, unknown> = { ...json };
  const topology = m['modelTopology'];
  const manifest = m['weightsManifest'];
  if (typeof topology !== 'object' || topology === null || !Array.isArray(manifest)) {
    throw new CheckpointError(`${file} must hold modelTopology and weightsManifest, as tfjs's model.save writes them`);
  }
  const groups: unknown[] = manifest;
  const weightSpecs = groups.flatMap((g: unknown) => {
    const list: unknown = typeof g === 'object' && g !== null && 'weights' in g ? g.weights : undefined;
    if (!Array.isArray(list) || !list.every(isManifestEntry)) throw new CheckpointError(`${file}: weightsManifest must list the weights (name, shape, dtype) of each group`);
    return list;
  });
  const training = m['trainingConfig'];
  return {
    topology: { ...topology },
    ...(isTrainingConfig(training) ? { trainingConfig: training } : {}),
    weightSpecs,
    weightData: buffer(weights),
  };
}

/**
 * Reads a checkpoint directory written by {@link writeCheckpoint}: the folder `checkpoint.json`
 * names, each file checked against its size and sha256 there (a directory from before the manifest
 * existed is read without them).
 *
 * @param dir - the checkpoint directory
 * @returns the saved learner, for `Learner.restore`
 * @throws CheckpointError naming the file that is missing, damaged or does not belong to the save
 */
export async function readCheckpoint(dir: string): Promise<SavedLearner> {
  const manifest = await readManifest(dir);
  if (manifest === undefined) {
    try {
      await fs.access(path.join(dir, STATE));
    } catch {
      throw new CheckpointError(`${path.join(dir, MANIFEST)} is missing: is ${dir} a directory written by learner.save()?`);
    }
  }
  const root = manifest === undefined ? dir : path.join(dir, manifest.folder);
  let state: SavedLearner['state'] | undefined;
  const files = await readFiles(root, manifest, (have) => {
    const text = have.get(STATE);
    if (text === undefined) throw new CheckpointError(`${manifest === undefined ? '' : `${MANIFEST} does not list ${STATE}: `}the checkpoint has no ${STATE}`);
    state = parseSavedState(parseJson(text, path.join(root, STATE)));
    const need = state.optimizers.map((_, g) => optimizerPart(g));
    return state.modelKind === 'layers' ? [MODEL_JSON, MODEL_BIN, ...need] : [VARIABLES, ...need];
  });
  if (state === undefined) throw new CheckpointError(`the checkpoint has no ${STATE}`);
  const get = (rel: string): Uint8Array => {
    const data = files.get(rel);
    if (data === undefined) throw new CheckpointError(`${path.join(root, rel)} is missing: the checkpoint is incomplete`);
    return data;
  };
  const model = state.modelKind === 'layers' ? layersModelPart(parseJson(get(MODEL_JSON), path.join(root, MODEL_JSON)), get(MODEL_BIN), path.join(root, MODEL_JSON)) : undefined;
  return {
    state,
    model,
    variables: state.modelKind === 'custom' ? buffer(get(VARIABLES)) : undefined,
    optimizers: state.optimizers.map((_, g) => buffer(get(optimizerPart(g)))),
  };
}
