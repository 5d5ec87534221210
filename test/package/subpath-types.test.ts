import * as fs from 'fs';
import * as path from 'path';
import type * as TS from 'typescript';
import { packRepository, ROOT, type Packed } from './packed';

// Every subpath of package.json `exports` type-checks in a user's project, whichever module resolution its
// tsconfig uses: node10 (`module: commonjs`, what `cdk8s init typescript-app` writes; it ignores `exports`
// and reads `typesVersions`), node16 and bundler (which read `exports`). The package is the `npm pack`
// tarball, installed in a scratch project's node_modules; its own dependencies come from this repository's.

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };

/** A user file importing every subpath of `exports`, each used in a way that needs its types. */
function userFile(): string {
  const lines: string[] = [];
  const uses: string[] = [];
  Object.keys(manifest.exports).forEach((subpath, i) => {
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    lines.push(`import * as m${i} from '${specifier}';`);
    uses.push(`m${i}`);
  });
  // Each namespace must be a real module: a property access that only exists on the right one.
  lines.push(
    'const route: typeof m0.HttpRoute = m0.HttpRoute;',
    'const plane: typeof m0.testing.DataPlane = m1.DataPlane;',
    'const matchers: m2.RoutingMatchers<void> | undefined = undefined;',
    'const version: string = m3.version;',
    'const schemaId: string | undefined = (m4 as { $id?: string }).$id;',
    'const configSchemaId: string | undefined = (m5 as { $id?: string }).$id;',
    `export const all = [${uses.join(', ')}, route, plane, matchers, version, schemaId, configSchemaId];`,
  );
  return `${lines.join('\n')}\n`;
}

/** The TypeScript compilers to check with: this project's, and a 5.x when one is installed (jsii brings 5.9). */
function compilers(): Array<[string, typeof TS]> {
  const out: Array<[string, typeof TS]> = [['project', require('typescript') as typeof TS]];
  for (const from of ['jsii', 'jsii-rosetta']) {
    try {
      const ts = require(require.resolve('typescript', { paths: [path.dirname(require.resolve(`${from}/package.json`, { paths: [ROOT] }))] })) as typeof TS;
      if (ts.version.startsWith('5.')) { out.push([`${from}'s`, ts]); break; }
    } catch { /* not installed */ }
  }
  return out;
}

let packed: Packed;
let project: string;
let file: string;
beforeAll(() => {
  packed = packRepository();
  project = path.join(packed.dir, 'user-project');
  fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true });
  const installed = path.join(project, 'node_modules', manifest.name);
  fs.renameSync(packed.packageDir, installed);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(installed, 'node_modules'), 'dir');
  file = path.join(project, 'main.ts');
  fs.writeFileSync(file, userFile());
});
afterAll(() => packed && fs.rmSync(packed.dir, { recursive: true, force: true }));

/** Every declaration file of the installed package, relative to it. */
function declarationFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : declarationFiles(dir, p);
    return e.name.endsWith('.d.ts') ? [p] : [];
  });
}

test('no declaration file imports a Node built-in module: a user\'s @types/node may be older than ours', () => {
  // cdk8s init writes @types/node 14, whose crypto has no X509Certificate; a declaration importing it broke
  // `tsc` in such an app (TS2724), because the template does not set skipLibCheck.
  const builtins = new Set(require('module').builtinModules as string[]);
  const root = path.join(project, 'node_modules', manifest.name);
  const files = declarationFiles(root);
  expect(files).toEqual(expect.arrayContaining(['lib/src/index.d.ts', 'lib/src/testing/references.d.ts']));
  const imports = files.flatMap((f) => [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/from '([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((spec) => spec.startsWith('node:') || builtins.has(spec))
    .map((spec) => `${f}: ${spec}`));
  expect(imports).toEqual([]);
});

test('the user file imports every subpath of exports', () => {
  expect(Object.keys(manifest.exports)).toEqual(['.', './testing', './jest', './package.json', './schemas/routing-tests.schema.json', './schemas/cdk8s-gateway-config.schema.json']);
  expect(userFile()).toContain("from 'cdk8s-gateway-api/testing'");
});

const settings: Array<[string, Record<string, string>]> = [
  ['node10 (module commonjs)', { module: 'commonjs', moduleResolution: 'node10' }],
  ['node16 (module node16)', { module: 'node16', moduleResolution: 'node16' }],
  ['bundler (module esnext)', { module: 'esnext', moduleResolution: 'bundler' }],
];

describe.each(compilers())('TypeScript (%s)', (_name, ts) => {
  test.each(settings)('%s: every subpath type-checks', (_label, resolution) => {
    const json = {
      compilerOptions: {
        ...resolution,
        target: 'es2022',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        resolveJsonModule: true,
        esModuleInterop: true,
        types: [],
        // TypeScript 6 deprecates node10 resolution; projects that keep it set this.
        ...(ts.version.startsWith('6.') && resolution.moduleResolution === 'node10' ? { ignoreDeprecations: '6.0' } : {}),
      },
      files: ['main.ts'],
    };
    const parsed = ts.parseJsonConfigFileContent(json, ts.sys, project);
    expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(project, d.file.fileName) : ''}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
    // The declarations come from the installed package, not from this repository's sources.
    const testing = program.getSourceFiles().map((s) => s.fileName).find((f) => f.endsWith('/lib/src/testing/index.d.ts'));
    expect(testing).toBe(path.join(fs.realpathSync(project), 'node_modules', manifest.name, 'lib/src/testing/index.d.ts'));
  });
});
