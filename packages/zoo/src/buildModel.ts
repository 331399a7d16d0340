import type { LayersModel } from '@tensorflow/tfjs-layers';
import { lenet } from './lenet';
import { mlp } from './mlp';
import type { MlpOptions } from './mlp';
import { resnet } from './resnet';
import type { ResnetOptions } from './resnet';
import type { ZooInput } from './zooInput';
import { ModelOptionError } from './errors';

/** The names of the zoo's models. */
export const MODEL_NAMES = ['mlp', 'lenet', 'resnet'] as const;

/** A model of the zoo with its options, as written in a `train` config's `model` field. */
export type ModelSpec =
  | ({ name: 'mlp' } & MlpOptions)
  | { name: 'lenet' }
  | ({ name: 'resnet' } & ResnetOptions);

/**
 * How a model wants its inputs: `'flat'` vectors (`mlp`) or `'image'` tensors `[h, w, c]`.
 *
 * @returns the layout to give `datasetToTensors`
 */
export function modelInputLayout(spec: ModelSpec): 'flat' | 'image' {
  return spec.name === 'mlp' ? 'flat' : 'image';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function allowOnly(obj: Record<string, unknown>, keys: readonly string[], path: string): void {
  for (const k of Object.keys(obj)) {
    if (!keys.includes(k)) throw new ModelOptionError(`${path}.${k} is not an option of model ${String(obj.name)} (options: ${keys.filter((x) => x !== 'name').join(', ') || 'none'})`);
  }
}

/**
 * Validates a model spec read from JSON.
 *
 * @param json - the value of the config's `model` field
 * @param path - its path, for messages
 * @default path 'model'
 * @returns the typed spec
 * @throws ModelOptionError naming the field (`model.hidden[1]`, `model.depth`, …), the value and what is allowed
 */
export function parseModelSpec(json: unknown, path = 'model'): ModelSpec {
  if (!isRecord(json)) throw new ModelOptionError(`${path} must be an object like { "name": "mlp" }, got ${JSON.stringify(json)}`);
  const name = json.name;
  switch (name) {
    case 'mlp': {
      allowOnly(json, ['name', 'hidden', 'batchNorm', 'dropout'], path);
      const spec: ModelSpec = { name };
      if (json.hidden !== undefined) {
        if (!Array.isArray(json.hidden)) throw new ModelOptionError(`${path}.hidden must be an array of layer sizes like [256, 128], got ${JSON.stringify(json.hidden)}`);
        const hidden: number[] = [];
        json.hidden.forEach((u: unknown, i) => {
          if (typeof u !== 'number' || !Number.isInteger(u) || u < 1) throw new ModelOptionError(`${path}.hidden[${i}] must be a positive whole number, got ${JSON.stringify(u)}`);
          hidden.push(u);
        });
        spec.hidden = hidden;
      }
      if (json.batchNorm !== undefined) {
        if (typeof json.batchNorm !== 'boolean') throw new ModelOptionError(`${path}.batchNorm must be true or false, got ${JSON.stringify(json.batchNorm)}`);
        spec.batchNorm = json.batchNorm;
      }
      if (json.dropout !== undefined) {
        const d = json.dropout;
        if (typeof d !== 'number' || !(d >= 0 && d < 1)) throw new ModelOptionError(`${path}.dropout must be a number in [0, 1), got ${JSON.stringify(d)}`);
        spec.dropout = d;
      }
      return spec;
    }
    case 'lenet':
      allowOnly(json, ['name'], path);
      return { name };
    case 'resnet': {
      allowOnly(json, ['name', 'depth', 'shortcut'], path);
      const spec: ModelSpec = { name };
      if (json.depth !== undefined) {
        const d = json.depth;
        if (typeof d !== 'number' || !Number.isInteger(d) || d < 8 || (d - 2) % 6 !== 0) {
          throw new ModelOptionError(`${path}.depth must be 6n+2 with n >= 1 (8, 14, 20, 32, 44, 56, 110), got ${JSON.stringify(d)}`);
        }
        spec.depth = d;
      }
      if (json.shortcut !== undefined) {
        if (json.shortcut !== 'A' && json.shortcut !== 'projection') throw new ModelOptionError(`${path}.shortcut must be 'A' or 'projection', got ${JSON.stringify(json.shortcut)}`);
        spec.shortcut = json.shortcut;
      }
      return spec;
    }
    default:
      throw new ModelOptionError(`${path}.name must be one of ${MODEL_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  }
}

/**
 * Builds a model of the zoo by spec.
 *
 * @param spec - name and options
 * @param data - input shape, number of classes, init seed
 * @returns an uncompiled model ending in a softmax
 * @throws ModelOptionError or ModelInputError for options the model rejects
 * @example
 * ```ts
 * const model = buildModel({ name: 'resnet', depth: 8 }, { inputShape: [32, 32, 3], numClasses: 10, seed: 0 });
 * ```
 */
export function buildModel(spec: ModelSpec, data: ZooInput): LayersModel {
  switch (spec.name) {
    case 'mlp':
      return mlp({ ...spec, ...data });
    case 'lenet':
      return lenet(data);
    case 'resnet':
      return resnet({ ...spec, ...data });
  }
}
