import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { listFiles } from '../../scripts/gen/tree';
import { describeWithShared } from '../support/shared';

const root = path.resolve(__dirname, '../..');
const generatedDir = path.join(root, 'generated');

/** Runs the generator in its own process (json-schema-to-typescript loads prettier as an ES module, which jest cannot). */
function runGen(crds: string, out: string): string {
  const result = spawnSync(path.join(root, 'node_modules/.bin/ts-node'), ['--transpile-only', 'scripts/gen/main.ts', '--crds', crds, '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`gen failed: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

function readTree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describeWithShared('generated/ is current against the v1.6.1 CRDs', (shared) => {
  const crds = path.join(shared, 'gateway-api/v1.6.1/crds');
  let first: Map<string, string>;
  let second: Map<string, string>;
  beforeAll(() => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-'));
    runGen(crds, path.join(tmp, 'a'));
    runGen(crds, path.join(tmp, 'b'));
    first = readTree(path.join(tmp, 'a'));
    second = readTree(path.join(tmp, 'b'));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the committed generated/ is exactly what `npx projen gen` writes', () => {
    const committed = readTree(generatedDir);
    const stale = [...new Set([...first.keys(), ...committed.keys()])]
      .filter(f => first.get(f) !== committed.get(f))
      .sort();
    expect(stale).toEqual([]);
  });

  test('the generator is deterministic', () => {
    expect([...second]).toEqual([...first]);
  });

  test('no description prose from the CRDs is carried over', () => {
    // Every description sentence of the HTTPRoute and Gateway CRDs, looked for in every generated file.
    const sentences = new Set<string>();
    const collect = (node: any) => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (!node || typeof node !== 'object') return;
      if (typeof node.description === 'string') {
        for (const s of node.description.split(/(?<=\.)\s+/)) if (s.length > 40) sentences.add(s.trim());
      }
      Object.values(node).forEach(collect);
    };
    for (const f of ['gateway.networking.k8s.io_httproutes.yaml', 'gateway.networking.k8s.io_gateways.yaml']) {
      collect(YAML.parse(fs.readFileSync(path.join(crds, 'standard', f), 'utf8')));
    }
    expect(sentences.size).toBeGreaterThan(100);
    const all = [...first.values()].join('\n');
    expect([...sentences].filter(s => all.includes(s))).toEqual([]);
  });

  test('a missing CRD folder is a clear error', () => {
    expect(() => runGen(path.join(root, 'no-such-folder'), os.tmpdir())).toThrow(/CRD folder not found: .*no-such-folder.*--crds/);
  });
});
