import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { WARNING_ONLY_HTTPROUTE } from '../support/manifests';

// `validate` exits 1 on any error and 0 otherwise: warnings alone (WARNING_ONLY_HTTPROUTE, a null field, which
// the API server drops) are printed and counted but do not fail the run; one error among them does.
const ONE_ERROR = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: broken, namespace: apps }
spec:
  rules:
    - backendRefs: [{ name: api }]
`;

describe('cdk8s-gateway validate exit code', () => {
  let dir: string;
  let out: string;
  let spy: jest.SpyInstance;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-exit-'));
    out = '';
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { out += String(chunk); return true; });
  });
  afterEach(() => {
    spy.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const file = (text: string): string => {
    const p = path.join(dir, 'in.yaml');
    fs.writeFileSync(p, text);
    return p;
  };

  test('warnings only: exit 0, each warning printed and counted', async () => {
    const code = await main(['node', 'cdk8s-gateway', 'validate', file(WARNING_ONLY_HTTPROUTE)]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/in\.yaml:5:3: warning HTTPRoute apps\/web spec\.hostnames: the field is null.*\[schema\/null-value\]$/);
    expect(lines[1]).toBe('0 error(s), 1 warning(s) in 1 object(s) (Gateway API v1.6.1, standard channel)');
    expect(code).toBe(0);
  });

  test('warnings only with --json: exit 0, the warning in the array', async () => {
    const code = await main(['node', 'cdk8s-gateway', 'validate', '--json', file(WARNING_ONLY_HTTPROUTE)]);
    expect(JSON.parse(out).map((d: any) => [d.severity, d.code])).toEqual([['warning', 'schema/null-value']]);
    expect(code).toBe(0);
  });

  test('one error among the warnings: exit 1', async () => {
    const code = await main(['node', 'cdk8s-gateway', 'validate', file(WARNING_ONLY_HTTPROUTE + ONE_ERROR)]);
    expect(out.trimEnd().split('\n').pop()).toMatch(/^1 error\(s\), 1 warning\(s\) in 2 object\(s\)/);
    expect(code).toBe(1);
  });
});
