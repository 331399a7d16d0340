import * as tf from '@tensorflow/tfjs-core';

/**
 * Switches tfjs to a registered backend, in Node and in a browser alike.
 *
 * @param name - a backend name ('webgl', 'wasm', 'cpu', 'tensorflow')
 * @returns true when it is registered and started, false otherwise (never throws)
 */
export async function activateBackend(name: string): Promise<boolean> {
  if (tf.findBackendFactory(name) === null) return false;
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}
