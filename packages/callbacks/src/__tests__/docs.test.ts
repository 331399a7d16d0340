// Runs the examples of docs/callbacks.md so they cannot rot. Each ```ts block that follows a
// `<!-- test: NAME -->` comment is written to a temporary module inside this package (so its
// imports resolve; `@onecycle/callbacks` is pointed at this package's source), imported, and what it
// prints with console.log is compared with the ```text block that follows `<!-- output: NAME -->`.
// The examples are also type-checked with the workspace's strict compiler options.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { packageName } from '../index';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '../..');
const docFile = path.resolve(packageDir, '../../docs/callbacks.md');
/** Extension-less, so both vite and the type checker resolve it to `src/index.ts`. */
const sourceEntry = path.resolve(packageDir, 'src/index');
const baseTsconfig = path.resolve(packageDir, '../../tsconfig.base.json');
/** Inside the package so bare imports resolve; `tmp/` is git-ignored and outside `src/`. */
const tmpDir = path.join(packageDir, 'tmp', `docs-test-${process.pid}`);

interface DocExample {
  name: string;
  code: string;
  output: string[] | undefined;
}

/**
 * Finds the fenced blocks marked with `<!-- test: NAME -->` (```ts) and `<!-- output: NAME -->` (```text).
 * @param markdown - the document
 * @returns the examples in document order
 */
function extractExamples(markdown: string): DocExample[] {
  const block = /<!--\s*(test|output):\s*([\w-]+)\s*-->\s*\n```(\w+)\n([\s\S]*?)\n```/g;
  const examples = new Map<string, DocExample>();
  for (const m of markdown.matchAll(block)) {
    const [, role, name, lang, body] = m;
    if (name === undefined || body === undefined) continue;
    if (role === 'test') {
      if (lang !== 'ts') throw new Error(`docs example ${name} must be a \`\`\`ts block, got \`\`\`${lang}`);
      examples.set(name, { name, code: body, output: examples.get(name)?.output });
    } else {
      const prev = examples.get(name);
      if (prev === undefined) throw new Error(`<!-- output: ${name} --> comes before its <!-- test: ${name} --> block`);
      prev.output = body.split('\n');
    }
  }
  return [...examples.values()];
}

/**
 * Writes an example as a module of this package, its `@onecycle/callbacks` imports pointed at the source.
 * @param ex - the example
 * @returns the file written
 */
function writeExample(ex: DocExample): string {
  const file = path.join(tmpDir, `${ex.name}.ts`);
  writeFileSync(file, ex.code.replaceAll(`from '${packageName}'`, `from ${JSON.stringify(sourceEntry)}`));
  return file;
}

/**
 * Imports a written example and collects what it prints.
 * @param file - the module
 * @returns the printed lines
 */
async function runExample(file: string): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(...format(...args).split('\n'));
  });
  try {
    await import(/* @vite-ignore */ pathToFileURL(file).href);
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/**
 * Type-checks files with the options of tsconfig.base.json.
 * @param files - the files
 * @returns one line per error in those files
 */
function typeErrors(files: string[]): string[] {
  const read = ts.readConfigFile(baseTsconfig, (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(baseTsconfig));
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const wanted = new Set(files.map((f) => path.resolve(f)));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && wanted.has(path.resolve(d.file.fileName)))
    .map((d) => {
      const where = d.file === undefined || d.start === undefined ? undefined : d.file.getLineAndCharacterOfPosition(d.start);
      const at = where === undefined ? '' : `:${where.line + 1}:${where.character + 1}`;
      return `${path.basename(d.file?.fileName ?? '?')}${at} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

const examples = extractExamples(readFileSync(docFile, 'utf8'));
const files = new Map<string, string>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  mkdirSync(tmpDir, { recursive: true });
  for (const ex of examples) files.set(ex.name, writeExample(ex));
});

afterAll(() => {
  if (process.env['KEEP_DOCS_EXAMPLES'] === undefined) rmSync(tmpDir, { recursive: true, force: true });
});

describe('docs/callbacks.md', () => {
  it('has the examples this test expects, each with its printed output', () => {
    expect(examples.map((e) => e.name)).toEqual(['custom-loop', 'model-fit']);
    for (const ex of examples) expect(ex.output, `${ex.name} has no <!-- output --> block`).toBeDefined();
  });

  for (const ex of examples) {
    it(`example "${ex.name}" prints what the doc says and leaks no tensor`, async () => {
      const file = files.get(ex.name);
      if (file === undefined) throw new Error(`example ${ex.name} was not written`);
      const before = tf.memory().numTensors;
      const printed = await runExample(file);
      expect(printed).toEqual(ex.output);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('examples type-check with the workspace settings (strict, exactOptionalPropertyTypes, …)', () => {
    expect(typeErrors([...files.values()])).toEqual([]);
  });
});
