import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { activateBackend } from './activateBackend';
import { registerWasmTrainingKernels } from './backend/registerWasmTrainingKernels';
import { BackendError, LearnerOptionError } from './errors';

/** Which backend `initBackend` should set up. */
export type BackendKind = 'auto' | 'tensorflow' | 'cpu' | 'wasm';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Directory from which `@tensorflow/tfjs-node-gpu`, `@tensorflow/tfjs-node` and
   * `@tensorflow/tfjs-backend-wasm` are resolved (as Node resolves a `require` from a file there).
   * @default process.cwd()
   */
  resolveFrom?: string;
  /** Where the one-line summary goes; `null` for silence. @default console.log */
  log?: ((line: string) => void) | null;
}

/** What {@link initBackend} set up. */
export interface BackendInfo {
  /** The active tfjs backend name (`'tensorflow'`, `'wasm'` or `'cpu'`). */
  backend: string;
  /** The npm package that provided it, or `'@tensorflow/tfjs-backend-cpu'` for the pure-JS fallback. */
  package: string;
  /** One line naming the backend, why it was chosen and how to get a faster one. */
  message: string;
}

const NODE_GPU = '@tensorflow/tfjs-node-gpu';
const NODE_CPU = '@tensorflow/tfjs-node';
const WASM = '@tensorflow/tfjs-backend-wasm';

type Attempt = { ok: true } | { ok: false; missing: boolean; reason: string };

async function importFrom(name: string, base: string): Promise<Attempt> {
  const req = createRequire(path.join(path.resolve(base), 'noop.js'));
  let resolved: string;
  try {
    resolved = req.resolve(name);
  } catch {
    return { ok: false, missing: true, reason: `${name} is not installed` };
  }
  try {
    await import(pathToFileURL(resolved).href);
    return { ok: true };
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, missing: false, reason: `${name} is installed but failed to load (${why})` };
  }
}


async function tryNode(pkg: string, base: string, notes: string[]): Promise<boolean> {
  const a = await importFrom(pkg, base);
  if (!a.ok) {
    if (!a.missing) notes.push(a.reason);
    return false;
  }
  if (await activateBackend('tensorflow')) return true;
  notes.push(`${pkg} loaded but did not register a working 'tensorflow' backend`);
  return false;
}

/** The wasm package this one depends on, for when `resolveFrom` has none (a static specifier, so bundlers see it). */
async function importOwnWasm(): Promise<Attempt> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    return { ok: true };
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, missing: false, reason: `${WASM} failed to load (${why})` };
  }
}

/**
 * Registers (if not yet) and activates the `wasm` backend: a copy already imported, else the one
 * `resolveFrom` sees, else this package's own dependency; the training kernels it lacks go in first.
 */
async function tryWasm(base: string, notes: string[]): Promise<boolean> {
  if (tf.findBackendFactory('wasm') === null) {
    const a = await importFrom(WASM, base);
    if (!a.ok) {
      if (!a.missing) notes.push(a.reason);
      const own = await importOwnWasm();
      if (!own.ok) {
        notes.push(own.reason);
        return false;
      }
    }
  }
  registerWasmTrainingKernels();
  if (await activateBackend('wasm')) return true;
  notes.push(`${WASM} loaded but the 'wasm' backend failed to initialise (its .wasm file could not be read or compiled)`);
  return false;
}

/** SIMD or not, as the wasm backend detected it (threads: tfjs-backend-wasm 4.22 uses one in Node). */
async function wasmFeatures(): Promise<string> {
  let simd = false;
  try {
    simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  } catch {
    // the flag belongs to the wasm package; a copy bound to another tfjs-core leaves it unregistered here
  }
  return simd ? 'WebAssembly with SIMD, 1 thread' : 'WebAssembly without SIMD, 1 thread';
}

function done(info: Omit<BackendInfo, 'message'>, message: string, log: InitBackendOptions['log']): BackendInfo {
  if (log !== null) (log ?? console.log)(message);
  return { ...info, message };
}

const FASTER_THAN_CPU = `initBackend('wasm') (${WASM}, no download, several times faster) or npm install ${NODE_CPU} (native) or ${NODE_GPU} (CUDA)`;
const NATIVE = `npm install ${NODE_CPU} (native TensorFlow) or ${NODE_GPU} (CUDA)`;

/**
 * Picks and activates a TensorFlow.js backend, by dynamic import, and logs one line saying which
 * it got, why, and how to get a faster one. `'auto'` tries `@tensorflow/tfjs-node-gpu`, then
 * `@tensorflow/tfjs-node` (both optional: they download libtensorflow when installed, which fails
 * offline and on unsupported platforms), then `wasm` (`@tensorflow/tfjs-backend-wasm`, a plain npm
 * dependency of this package whose `.wasm` files Node finds next to it; SIMD where the runtime has
 * it; several times faster than `cpu`), then the pure-JS `cpu` backend. The `wasm` backend gets the
 * training kernels it lacks ({@link registerWasmTrainingKernels}), so convolutions train on it.
 * In a browser build `'auto'` takes the first registered backend that starts of `webgpu`,
 * `webgl`, `wasm` and `cpu`, and `'tensorflow'` throws a BackendError.
 *
 * @param kind - which backend to set up
 * @param opts - where to resolve packages from, and where to log
 * @returns the backend name, the package that provided it and the message logged
 * @default kind 'auto'
 * @example
 * ```ts
 * const { backend } = await initBackend(); // "onecycle: backend 'wasm' from @tensorflow/tfjs-backend-wasm (WebAssembly with SIMD, 1 thread) …"
 * ```
 */
export async function initBackend(kind: BackendKind = 'auto', opts: InitBackendOptions = {}): Promise<BackendInfo> {
  const base = opts.resolveFrom ?? process.cwd();
  const log = opts.log;
  const notes: string[] = [];
  const suffix = (): string => (notes.length > 0 ? ` (${notes.join('; ')})` : '');
  switch (kind) {
    case 'auto':
    case 'tensorflow': {
      if (await tryNode(NODE_GPU, base, notes)) {
        return done({ backend: 'tensorflow', package: NODE_GPU }, `onecycle: backend 'tensorflow' from ${NODE_GPU} (CUDA GPU); this is the fastest option`, log);
      }
      if (await tryNode(NODE_CPU, base, notes)) {
        return done({ backend: 'tensorflow', package: NODE_CPU }, `onecycle: backend 'tensorflow' from ${NODE_CPU} (native CPU); with an NVIDIA GPU and CUDA, npm install ${NODE_GPU} is faster${suffix()}`, log);
      }
      if (kind === 'tensorflow') {
        throw new BackendError(`backend 'tensorflow' needs ${NODE_GPU} or ${NODE_CPU}, and neither could be loaded from ${base}${suffix()}: npm install one of them, or use initBackend('auto') to fall back to the wasm or pure-JS cpu backend`);
      }
      const why = notes.length > 0 ? notes.join('; ') : `neither ${NODE_GPU} nor ${NODE_CPU} is installed`;
      notes.length = 0;
      if (await tryWasm(base, notes)) {
        return done({ backend: 'wasm', package: WASM }, `onecycle: backend 'wasm' from ${WASM} (${await wasmFeatures()}), because ${why}; for native speed, ${NATIVE}`, log);
      }
      return useCpu(log, ` (${[why, ...notes].join('; ')})`);
    }
    case 'cpu':
      return useCpu(log, '');
    case 'wasm': {
      if (!(await tryWasm(base, notes))) throw new BackendError(`backend 'wasm' could not be set up${suffix()}: reinstall ${WASM}@^4.22.0, or use initBackend('cpu')`);
      return done({ backend: 'wasm', package: WASM }, `onecycle: backend 'wasm' from ${WASM} (${await wasmFeatures()}), as asked; for native speed, ${NATIVE}`, log);
    }
    default: {
      const never: never = kind;
      throw new LearnerOptionError(`initBackend kind must be 'auto', 'tensorflow', 'cpu' or 'wasm', got ${String(never)}`);
    }
  }
}

async function useCpu(log: InitBackendOptions['log'], notes: string): Promise<BackendInfo> {
  if (!(await activateBackend('cpu'))) {
    throw new BackendError(`the pure-JS 'cpu' backend is not registered: import '@tensorflow/tfjs' or '@tensorflow/tfjs-backend-cpu' before initBackend`);
  }
  return done({ backend: 'cpu', package: '@tensorflow/tfjs-backend-cpu' }, `onecycle: backend 'cpu' (pure JS, the slowest); for speed, ${FASTER_THAN_CPU}${notes}`, log);
}
