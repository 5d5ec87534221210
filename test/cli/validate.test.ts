import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

const GOOD = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  rules:
    - backendRefs: [{ name: api, port: 80 }]
`;
const BAD = `apiVersion: v1
kind: Service
metadata: { name: api, namespace: apps }
spec: { ports: [{ port: 8080 }] }
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: GRPCRoute
metadata: { name: grpc, namespace: apps }
spec:
  rules:
    - backendRefs: [{ name: api }]
`;

describe('cdk8s-gateway validate', () => {
  let dir: string;
  let out: string;
  let spy: jest.SpyInstance;
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  const github = process.env.GITHUB_ACTIONS;
  beforeAll(() => { delete process.env.GITHUB_ACTIONS; }); // the text format is tested here (github: report-format.test.ts)
  afterAll(() => { if (github !== undefined) process.env.GITHUB_ACTIONS = github; });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-cli-'));
    out = '';
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { out += String(chunk); return true; });
  });
  afterEach(() => {
    spy.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('valid manifests exit 0 with a summary', async () => {
    const code = await main(['node', 'cdk8s-gateway', 'validate', file('good.yaml', GOOD)]);
    expect(code).toBe(0);
    expect(out).toBe('0 error(s), 0 warning(s) in 1 object(s) (Gateway API v1.6.1, standard channel)\n');
  });

  test('fails with exit code 1, one line per diagnostic with file, line and column', async () => {
    const bad = file('bad.yaml', BAD);
    const code = await main(['node', 'cdk8s-gateway', 'validate', bad]);
    expect(code).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(`${bad}:6:1: error GRPCRoute apps/grpc apiVersion: GRPCRoute gateway.networking.k8s.io/v1alpha2 is not served by Gateway API v1.6.1 (standard channel): ` +
      'the CRD serves only v1; use gateway.networking.k8s.io/v1 (the object was also checked against the v1 schema; see the other diagnostics for what else must change) [api/version-not-served]');
    expect(lines[1]).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:11:21: error GRPCRoute apps/grpc spec\\.rules\\[0\\]\\.backendRefs\\[0\\]: the reference to Service 'api' has no port.*\\[cel/GRPCRoute/service-port-required\\]$`));
    expect(lines[2]).toBe('2 error(s), 0 warning(s) in 2 object(s) (Gateway API v1.6.1, standard channel)');
  });

  test('reads directories, List objects, and prints JSON on request', async () => {
    file('d/a.yaml', GOOD);
    file('d/sub/b.yml', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'x' }, spec: { rules: [{ backendRefs: [{ name: 'a', port: 80, weight: 0 }] }] } }] }));
    file('d/ignored.txt', 'not yaml: [');
    const code = await main(['node', 'cdk8s-gateway', 'validate', '--json', path.join(dir, 'd')]);
    expect(code).toBe(1);
    const diags = JSON.parse(out);
    expect(diags).toEqual([expect.objectContaining({ code: 'route/all-weights-zero', source: `${path.join(dir, 'd/sub/b.yml')}#0.items[0]` })]);
  });

  test('a path that cannot be read is an input error: exit 2, one line per problem of the input on stderr (YAML errors too)', async () => {
    const missing = path.join(dir, 'nope.yaml');
    const broken = file('broken.yaml', 'a: [1, 2\n');
    let err = '';
    const e = jest.spyOn(process.stderr, 'write').mockImplementation((c: any) => { err += String(c); return true; });
    try {
      expect(await main(['node', 'cdk8s-gateway', 'validate', missing, broken])).toBe(2);
    } finally {
      e.mockRestore();
    }
    expect(out).toBe('');
    const lines = err.trim().split('\n');
    expect(lines[0]).toBe(`cdk8s-gateway: ${missing}: error: cannot read ${missing}: no such file or directory [input/unreadable]`);
    expect(lines[1]).toMatch(/^cdk8s-gateway: .*broken\.yaml#0: error: document 0 is not valid YAML: .* \[input\/yaml-error\]$/);
    expect(lines).toHaveLength(2);
  });

  test('the experimental channel is selectable, and a wrong channel is a usage error', async () => {
    const route = file('exp.yaml', GOOD.replace('    - backendRefs', '    - sessionPersistence: { sessionName: s }\n      backendRefs'));
    expect(await main(['node', 'cdk8s-gateway', 'validate', route])).toBe(1);
    out = '';
    expect(await main(['node', 'cdk8s-gateway', 'validate', '--channel', 'experimental', route])).toBe(0);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'cdk8s-gateway', 'validate', '--channel', 'beta', route])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
