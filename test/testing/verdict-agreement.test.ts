import * as fs from 'fs';
import * as path from 'path';
import { DataPlane } from '../../src/testing';
import { isModelledKind } from '../../src/testing/object-store';
import { formatDiagnostic, validateSourcedManifests } from '../../src/validation';
import { isAdmissionError } from '../../src/validation/admission';
import { parseApiVersion } from '../../src/validation/crd-data';
import { parseManifests } from '../../src/validation/manifest-files';
import { testWithShared } from '../support/shared';

/**
 * One verdict: every object the data plane refuses at load gets the same
 * error (code, field and message) from validateManifests, and every error
 * validateManifests finds in one object the plane models makes the plane
 * refuse it. Findings a controller acts on (attachment, references,
 * duplicates, weights) are status and traffic, not admission, and are left
 * out on both sides.
 */

type Verdict = string[];


function validationVerdict(text: string, name: string, channel: 'standard' | 'experimental'): Verdict {
  const read = parseManifests(text, name);
  const modelled = read.items.filter((it) => {
    const o: any = it.object;
    if (o === null || typeof o !== 'object' || Array.isArray(o) || typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') return true;
    return isModelledKind(parseApiVersion(o.apiVersion).group, o.kind);
  });
  return [...read.diagnostics, ...validateSourcedManifests(modelled, { channel })]
    .filter(isAdmissionError)
    .map(formatDiagnostic)
    .sort();
}

function planeVerdict(text: string, name: string, channel: 'standard' | 'experimental'): Verdict {
  const plane = DataPlane.fromYaml(text, { source: name, channel });
  return plane.diagnostics
    .filter((d) => d.code !== 'object/duplicate')
    .map(formatDiagnostic)
    .sort();
}

function manifestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : manifestFiles(full);
    return /\.(ya?ml|json)$/.test(e.name) && e.name !== 'tsconfig.json' ? [full] : [];
  });
}

/** Asserts agreement in both channels; returns how many refusals were compared. */
function expectAgreement(texts: Array<[string, string]>): number {
  let refusals = 0;
  for (const channel of ['standard', 'experimental'] as const) {
    for (const [name, text] of texts) {
      const plane = planeVerdict(text, name, channel);
      expect({ name, channel, verdict: validationVerdict(text, name, channel) }).toEqual({ name, channel, verdict: plane });
      refusals += plane.length;
    }
  }
  return refusals;
}

describe('the data plane and validation give one verdict', () => {
  test('a header value with a trailing newline (a YAML | block) is refused by both, with the same error', () => {
    const text = [
      'apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata: {name: r, namespace: apps}', 'spec:', '  rules:',
      '  - filters:', '    - type: RequestHeaderModifier', '      requestHeaderModifier:', '        set:', '        - name: x-a', '          value: |', '            hello',
      '    backendRefs: [{name: web, port: 80}]', '',
    ].join('\n');
    for (const channel of ['standard', 'experimental'] as const) {
      const plane = planeVerdict(text, 'route.yaml', channel);
      expect(plane).toHaveLength(1);
      expect(plane[0]).toContain('spec.rules[0].filters[0].requestHeaderModifier.set[0].value');
      expect(validationVerdict(text, 'route.yaml', channel)).toEqual(plane);
    }
  });

  test('a finding a controller acts on is status in the plane, not a refusal: an invalid RE2 regular expression', () => {
    const G = 'gateway.networking.k8s.io/v1';
    const objects = [
      { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/gw' } },
      { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
      { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'r' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(?=x)' } }] }] } },
    ];
    const found = validateSourcedManifests(objects.map((object) => ({ object })), { channel: 'experimental' }).filter((d) => d.code === 'route/regex-invalid');
    expect(found).toHaveLength(1);
    const plane = DataPlane.fromManifests(objects);
    expect(plane.diagnostics).toEqual([]);
    const accepted = plane.status('HTTPRoute', 'apps', 'r')!.parents[0].conditions.find((c) => c.type === 'Accepted')!;
    expect(accepted).toMatchObject({ status: 'False', reason: 'UnsupportedValue' });
    // Both quote RE2's own message.
    const re2 = /RE2 accepts \((.+)\); implementations/.exec(found[0].message)![1];
    expect(accepted.message).toContain(re2);
  });

  test('hostile YAML is a diagnostic for both readers, never an exception', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]'].join('\n');
    const cases: Array<[string, string]> = [
      ['bomb.yaml', bomb],
      ['unresolved.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: *missing}\n'],
      ['broken.yaml', 'kind: [unclosed\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ok}\n'],
      ['list.json', '[{"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "Bad_Name"}}, 3]'],
    ];
    for (const [name, text] of cases) {
      expect(() => parseManifests(text, name)).not.toThrow();
      expect(() => DataPlane.fromYaml(text, { source: name })).not.toThrow();
      expect(planeVerdict(text, name, 'experimental').length).toBeGreaterThan(0);
    }
    expect(parseManifests(bomb, 'bomb.yaml').diagnostics.map((d) => d.code)).toEqual(['input/yaml-error']);
    expectAgreement(cases);
  });

  test('every manifest fixture under test/', () => {
    const files = manifestFiles(path.join(__dirname, '..'));
    expect(files.length).toBeGreaterThan(1);
    // The experimental kitchen sink is refused in the standard channel, so there are refusals to compare.
    expect(expectAgreement(files.map((f) => [path.relative(path.join(__dirname, '../..'), f), fs.readFileSync(f, 'utf8')]))).toBeGreaterThan(0);
  });

  testWithShared('every manifest under ../shared: conformance manifests, vector objects, the seed guide', (shared) => {
    const texts: Array<[string, string]> = [];
    for (const f of manifestFiles(path.join(shared, 'conformance/manifests'))) texts.push([f, fs.readFileSync(f, 'utf8')]);
    for (const f of manifestFiles(path.join(shared, 'conformance/vectors'))) {
      const vector = JSON.parse(fs.readFileSync(f, 'utf8'));
      (vector.steps ?? []).forEach((s: any, i: number) => {
        if (Array.isArray(s.objects)) texts.push([`${f} step ${i}`, JSON.stringify(s.objects)]);
      });
    }
    const seed = fs.readFileSync(path.join(shared, 'seed/000_90665368728c9213.txt'), 'utf8');
    let block = 0;
    for (const m of seed.matchAll(/```ya?ml\n([\s\S]*?)```/g)) texts.push([`seed block ${block++}`, m[1]]);
    expect(texts.length).toBeGreaterThan(130);
    // The seed guide's outdated versions and the standard channel's missing fields give refusals to compare.
    expect(expectAgreement(texts)).toBeGreaterThan(10);
  });
});
