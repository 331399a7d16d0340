import { describe, expect, it } from 'vitest';
import { packageName } from '../index';

describe('@onecycle/lr-finder entry', () => {
  it('names itself', () => {
    expect(packageName).toBe('@onecycle/lr-finder');
  });
});
