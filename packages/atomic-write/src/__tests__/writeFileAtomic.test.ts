import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicWriteError, parseTempFileName, removeStaleTempFiles, writeFileAtomic, writeJsonAtomic } from '../index';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'atomic-write-'));

describe('writeFileAtomic', () => {
  it('writes text and bytes, creating the folder, leaving no temp file', async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, 'a/b/c.txt'), 'hello');
    await writeFileAtomic(join(dir, 'bin'), new Uint8Array([1, 2, 3]));
    await writeJsonAtomic(join(dir, 'x.json'), { a: 1 });
    expect(readFileSync(join(dir, 'a/b/c.txt'), 'utf8')).toBe('hello');
    expect([...readFileSync(join(dir, 'bin'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('{\n  "a": 1\n}\n');
    expect(readdirSync(dir).sort()).toEqual(['a', 'bin', 'x.json']);
  });

  it('many concurrent writes of one file each leave one complete version', async () => {
    const dir = tempDir();
    const file = join(dir, 'f');
    const versions = Array.from({ length: 40 }, (_, i) => String(i).repeat(1000 + i));
    await Promise.all(versions.map((v) => writeFileAtomic(file, v)));
    expect(versions).toContain(readFileSync(file, 'utf8'));
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('refuses bad arguments with typed errors naming them', async () => {
    await expect(writeFileAtomic('', 'x')).rejects.toThrow(/path must be a non-empty string, got ""/);
    await expect(writeFileAtomic(5 as unknown as string, 'x')).rejects.toThrow(AtomicWriteError);
    await expect(writeFileAtomic(join(tempDir(), 'f'), { a: 1 } as unknown as string)).rejects.toThrow(/data must be a string or a Uint8Array, got a object/);
    await expect(writeFileAtomic(join(tempDir(), 'f'), 'x', { fsyncs: true } as never)).rejects.toThrow(/unknown option "fsyncs"/);
  });

  it('a failed write leaves the old file and no temp file, with the cause', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), 'old');
    const err = await writeFileAtomic(join(dir, 'f', 'g'), 'x', { mkdir: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtomicWriteError);
    expect((err as AtomicWriteError).cause).toBeDefined();
    expect(readdirSync(dir)).toEqual(['f']);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('old');
  });

  it('parses and removes stale temp files of dead writers only', async () => {
    const dir = tempDir();
    expect(parseTempFileName('model.json.tmp-123-4')).toEqual({ target: 'model.json', pid: 123 });
    expect(parseTempFileName('model.json')).toBeUndefined();
    // a dead pid: a child that has exited
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid ?? 0;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(dir, `a.tmp-${deadPid}-1`), 'half');
    writeFileSync(join(dir, `b.tmp-${process.pid}-1`), 'mine');
    writeFileSync(join(dir, 'a'), 'whole');
    expect(await removeStaleTempFiles(dir)).toEqual([`a.tmp-${deadPid}-1`]);
    expect(readdirSync(dir).sort()).toEqual(['a', `b.tmp-${process.pid}-1`]);
    expect(await removeStaleTempFiles(join(dir, 'missing'))).toEqual([]);
  });

  it('a process killed with SIGKILL mid-write leaves the old or the new complete file', async () => {
    const dir = tempDir();
    const file = join(dir, 'f');
    writeFileSync(file, '0'.repeat(200000));
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(new URL('../../dist/index.js', import.meta.url).href)});
      let i = 0;
      for (;;) { i++; await writeFileAtomic(${JSON.stringify(file)}, String(i % 10).repeat(200000)); }
    `;
    for (let k = 0; k < 10; k++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 150 + ((k * 37) % 100)));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const text = readFileSync(file, 'utf8');
      expect(text.length).toBe(200000);
      expect(new Set(text).size).toBe(1);
      await removeStaleTempFiles(dir);
      expect(readdirSync(dir)).toEqual(['f']);
    }
  });
});
