// Round trip of `cdk8s-gateway convert` over every shared conformance manifest, the seed guide's objects and the
// examples' synthesized output: YAML -> TypeScript -> type-checked (strict) -> run -> synthesized -> the same objects.
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { manifestFilePaths, readFoundFiles } from '../../src/validation/manifest-files';
import { convertAndTypeCheck, runConverted, roundTripProblems, type Converted } from '../support/convert-round-trip';

const ROOT = path.resolve(__dirname, '..', '..');
const CONFORMANCE = path.resolve(ROOT, '..', 'shared', 'conformance', 'manifests');

function read(paths: string[]): { object: unknown; source: string }[] {
  const found = manifestFilePaths(paths);
  const r = readFoundFiles(found.files);
  if (found.diagnostics.length + r.diagnostics.length > 0) throw new Error(`cannot read ${paths.join(', ')}`);
  return r.items.map((i) => ({ object: i.object, source: path.relative(ROOT, i.source ?? '') }));
}

function exampleObjects(file: string): { object: unknown; source: string }[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Record<string, unknown>;
  const out: { object: unknown; source: string }[] = [];
  for (const [name, value] of Object.entries(mod)) {
    if (typeof value !== 'function' || !(value.prototype instanceof Chart)) continue;
    const chart = new (value as new (s: unknown, id: string) => Chart)(Testing.app(), name);
    Testing.synth(chart).forEach((object, i) => out.push({ object, source: `${path.relative(ROOT, file)}#${name}.${i}` }));
  }
  return out;
}

const sources = new Map<string, { object: unknown; source: string }[]>();
const conformanceFiles = fs.readdirSync(CONFORMANCE).filter((f) => f.endsWith('.yaml')).sort();
for (const f of conformanceFiles) sources.set(`conformance ${f}`, read([path.join(CONFORMANCE, f)]));
sources.set('seed guide', read([path.join(ROOT, 'test', 'fixtures', 'seed', 'guide')]));
sources.set('seed complete', read([path.join(ROOT, 'test', 'fixtures', 'seed', 'complete')]));
const exampleFiles = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ts')).sort();
for (const f of exampleFiles) sources.set(`example ${f}`, exampleObjects(path.join(ROOT, 'examples', f)));

let checked: ReturnType<typeof convertAndTypeCheck>;
const counts = { sources: 0, objects: 0, l2: 0, apiObjects: 0, notValidated: 0 };

beforeAll(() => {
  checked = convertAndTypeCheck(sources);
}, 600_000);

afterAll(() => {
  checked?.cleanup();
  process.stdout.write(`convert round trip: ${counts.sources} source(s), ${counts.objects} object(s): ${counts.l2} with L2 constructs, ` +
    `${counts.apiObjects} as ApiObjects; ${counts.notValidated} source(s) whose input fails the app's validation\n`);
});

test('there are sources of each family', () => {
  expect(conformanceFiles.length).toBeGreaterThan(100);
  expect(exampleFiles.length).toBeGreaterThan(10);
  expect(sources.get('seed guide')!.length).toBeGreaterThan(10);
});

describe.each([...sources.keys()])('%s', (name) => {
  test('converts, type-checks under strict and synthesizes the same objects', () => {
    const c: Converted = checked.converted.find((x) => x.name === name)!;
    expect(checked.diagnostics.get(name)).toEqual([]);
    const { objects, validated } = runConverted(c.result.code);
    expect(roundTripProblems(c.inputs, objects)).toEqual([]);
    counts.sources++;
    counts.objects += c.inputs.length;
    counts.l2 += c.result.l2Objects;
    counts.apiObjects += c.result.apiObjects;
    if (!validated) counts.notValidated++;
  });
});
