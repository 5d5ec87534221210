import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runConverted, roundTripProblems } from '../support/convert-round-trip';
import { scratchDir } from '../support/scratch-dir';

// `cdk8s-gateway convert` as installed: bin/cdk8s-gateway.js on the compiled lib/ (npx tsc --build first).

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'cdk8s-gateway.js');

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, input, env: { ...process.env, GITHUB_ACTIONS: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: main, namespace: infra }
spec:
  gatewayClassName: shared
  listeners:
    - { name: http, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }
`;
const ROUTES = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: api, namespace: apps }
spec:
  parentRefs: [ { name: main, namespace: infra, sectionName: http } ]
  rules:
    - matches: [ { path: { type: PathPrefix, value: /api } } ]
      backendRefs: [ { name: api, port: 8080 }, { name: shared-api, namespace: backends, port: 80 } ]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: HTTPRoute
metadata: { name: legacy, namespace: apps }
spec:
  parentRefs: [ { name: edge, namespace: other } ]
  hostnames: [ 192.0.2.1 ]
  rules: [ { backendRefs: [ { name: api, port: 8080 } ] } ]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: from-apps, namespace: backends }
spec:
  from: [ { group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps } ]
  to: [ { group: '', kind: Service } ]
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: apps }
spec: { ports: [ { port: 8080 } ] }
`;

describe('cdk8s-gateway convert', () => {
  const scratch = scratchDir('convert-');
  let dir: string;
  beforeAll(() => {
    if (!fs.existsSync(path.join(root, 'lib', 'src', 'cli', 'convert.js'))) throw new Error('lib/src/cli/convert.js is missing: run npx tsc --build tsconfig.json');
    dir = scratch.path;
    scratch.write('in/gateway.yaml', GATEWAY);
    scratch.write('in/routes.yaml', ROUTES);
  });

  test('writes a chart built with the constructs from a folder, and reports what it kept as ApiObjects', () => {
    const out = path.join(dir, 'chart.ts');
    const r = run(['convert', path.join(dir, 'in'), '--out', out, '--class', 'EdgeChart']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const code = fs.readFileSync(out, 'utf8');
    expect(code).toContain('export class EdgeChart extends Chart {');
    // named after the objects, referring to each other as constructs
    expect(code).toContain('const mainGateway = new Gateway(this, \'main\', {');
    expect(code).toContain('mainGateway.addListener(\'http\', {');
    expect(code).toContain('parents: [mainGateway.listener(\'http\')]');
    expect(code).toContain('Backend.fromService(apiService, { port: 8080 })');
    expect(code).toContain('GatewayClass.fromGatewayClassName(this, \'shared-ref\', \'shared\')');
    // a comment naming file and document; the explicit grant stays, no automatic one beside it
    expect(code).toMatch(/\/\/ \S*routes\.yaml#0\n/);
    expect(code).toContain('referenceGrants: ReferenceGrantPolicy.NONE');
    expect(code).toContain('new ReferenceGrant(this, \'from-apps\', {');
    // the older version, read as v1, is said in a comment and on stderr
    expect(code).toContain('read as gateway.networking.k8s.io/v1 from v1beta1');
    expect(r.stderr).toMatch(/routes\.yaml#2 ReferenceGrant backends\/from-apps: written as gateway\.networking\.k8s\.io\/v1 \(was v1beta1\)/);
    // a value the constructs refuse (an IP as a route hostname): object and field named, kept as an ApiObject
    expect(r.stderr).toMatch(/routes\.yaml#1 HTTPRoute apps\/legacy: hostnames\[0\]: kept as an ApiObject: the constructs refuse it: hostnames\[0\] "192\.0\.2\.1" is an IP address/);
    expect(code).toMatch(/new ApiObject\(this, 'legacy', \{\n\s+apiVersion: 'gateway\.networking\.k8s\.io\/v1',\n\s+kind: 'HTTPRoute',/);
    expect(r.stderr).toContain(`wrote ${out}: 5 object(s), 3 with the L2 constructs, 2 as ApiObject(s)`);
    // and it synthesizes the same objects, and no others
    const { objects } = runConverted(code.replace('EdgeChart', 'ConvertedChart'));
    const inputs = [GATEWAY, ...ROUTES.split('---\n')].map((t) => ({ object: require('yaml').parse(t) }));
    expect(roundTripProblems(inputs, objects)).toEqual([]);
    expect(objects.filter((o) => o.kind === 'ReferenceGrant')).toHaveLength(1);
  });

  test('reads standard input with - and writes standard output with --out -', () => {
    const r = run(['convert', '-', '--out', '-'], GATEWAY);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('export class GatewayApiChart extends Chart {');
    expect(r.stdout).toContain('// stdin#0');
  });

  test('usage errors: no --out, an --out that is not .ts, a class name that is not an identifier', () => {
    expect(run(['convert', path.join(dir, 'in')])).toMatchObject({ status: 2, stderr: expect.stringContaining('--out') });
    expect(run(['convert', path.join(dir, 'in'), '--out', path.join(dir, 'x.yaml')]))
      .toMatchObject({ status: 2, stderr: expect.stringContaining('expected a TypeScript file name ending in .ts') });
    expect(run(['convert', path.join(dir, 'in'), '--out', '-', '--class', 'my-chart']))
      .toMatchObject({ status: 2, stderr: expect.stringContaining('--class: class name \'my-chart\' is not a TypeScript identifier') });
    expect(fs.existsSync(path.join(dir, 'x.yaml'))).toBe(false);
  });
});

describe('the round-trip check', () => {
  const input = { object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'a', namespace: 'n' }, spec: { hostnames: ['a.example.com'] } } };
  test('passes on the same object with defaults added', () => {
    expect(roundTripProblems([input], [{ ...input.object, metadata: { name: 'a', namespace: 'n', labels: { added: 'yes' } } } as never])).toEqual([]);
  });
  test('fails on a changed value, a missing object and an added Gateway API object', () => {
    expect(roundTripProblems([input], [{ ...input.object, spec: { hostnames: ['b.example.com'] } } as never])).toEqual([expect.stringContaining('$.spec.hostnames[0]')]);
    expect(roundTripProblems([input], [])).toEqual(['gateway.networking.k8s.io/HTTPRoute n/a: not synthesized']);
    const grant = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ReferenceGrant', metadata: { name: 'auto', namespace: 'x' } };
    expect(roundTripProblems([input], [input.object as never, grant as never])).toEqual(['gateway.networking.k8s.io/ReferenceGrant x/auto: added, not in the input']);
  });
});
