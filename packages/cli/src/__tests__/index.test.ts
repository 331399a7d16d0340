import { describe, expect, it } from 'vitest';
import { packageName } from '../index';

describe('@onecycle/cli entry', () => {
  it('names itself', () => {
    expect(packageName).toBe('@onecycle/cli');
  });
});
