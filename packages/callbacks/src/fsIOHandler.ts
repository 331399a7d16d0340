import * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic } from '@onecycle/atomic-write';
import { CallbackOptionError } from './errors';

/**
 * A small Node `fs` save/load handler for tfjs models (the `file://` scheme exists only in
 * tfjs-node): writes `model.json` and `weights.bin` in `dir`, each atomically (temp file + rename).
 * Node only: in a browser build it throws a CallbackOptionError (use tf.io's `indexeddb://`,
 * `localstorage://` or `downloads://` URLs).
 * @param dir - the folder (created when missing)
 * @returns an IOHandler for `model.save(...)` and `tf.loadLayersModel(...)`
 * @example
 * ```ts
 * await model.save(fsIOHandler('out/best'));
 * const again = await tf.loadLayersModel(fsIOHandler('out/best'));
 * ```
 */
export function fsIOHandler(dir: string): tf.io.IOHandler {
  if (typeof dir !== 'string' || dir.length === 0) {
    throw new CallbackOptionError(`fsIOHandler dir must be a non-empty path, got ${JSON.stringify(dir)}`);
  }
  const join = (name: string): string => `${dir.replace(/[\\/]+$/, '')}/${name}`;
  return {
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      const fs = await import('node:fs/promises');
      await fs.mkdir(dir, { recursive: true });
      const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const manifest: tf.io.WeightsManifestConfig = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
      const modelJSON: Record<string, unknown> = {
        modelTopology: artifacts.modelTopology,
        weightsManifest: manifest,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
      };
      if (artifacts.trainingConfig !== undefined) modelJSON['trainingConfig'] = artifacts.trainingConfig;
      if (artifacts.userDefinedMetadata !== undefined) modelJSON['userDefinedMetadata'] = artifacts.userDefinedMetadata;
      await writeFileAtomic(join('weights.bin'), new Uint8Array(weightData));
      await writeFileAtomic(join('model.json'), JSON.stringify(modelJSON));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology ?? null).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weightData.byteLength,
        },
      };
    },
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const fs = await import('node:fs/promises');
      const modelJSON: tf.io.ModelJSON = JSON.parse(await fs.readFile(join('model.json'), 'utf8'));
      return tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) {
            const buf = await fs.readFile(join(p));
            buffers.push(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
          }
        }
        return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}

