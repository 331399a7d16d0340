import { describe, expect, it } from 'vitest';
import { packageName } from '../index';

describe('@onecycle/viz entry', () => {
  it('names itself', () => {
    expect(packageName).toBe('@onecycle/viz');
  });
});
