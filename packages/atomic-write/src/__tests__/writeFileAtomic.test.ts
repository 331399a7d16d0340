import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from '../index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atomic-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates the folder, replaces the content and leaves no temp file', async () => {
    const file = path.join(dir, 'a', 'b', 'x.txt');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, new TextEncoder().encode('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(path.dirname(file))).toEqual(['x.txt']);
  });

  it('many concurrent writers of one file leave one whole content', async () => {
    const file = path.join(dir, 'y.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeJsonAtomic(file, { i, pad: 'x'.repeat(10_000) })));
    const parsed: { i: number } = JSON.parse(readFileSync(file, 'utf8'));
    expect(parsed.i).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir)).toEqual(['y.json']);
  });

  it('rejects when the target is a folder and cleans its temp file', async () => {
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow();
    expect(readdirSync(path.dirname(dir)).filter((f) => f.endsWith('.tmp') && f.includes(path.basename(dir)))).toEqual([]);
  });
});
