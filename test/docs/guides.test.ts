/**
 * Every ```ts block of docs/*.md is type-checked (strict) against the
 * library's sources and then run, so the guides cannot drift from the API.
 * Blocks import from 'cdk8s-gateway-api' (and its subpaths); the test points
 * that at src/. As in a project with `setupFilesAfterEnv: ['cdk8s-gateway-api/jest']`,
 * the routing matchers are registered, and a block's `test(...)`/`describe(...)`
 * calls run their bodies on the spot (a failing expectation fails the block).
 * README.md's blocks are the files of one small project: the prose before a
 * block names its file (`main.ts`:) and blocks import each other by it.
 */
import '../../src/jest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inspect } from 'util';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const docsDir = path.join(root, 'docs');
const outDir = path.join(root, '.tmp', 'docs-guides');

interface Block {
  readonly doc: string;
  readonly index: number;
  readonly line: number;
  readonly file: string;
  /** what each `console.log(...)` should print: the `// ...` comment at the end of its line or on the next line */
  readonly expectedLogs: string[];
  /** the Markdown blocks the file joins: first line and line count of each */
  readonly parts: readonly { readonly line: number; readonly lines: number }[];
}

function expectedLogs(code: string): string[] {
  const lines = code.split('\n');
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (!/console\.log\(/.test(l)) return;
    const same = /\);\s*\/\/ (.*)$/.exec(l);
    const next = /^\s*\/\/ (.*)$/.exec(lines[i + 1] ?? '');
    out.push((same ?? next)?.[1] ?? '');
  });
  return out;
}

function extractBlocks(): Block[] {
  if (!fs.existsSync(docsDir)) return [];
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const srcImport = path.relative(outDir, path.join(root, 'src')).split(path.sep).join('/');
  const toSrc = (code: string) => toSrcFrom(code, srcImport);
  const blocks: Block[] = [];
  for (const doc of fs.readdirSync(docsDir).filter(f => f.endsWith('.md')).sort()) {
    const text = fs.readFileSync(path.join(docsDir, doc), 'utf8');
    let index = 0;
    for (const { code, line } of tsBlocks(text)) {
      const file = path.join(outDir, `${path.basename(doc, '.md')}-${index}.ts`);
      fs.writeFileSync(file, `${toSrc(code)}\nexport {};\n`);
      blocks.push({ doc: `docs/${doc}`, index, line, file, expectedLogs: expectedLogs(code), parts: [{ line, lines: code.split('\n').length }] });
      index++;
    }
  }
  // README.md's blocks are modules of one small project: a block is the file the prose line before it names
  // (`main.ts`:, `edge.ts` above), and imports the others by that name ('./main').
  const readmeText = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const readmeDir = path.join(outDir, 'readme');
  fs.mkdirSync(readmeDir, { recursive: true });
  const readmeSrc = path.relative(readmeDir, path.join(root, 'src')).split(path.sep).join('/');
  tsBlocks(readmeText).forEach(({ code, line }, index) => {
    const named = fileNamedBefore(readmeText, line);
    const file = path.join(readmeDir, named ?? `block-${index}.ts`);
    if (fs.existsSync(file)) throw new Error(`README.md:${line}: a second block is named ${path.basename(file)}`);
    const source = toSrcFrom(code, readmeSrc).replace(/from '\.\.\/src'/g, `from '${readmeSrc}'`);
    fs.writeFileSync(file, `${source}\nexport {};\n`);
    blocks.push({ doc: 'README.md', index, line, file, expectedLogs: expectedLogs(code), parts: [{ line, lines: code.split('\n').length }] });
  });
  return blocks;
}

/**
 * The imports a block offers in a comment (`// or: import { DataPlane } from 'cdk8s-gateway-api/testing'`),
 * each written as a file of its own: they are type-checked with the blocks (the names must be exported there).
 */
function alternativeImports(): { doc: string; line: number; file: string }[] {
  const out: { doc: string; line: number; file: string }[] = [];
  const dir = path.join(outDir, 'alternatives');
  fs.mkdirSync(dir, { recursive: true });
  const srcImport = path.relative(dir, path.join(root, 'src')).split(path.sep).join('/');
  const docs = ['README.md', ...(fs.existsSync(docsDir) ? fs.readdirSync(docsDir).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`) : [])];
  for (const doc of docs) {
    for (const { code, line } of tsBlocks(fs.readFileSync(path.join(root, doc), 'utf8'))) {
      code.split('\n').forEach((l, i) => {
        const m = /\/\/ or: (import .* from '[^']+');?\s*$/.exec(l);
        if (!m) return;
        const file = path.join(dir, `alt-${out.length}.ts`);
        const names = /import \{([^}]*)\}/.exec(m[1])?.[1].split(',').map(n => n.trim().split(/\s+as\s+/).pop()!).filter(Boolean) ?? [];
        // each imported name is used, so that an import of a type where a value is meant fails too
        fs.writeFileSync(file, `${toSrcFrom(m[1], srcImport)};\n${names.map(n => `void ${n};`).join('\n')}\nexport {};\n`);
        out.push({ doc, line: line + i, file });
      });
    }
  }
  return out;
}

/** A block's code with the package's imports pointed at the sources (`srcImport`, relative to the block's file). */
function toSrcFrom(code: string, srcImport: string): string {
  return code
    .replace(/from 'cdk8s-gateway-api'/g, `from '${srcImport}'`)
    .replace(/(from |import )'cdk8s-gateway-api\/(jest|testing)'/g, (_all, kw, sub) => `${kw}'${srcImport}/${sub}'`);
}

/** The file name (`main.ts`, `main.test.ts`) the last prose line before the block at `line` names, if it ends with a colon. */
function fileNamedBefore(text: string, line: number): string | undefined {
  const before = text.split('\n').slice(0, line - 2).filter((l) => l.trim() !== '');
  const prose = before.slice(-2).join(' ');
  if (!/:\s*$/.test(prose)) return undefined;
  const names = [...prose.matchAll(/`([\w-]+(?:\.test)?\.ts)`/g)].map((m) => m[1]);
  return names.length > 0 ? names[names.length - 1] : undefined;
}

/** The ```ts blocks of a Markdown text with the line of their first code line. */
function tsBlocks(text: string): { code: string; line: number }[] {
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map(m => ({ code: m[1], line: text.slice(0, m.index).split('\n').length + 1 }));
}

/** The Markdown line of line `n` (0-based) of a block's generated file. */
function markdownLine(b: Block, n: number): number {
  let start = 0;
  for (const part of b.parts) {
    if (n < start + part.lines) return part.line + (n - start);
    start += part.lines;
  }
  return b.line + n;
}

const blocks = extractBlocks();
const alternatives = alternativeImports();

describe('docs/*.md and README.md code blocks', () => {
  test('there are guides with code', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  test('the imports offered in comments are found', () => {
    expect(alternatives.map(a => a.doc)).toContain('README.md');
  });

  test('every block type-checks, and so does every import offered in a comment', () => {
    const program = ts.createProgram([...blocks.map(b => b.file), ...alternatives.map(a => a.file)], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2022.d.ts'],
      types: ['node', 'jest'],
      skipLibCheck: true,
      esModuleInterop: true,
    });
    const alternative = (d: ts.Diagnostic) => alternatives.find(a => path.resolve(a.file) === path.resolve(d.file!.fileName));
    const problems = ts.getPreEmitDiagnostics(program)
      .filter(d => d.file && (blocks.some(b => path.resolve(b.file) === path.resolve(d.file!.fileName)) || alternative(d)))
      .map(d => {
        const alt = alternative(d);
        if (alt) return `${alt.doc}:${alt.line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        const b = blocks.find(x => path.resolve(x.file) === path.resolve(d.file!.fileName))!;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${b.doc}:${markdownLine(b, line)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });

  // README blocks are titled by their file name, so that a snapshot one takes survives edits above it
  test.each(blocks.map(b => [b.doc === 'README.md' ? `README.md ${path.basename(b.file)}` : `${b.doc} block ${b.index} (line ${b.line})`, b] as const))('%s runs and prints what its comments say', (_title, block) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-'));
    const saved = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(a => typeof a === 'string' ? a : inspect(a, { breakLength: Infinity, depth: 10 })).join(' '));
    });
    const g = globalThis as any;
    const saved2 = { test: g.test, it: g.it, describe: g.describe };
    const inline = (_name: string, fn: () => void) => fn();
    g.test = inline;
    g.it = inline;
    g.describe = inline;
    try {
      jest.isolateModules(() => {
        require(block.file);
      });
    } finally {
      Object.assign(g, saved2);
      log.mockRestore();
      if (saved === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = saved;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    expect(printed).toEqual(block.expectedLogs);
  });
});
