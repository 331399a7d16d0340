import { describe, expect, it } from 'vitest';
import { packageName } from '../index';

describe('@onecycle/callbacks entry', () => {
  it('names itself', () => {
    expect(packageName).toBe('@onecycle/callbacks');
  });
});
