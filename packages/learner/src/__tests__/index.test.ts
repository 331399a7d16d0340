import { describe, expect, it } from 'vitest';
import { packageName } from '../index';

describe('@onecycle/learner entry', () => {
  it('names itself', () => {
    expect(packageName).toBe('@onecycle/learner');
  });
});
