import * as fs from 'fs';
import * as path from 'path';

/**
 * docs/ARCHITECTURE.md states which layer may import which in a table; this
 * test reads that table and checks every import in src/ against it, so the
 * document and the code cannot drift apart.
 */
const root = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');

interface Layer {
  readonly name: string;
  /** `dir/` (recursive), `src/*.ts` (files directly in src/) or one file */
  readonly files: readonly string[];
  readonly mayImport: ReadonlySet<string>;
}

/** The rows of the table under "## What may import what". */
function parseLayers(text: string): Layer[] {
  const section = text.split(/^## What may import what$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('docs/ARCHITECTURE.md has no "## What may import what" section');
  const rows = section.split('\n').filter((l) => /^\|/.test(l)).slice(2); // header and separator
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 3) throw new Error(`docs/ARCHITECTURE.md: a row needs layer, files and imports: ${row}`);
    const files = [...cells[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const mayImport = new Set(cells[2].split(',').map((s) => s.trim()).filter((s) => s !== ''));
    return { name: cells[0], files, mayImport };
  });
}

/** The layer a repository-relative path belongs to: an exact file first, then the longest folder, then `src/*.ts`. */
function layerOf(layers: readonly Layer[], rel: string): string | undefined {
  let best: { name: string; rank: number } | undefined;
  for (const layer of layers) {
    for (const f of layer.files) {
      let rank = -1;
      if (f === rel) rank = 10_000;
      else if (f.endsWith('/') && rel.startsWith(f)) rank = f.length;
      else if (f === 'src/*.ts' && /^src\/[^/]+\.ts$/.test(rel)) rank = 0;
      if (rank >= 0 && (!best || rank > best.rank)) best = { name: layer.name, rank };
    }
  }
  return best?.name;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Relative module specifiers of a file: static imports and re-exports (type-only too), `import()` and `require()`. */
function importsOf(text: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*'([^']+)'/g,
    /\bimport\s*'([^']+)'/g,
    /\b(?:import|require)\(\s*'([^']+)'\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) specs.push(m[1]);
  return specs.filter((s) => s.startsWith('.'));
}

/** The repository-relative file an import specifier resolves to (a folder resolves to its index.ts). */
function resolveImport(fromFile: string, spec: string): string {
  const abs = path.resolve(path.dirname(fromFile), spec);
  const candidates = [`${abs}.ts`, path.join(abs, 'index.ts'), abs];
  const hit = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? abs;
  return path.relative(root, hit).split(path.sep).join('/');
}

interface Edge { readonly from: string; readonly to: string; readonly spec: string }

function edges(): Edge[] {
  return sourceFiles(path.join(root, 'src')).flatMap((file) => importsOf(fs.readFileSync(file, 'utf8'))
    .map((spec) => ({ from: path.relative(root, file).split(path.sep).join('/'), to: resolveImport(file, spec), spec })));
}

/** Imports the table does not allow, as `from -> to (fromLayer -> toLayer)`. */
function violations(layers: readonly Layer[], all: readonly Edge[]): string[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const out: string[] = [];
  for (const e of all) {
    const a = layerOf(layers, e.from);
    const b = layerOf(layers, e.to);
    if (a === undefined || b === undefined) {
      out.push(`${e.from} -> ${e.spec}: ${a === undefined ? e.from : e.to} is in no layer of the table`);
      continue;
    }
    if (a !== b && !byName.get(a)!.mayImport.has(b)) out.push(`${e.from} -> ${e.to} (${a} -> ${b})`);
  }
  return out;
}

const layers = parseLayers(doc);
const allEdges = edges();

describe('docs/ARCHITECTURE.md matches the imports in src/', () => {
  test('the table names each layer once and only known layers in "May import"', () => {
    const names = layers.map((l) => l.name);
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(new Set(names).size).toBe(names.length);
    for (const l of layers) for (const target of l.mayImport) expect(names).toContain(target);
  });

  test('every source file belongs to a layer, and every layer has files', () => {
    const files = sourceFiles(path.join(root, 'src')).map((f) => path.relative(root, f).split(path.sep).join('/'));
    expect(files.filter((f) => layerOf(layers, f) === undefined)).toEqual([]);
    const used = new Set([...files, ...allEdges.map((e) => e.to)].map((f) => layerOf(layers, f)));
    expect(layers.map((l) => l.name).filter((n) => !used.has(n))).toEqual([]);
  });

  test('every import across layers is one the table allows', () => {
    expect(allEdges.length).toBeGreaterThan(300);
    expect(violations(layers, allEdges)).toEqual([]);
  });

  test('the checker reports an import the table forbids', () => {
    const probe: Edge[] = [
      { from: 'src/model/hostname.ts', to: 'src/testing/data-plane.ts', spec: '../testing/data-plane' },
      { from: 'src/gateway.ts', to: 'src/testing/index.ts', spec: './testing' },
      { from: 'src/patterns/blue-green.ts', to: 'src/private/field-checks.ts', spec: '../private/field-checks' },
      { from: 'src/validation/xref-listeners.ts', to: 'src/gateway.ts', spec: '../gateway' },
      { from: 'src/gateway.ts', to: 'src/listener.ts', spec: './listener' },
    ];
    expect(violations(layers, probe)).toEqual([
      'src/model/hostname.ts -> src/testing/data-plane.ts (model -> data-plane)',
      'src/gateway.ts -> src/testing/index.ts (l2 -> data-plane)',
      'src/patterns/blue-green.ts -> src/private/field-checks.ts (patterns -> private)',
      'src/validation/xref-listeners.ts -> src/gateway.ts (validation -> l2)',
    ]);
  });

  test('every L2 construct file is re-exported by src/index.ts and nothing under src/private/ is', () => {
    const index = fs.readFileSync(path.join(root, 'src/index.ts'), 'utf8');
    const exported = new Set([...index.matchAll(/^export \* from '\.\/([^']+)';$/gm)].map((m) => `src/${m[1]}.ts`));
    const l2 = sourceFiles(path.join(root, 'src')).map((f) => path.relative(root, f).split(path.sep).join('/'))
      .filter((f) => layerOf(layers, f) === 'l2');
    expect(l2.length).toBeGreaterThan(15);
    expect(l2.filter((f) => !exported.has(f))).toEqual([]);
    expect([...index.matchAll(/from '\.\/private\b/g)]).toEqual([]);
  });
});
