import { layers, sequential } from '@tensorflow/tfjs-layers';
import type { Sequential } from '@tensorflow/tfjs-layers';
import { zooInit } from './zooInit';
import { checkZooInput } from './zooInput';
import type { ZooInput } from './zooInput';
import { ModelInputError } from './errors';

/**
 * LeNet-5 (LeCun et al. 1998) with ReLU and max pooling, for 28x28 images:
 * `conv 5x5x6 'same' -> pool 2 -> conv 5x5x16 'valid' -> pool 2 -> dense 120 -> dense 84 ->
 * dense(numClasses, softmax)`; 61,706 parameters on 28x28x1 with 10 classes.
 *
 * @param opts - input shape `[height, width, channels]` (at least 12x12), classes and init seed
 * @returns an uncompiled `tf.Sequential`
 * @throws ModelInputError when the input is not an image big enough for two pooled 5x5 convolutions
 * @example
 * ```ts
 * const model = lenet({ inputShape: [28, 28, 1], numClasses: 10, seed: 0 });
 * ```
 */
export function lenet(opts: ZooInput): Sequential {
  checkZooInput(opts, 'lenet');
  const [h, w, c] = opts.inputShape;
  if (opts.inputShape.length !== 3 || h === undefined || w === undefined || c === undefined || h < 12 || w < 12) {
    throw new ModelInputError(`model lenet needs image inputs [height, width, channels] of at least 12x12, got [${opts.inputShape.join(', ')}]`);
  }
  const init = zooInit(opts.seed);
  return sequential({
    layers: [
      layers.conv2d({ inputShape: [h, w, c], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init.he() }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu', kernelInitializer: init.he() }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.flatten(),
      layers.dense({ units: 120, activation: 'relu', kernelInitializer: init.he() }),
      layers.dense({ units: 84, activation: 'relu', kernelInitializer: init.he() }),
      layers.dense({ units: opts.numClasses, activation: 'softmax', kernelInitializer: init.glorot() }),
    ],
  });
}
