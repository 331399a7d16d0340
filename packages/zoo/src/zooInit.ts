import { initializers } from '@tensorflow/tfjs-layers';

/** The kernel initializers a zoo model needs, seeded per layer when a seed is given. */
export interface ZooInit {
  /** He et al. (2015) normal init for layers followed by ReLU. */
  he(): ReturnType<typeof initializers.heNormal>;
  /** Glorot & Bengio (2010) uniform init for the classifier. */
  glorot(): ReturnType<typeof initializers.glorotUniform>;
}

/**
 * Kernel initializers for one model: with a seed, layer `i` gets seed `seed * 1000 + i + 1`, so the
 * same seed builds the same weights; without one, tfjs draws them at random. (Never 0: tfjs's
 * random initializers treat a seed of 0 as "no seed" and draw from Math.random.)
 *
 * @param seed - the model seed, or undefined
 * @returns initializer factories that count the layers they were used for
 */
export function zooInit(seed: number | undefined): ZooInit {
  let i = 0;
  const next = (): { seed: number } | Record<string, never> => (seed === undefined ? {} : { seed: seed * 1000 + ++i });
  return {
    he: () => initializers.heNormal(next()),
    glorot: () => initializers.glorotUniform(next()),
  };
}
