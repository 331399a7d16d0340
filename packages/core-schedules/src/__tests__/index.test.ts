import { describe, expect, it } from 'vitest';
import { packageName } from '../index';

describe('@onecycle/core-schedules entry', () => {
  it('names itself', () => {
    expect(packageName).toBe('@onecycle/core-schedules');
  });
});
