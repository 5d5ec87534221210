/**
 * Every ```ts block of docs/*.md is type-checked (strict) against the
 * library's sources and then run, so the guides cannot drift from the API.
 * Blocks import from 'cdk8s-gateway-api' (and its subpaths); the test points
 * that at src/. As in a project with `setupFilesAfterEnv: ['cdk8s-gateway-api/jest']`,
 * the routing matchers are registered, and a block's `test(...)`/`describe(...)`
 * calls run their bodies on the spot (a failing expectation fails the block).
 * README.md's blocks tell one story (the testing block uses the chart the
 * first block builds), so they are checked and run as one program.
 */
import '../../src/jest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { inspect } from 'util';

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
  const toSrc = (code: string) => code
    .replace(/from 'cdk8s-gateway-api'/g, `from '${srcImport}'`)
    .replace(/(from |import )'cdk8s-gateway-api\/(jest|testing)'/g, (_all, kw, sub) => `${kw}'${srcImport}/${sub}'`);
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
  const readme = tsBlocks(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  if (readme.length > 0) {
    const code = readme.map(b => b.code).join('\n');
    const file = path.join(outDir, 'README.ts');
    fs.writeFileSync(file, `${toSrc(code)}\nexport {};\n`);
    blocks.push({ doc: 'README.md', index: 0, line: readme[0].line, file, expectedLogs: expectedLogs(code), parts: readme.map(b => ({ line: b.line, lines: b.code.split('\n').length })) });
  }
  return blocks;
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

describe('docs/*.md and README.md code blocks', () => {
  test('there are guides with code', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  test('every block type-checks', () => {
    const program = ts.createProgram(blocks.map(b => b.file), {
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
    const problems = ts.getPreEmitDiagnostics(program)
      .filter(d => d.file && blocks.some(b => path.resolve(b.file) === path.resolve(d.file!.fileName)))
      .map(d => {
        const b = blocks.find(x => path.resolve(x.file) === path.resolve(d.file!.fileName))!;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${b.doc}:${markdownLine(b, line)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });

  test.each(blocks.map(b => [`${b.doc} block ${b.index} (line ${b.line})`, b] as const))('%s runs and prints what its comments say', (_title, block) => {
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
