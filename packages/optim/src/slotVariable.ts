import * as tf from '@tensorflow/tfjs-core';
import { OptimOptionError } from './errors';

/** A tensor with a name, as optimizer getWeights/setWeights use. */
export interface NamedTensor {
  /** Name of the weight. */
  name: string;
  /** Its value. */
  tensor: tf.Tensor;
}

/** One named slot variable of an optimizer (tfjs's OptimizerVariable). */
export interface SlotVariable {
  /** `${variableName}/${slot}`, the name used by getWeights. */
  originalName: string;
  /** The kept, non-trainable variable. */
  variable: tf.Variable;
}

/**
 * Reads a finite number from a config or options object.
 * @param value - the value found
 * @param name - the field name, for the message
 * @param fallback - used when the value is undefined or null
 */
export function configNumber(value: unknown, name: string, fallback?: number): number {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new OptimOptionError(`${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/**
 * Checks a hyper-parameter lies in a range.
 * @param name - its name, for the message
 * @param min - smallest allowed
 * @param max - largest allowed
 * @param maxOpen - whether max itself is excluded
 */
export function checkRange(value: number, name: string, min: number, max: number, maxOpen = false): number {
  if (!Number.isFinite(value) || value < min || (maxOpen ? value >= max : value > max)) {
    const hi = maxOpen ? `${max})` : `${max}]`;
    throw new OptimOptionError(`${name} must be a finite number in [${min}, ${hi}, got ${value}`);
  }
  return value;
}

/**
 * Named gradients in a fixed order, whatever form applyGradients received.
 * @param grads - map or list of named tensors
 * @returns [name, gradient] pairs
 */
export function gradientList(grads: tf.NamedTensorMap | NamedTensor[]): Array<[string, tf.Tensor]> {
  if (Array.isArray(grads)) return grads.map((g) => [g.name, g.tensor]);
  return Object.keys(grads).flatMap((k) => {
    const t = grads[k];
    return t === undefined ? [] : [[k, t] as [string, tf.Tensor]];
  });
}

/**
 * The registered variable with this name.
 */
export function registeredVariable(name: string): tf.Variable {
  const v = tf.engine().registeredVariables[name];
  if (v === undefined) throw new OptimOptionError(`no variable named "${name}" is registered with tfjs`);
  return v;
}

/**
 * Turns weight values from setWeights into kept slot variables.
 * @param values - named tensors
 * @returns slot variables owning copies of the values
 */
export function toSlots(values: NamedTensor[]): SlotVariable[] {
  return values.map((v) => ({ originalName: v.name, variable: tf.tidy(() => tf.variable(v.tensor.clone(), false)) }));
}
