// Round trip of `cdk8s-gateway convert` over every shared conformance manifest, the seed guide's objects and the
// examples' synthesized output: YAML -> TypeScript -> type-checked (strict) -> run -> synthesized -> the same objects.
import * as fs from 'fs';
import * as path from 'path';
import { manifestFilePaths, readFoundFiles } from '../../src/validation/manifest-files';
import { convertAndTypeCheck, runConverted, roundTripProblems, type Converted } from '../support/convert-round-trip';
import { allExampleObjects } from '../support/examples';
import { seedObjects } from '../support/seed';

const ROOT = path.resolve(__dirname, '..', '..');
const CONFORMANCE = path.resolve(ROOT, '..', 'shared', 'conformance', 'manifests');

function read(paths: string[]): { object: unknown; source: string }[] {
  const found = manifestFilePaths(paths);
  const r = readFoundFiles(found.files);
  if (found.diagnostics.length + r.diagnostics.length > 0) throw new Error(`cannot read ${paths.join(', ')}`);
  return r.items.map((i) => ({ object: i.object, source: path.relative(ROOT, i.source ?? '') }));
}

const sources = new Map<string, { object: unknown; source: string }[]>();
const conformanceFiles = fs.readdirSync(CONFORMANCE).filter((f) => f.endsWith('.yaml')).sort();
for (const f of conformanceFiles) sources.set(`conformance ${f}`, read([path.join(CONFORMANCE, f)]));
sources.set('seed guide', read([path.join(ROOT, 'test', 'fixtures', 'seed', 'guide')]));
// the guide's own YAML blocks, objects as written (v1alpha2/v1beta1 among them), one source per file the guide names
const guideFiles = new Map<string, { object: unknown; source: string }[]>();
for (const o of seedObjects(path.resolve(ROOT, '..', 'shared'))) {
  const list = guideFiles.get(o.file) ?? [];
  list.push({ object: o.original, source: `${o.file}#${list.length}` });
  guideFiles.set(o.file, list);
}
for (const [file, objects] of guideFiles) sources.set(`seed guide text ${file}`, objects);
sources.set('seed complete', read([path.join(ROOT, 'test', 'fixtures', 'seed', 'complete')]));
const exampleFiles = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ts')).sort();
for (const { example, object } of allExampleObjects()) {
  const list = sources.get(`example ${example}`) ?? [];
  list.push({ object, source: `examples/${example}#${list.length}` });
  sources.set(`example ${example}`, list);
}

let checked: ReturnType<typeof convertAndTypeCheck>;
const families = new Map<string, { sources: number; objects: number; l2: number; apiObjects: number; notValidated: number }>();

beforeAll(() => {
  checked = convertAndTypeCheck(sources);
}, 600_000);

afterAll(() => {
  checked?.cleanup();
  for (const [family, c] of families) {
    process.stdout.write(`convert round trip, ${family}: ${c.sources} source(s), ${c.objects} object(s): ${c.l2} with L2 constructs, ` +
      `${c.apiObjects} as ApiObjects; ${c.notValidated} source(s) whose input fails the app's validation (synthesized without it)\n`);
  }
});

test('there are sources of each family', () => {
  expect(conformanceFiles.length).toBeGreaterThan(100);
  expect(exampleFiles.length).toBeGreaterThan(10);
  // every example gives objects (a source without any would pass for nothing)
  expect(exampleFiles.filter((f) => (sources.get(`example ${f}`) ?? []).length === 0)).toEqual([]);
  expect([...sources].filter(([, objects]) => objects.length === 0).map(([name]) => name)).toEqual([]);
  expect(sources.get('seed guide')!.length).toBeGreaterThan(10);
});

describe.each([...sources.keys()])('%s', (name) => {
  test('converts, type-checks under strict and synthesizes the same objects', () => {
    const c: Converted = checked.converted.find((x) => x.name === name)!;
    expect(checked.diagnostics.get(name)).toEqual([]);
    const { objects, validated } = runConverted(c.result.code);
    expect(roundTripProblems(c.inputs, objects)).toEqual([]);
    const family = name.startsWith('seed') ? 'seed guide' : name.split(' ')[0];
    const counts = families.get(family) ?? { sources: 0, objects: 0, l2: 0, apiObjects: 0, notValidated: 0 };
    families.set(family, counts);
    counts.sources++;
    counts.objects += c.inputs.length;
    counts.l2 += c.result.l2Objects;
    counts.apiObjects += c.result.apiObjects;
    if (!validated) counts.notValidated++;
  });
});
