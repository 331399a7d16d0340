import { describe, expect, it } from 'vitest';
import { allInOrder } from '../allInOrder';

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failLater = (ms: number, message: string) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms));

describe('allInOrder', () => {
  it('returns the values in input order', async () => {
    await expect(allInOrder([later(20, 'a'), later(1, 'b'), Promise.resolve('c')])).resolves.toEqual(['a', 'b', 'c']);
  });

  it('throws the first rejection in input order, even when a later one settles first', async () => {
    // Promise.all would report 'second' here: it rejects 30 ms before 'first'.
    await expect(allInOrder([later(5, 1), failLater(40, 'first'), failLater(10, 'second')])).rejects.toThrow('first');
  });
});
