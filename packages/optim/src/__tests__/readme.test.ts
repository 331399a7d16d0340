// Runs the example of this package's README so it cannot rot: the ```ts block after
// `<!-- readme-example -->` is written to a temporary module inside the package (its
// `@onecycle/optim` import pointed at the source), type-checked with the workspace's strict
// options, imported, and what it prints is compared with the ```text block after
// `<!-- readme-output -->`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { packageName } from '../index';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Extension-less, so both vite and the type checker resolve it to `src/index.ts`. */
const sourceEntry = path.join(packageDir, 'src/index');
const baseTsconfig = path.resolve(packageDir, '../../tsconfig.base.json');
/** Inside the package so bare imports resolve; `tmp/` is git-ignored and outside `src/`. */
const tmpDir = path.join(packageDir, 'tmp', `readme-test-${process.pid}`);
const exampleFile = path.join(tmpDir, 'example.ts');

/**
 * The fenced block of a language that follows a marker comment.
 * @param markdown - the README
 * @param marker - the comment's text
 * @param lang - the fence's language
 * @returns the block's body
 */
function blockAfter(markdown: string, marker: string, lang: string): string {
  const m = new RegExp(`<!--\\s*${marker}\\s*-->\\s*\\n\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``).exec(markdown);
  if (m?.[1] === undefined) throw new Error(`README.md has no \`\`\`${lang} block after <!-- ${marker} -->`);
  return m[1];
}

const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');

beforeAll(async () => {
  await tf.setBackend('cpu');
  mkdirSync(tmpDir, { recursive: true });
  const code = blockAfter(readme, 'readme-example', 'ts');
  writeFileSync(exampleFile, `${code.replaceAll(`from '${packageName}'`, `from ${JSON.stringify(sourceEntry)}`)}\nexport {};\n`);
});

afterAll(() => {
  rmSync(tmpDir, { recursive: true, force: true });
});

describe('README.md example', () => {
  it('type-checks with the workspace strict settings', () => {
    const read = ts.readConfigFile(baseTsconfig, (f) => ts.sys.readFile(f));
    const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(baseTsconfig));
    const program = ts.createProgram([exampleFile], { ...options, noEmit: true });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && path.resolve(d.file.fileName) === exampleFile)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  it('prints what the README shows and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(...format(...args).split('\n'));
    });
    try {
      await import(/* @vite-ignore */ pathToFileURL(exampleFile).href);
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual(blockAfter(readme, 'readme-output', 'text').split('\n'));
    expect(tf.memory().numTensors).toBe(before);
  });
});
