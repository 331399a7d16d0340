import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { activateBackend } from './activateBackend';
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
  /** The active tfjs backend name (`'tensorflow'`, `'cpu'` or `'wasm'`). */
  backend: string;
  /** The npm package that provided it, or `'@tensorflow/tfjs-backend-cpu'` for the pure-JS fallback. */
  package: string;
  /** One line naming the backend and how to get a faster one. */
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

function done(info: Omit<BackendInfo, 'message'>, message: string, log: InitBackendOptions['log']): BackendInfo {
  if (log !== null) (log ?? console.log)(message);
  return { ...info, message };
}

const FASTER_THAN_CPU = `npm install ${NODE_CPU} (native, several times faster) or ${NODE_GPU} (CUDA)`;

/**
 * Picks and activates a TensorFlow.js backend, by dynamic import, and logs one line saying which
 * it got and how to get a faster one. `'auto'` tries `@tensorflow/tfjs-node-gpu`, then
 * `@tensorflow/tfjs-node`, then the pure-JS `cpu` backend. `'wasm'` (an optional peer) is fine for
 * inference but cannot train convolutions: the Learner refuses with `WasmTrainingError`.
 * In a browser build `'auto'` takes the first registered backend that starts of `webgl`, `wasm`
 * and `cpu`, and `'tensorflow'` throws a BackendError.
 *
 * @param kind - which backend to set up
 * @param opts - where to resolve packages from, and where to log
 * @returns the backend name, the package that provided it and the message logged
 * @default kind 'auto'
 * @example
 * ```ts
 * const { backend } = await initBackend(); // "onecycle: backend 'cpu' (pure JS) … npm install @tensorflow/tfjs-node …"
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
        throw new BackendError(`backend 'tensorflow' needs ${NODE_GPU} or ${NODE_CPU}, and neither could be loaded from ${base}${suffix()}: npm install one of them, or use initBackend('auto') to fall back to the pure-JS cpu backend`);
      }
      return useCpu(log, suffix());
    }
    case 'cpu':
      return useCpu(log, '');
    case 'wasm': {
      const a = await importFrom(WASM, base);
      if (!a.ok) throw new BackendError(`backend 'wasm' needs ${WASM}: ${a.reason}; npm install ${WASM}@^4.22.0`);
      if (!(await activateBackend('wasm'))) throw new BackendError(`${WASM} loaded but the 'wasm' backend failed to initialise`);
      return done({ backend: 'wasm', package: WASM }, `onecycle: backend 'wasm' from ${WASM} (inference and dense training only: it cannot train convolutions); for training, ${FASTER_THAN_CPU}`, log);
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
  return done({ backend: 'cpu', package: '@tensorflow/tfjs-backend-cpu' }, `onecycle: backend 'cpu' (pure JS, slow for convolutions); for speed, ${FASTER_THAN_CPU}${notes}`, log);
}
