// Browser twin of initBackend.ts (see tools/build/tsup.ts): no Node packages to import; picks
// among the backends the page has registered (by importing '@tensorflow/tfjs' and friends).
import * as tf from '@tensorflow/tfjs-core';
import { activateBackend } from './activateBackend';
import { registerWasmTrainingKernels } from './backend/registerWasmTrainingKernels';
import type * as node from './initBackend';
import { BackendError, LearnerOptionError } from './errors';

export type { BackendInfo, BackendKind, InitBackendOptions } from './initBackend';

const WEBGPU = '@tensorflow/tfjs-backend-webgpu';
const WEBGL = '@tensorflow/tfjs-backend-webgl';
const WASM = '@tensorflow/tfjs-backend-wasm';
const CPU = '@tensorflow/tfjs-backend-cpu';

/** The backends 'auto' tries, fastest first, with their package and the line logged. */
const AUTO = [
  { backend: 'webgpu', package: WEBGPU, message: `onecycle: backend 'webgpu' from ${WEBGPU} (GPU through WebGPU); this is the fastest option in a browser` },
  { backend: 'webgl', package: WEBGL, message: `onecycle: backend 'webgl' from ${WEBGL} (GPU through WebGL); this is the fastest option in a browser` },
  { backend: 'wasm', package: WASM, message: `onecycle: backend 'wasm' from ${WASM} (WebAssembly, SIMD and threads where the page allows), no GPU backend started; for a GPU, import '${WEBGL}'` },
  { backend: 'cpu', package: CPU, message: `onecycle: backend 'cpu' (pure JS, slow for convolutions); for speed, import '${WEBGL}' (part of '@tensorflow/tfjs')` },
] as const;

type Choice = (typeof AUTO)[number];
type Log = ((line: string) => void) | null | undefined;


function done(choice: Choice, log: Log, notes: string[]): node.BackendInfo {
  const message = choice.message + (notes.length > 0 ? ` (${notes.join('; ')})` : '');
  if (log !== null) (log ?? console.log)(message);
  return { backend: choice.backend, package: choice.package, message };
}

function pick(name: Choice['backend']): Choice {
  const choice = AUTO.find((c) => c.backend === name);
  if (choice === undefined) throw new BackendError(`no backend named ${name}`);
  return choice;
}

/**
 * Picks and activates a TensorFlow.js backend in a browser and logs one line saying which it got.
 * `'auto'` takes the first of `webgpu`, `webgl`, `wasm`, `cpu` that the page has registered and that
 * initialises (the `wasm` backend with the training kernels it lacks, so convolutions train on it); `'tensorflow'` (tfjs-node) exists only in Node and throws a BackendError.
 * `opts.resolveFrom` is ignored: a page registers backends by importing them.
 *
 * @param kind - which backend to set up
 * @param opts - where to log (`resolveFrom` is ignored)
 * @returns the backend name, the package that provided it and the message logged
 * @default kind 'auto'
 * @example
 * ```ts
 * import '@tensorflow/tfjs'; // registers webgl and cpu
 * const { backend } = await initBackend(); // 'webgl' when the GPU context starts, else 'cpu'
 * ```
 */
export const initBackend: typeof node.initBackend = async (kind = 'auto', opts = {}) => {
  const log = opts.log;
  switch (kind) {
    case 'auto': {
      const notes: string[] = [];
      registerWasmTrainingKernels();
      for (const choice of AUTO) {
        if (await activateBackend(choice.backend)) return done(choice, log, notes);
        if (tf.findBackendFactory(choice.backend) !== null) notes.push(`'${choice.backend}' is registered but failed to initialise`);
      }
      throw new BackendError(`no TensorFlow.js backend is registered in this page${notes.length > 0 ? ` (${notes.join('; ')})` : ''}: import '@tensorflow/tfjs' (webgl and cpu) or '${WASM}' before initBackend`);
    }
    case 'tensorflow':
      throw new BackendError(`backend 'tensorflow' comes from @tensorflow/tfjs-node, which runs only in Node; in a browser use initBackend('auto') (webgpu, else webgl, else wasm, else cpu), 'wasm' or 'cpu'`);
    case 'cpu':
      if (!(await activateBackend('cpu'))) throw new BackendError(`the pure-JS 'cpu' backend is not registered: import '@tensorflow/tfjs' or '${CPU}' before initBackend`);
      return done(pick('cpu'), log, []);
    case 'wasm':
      registerWasmTrainingKernels();
      if (tf.findBackendFactory('wasm') === null) throw new BackendError(`backend 'wasm' needs ${WASM}: import it in the page (and call setWasmPaths with where its .wasm files are served) before initBackend`);
      if (!(await activateBackend('wasm'))) throw new BackendError(`${WASM} is registered but the 'wasm' backend failed to initialise (are its .wasm files served where setWasmPaths points?)`);
      return done(pick('wasm'), log, []);
    default: {
      const never: never = kind;
      throw new LearnerOptionError(`initBackend kind must be 'auto', 'tensorflow', 'cpu' or 'wasm', got ${String(never)}`);
    }
  }
};
