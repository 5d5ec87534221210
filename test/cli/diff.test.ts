import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { runCli } from '../support/cli';
import { seedComplete, seedCompleteChanged } from '../support/seed-diff';
import { describeWithShared } from '../support/shared';

// `cdk8s-gateway diff OLD NEW` through the built binary, on the seed guide's complete example (read from the guide at
// test time and written as YAML) and a changed copy: a backend swapped, weights moved, a hostname added, an Exact match
// widened to a prefix.

const yamlOf = (objects: unknown[]) => objects.map((o) => stringify(o)).join('---\n');

describeWithShared('cdk8s-gateway diff on the seed\'s complete example', (shared) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-cli-'));
  const base = path.join(dir, 'base');
  const head = path.join(dir, 'head');
  const same = path.join(dir, 'same');
  for (const d of [base, head, same]) fs.mkdirSync(d);
  fs.writeFileSync(path.join(base, 'complete.yaml'), yamlOf(seedComplete(shared)));
  fs.writeFileSync(path.join(same, 'complete.yaml'), yamlOf(seedComplete(shared)));
  const changedFile = path.join(head, 'complete.yaml');
  fs.writeFileSync(changedFile, yamlOf(seedCompleteChanged(shared)));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--json: { requests, changes, statusChanges }, each effect with before and after, nothing for untouched hosts', () => {
    const r = runCli(['diff', base, head, '--assume-missing', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['requests', 'changes', 'statusChanges']);
    expect(out.statusChanges).toEqual([]);
    const by = (url: string) => out.changes.find((c: any) => c.request.url === url);
    expect(Object.keys(by('https://api.example.com/v2'))).toEqual(['request', 'gateway', 'listener', 'before', 'after', 'cause']);
    expect(by('https://api.example.com/v2')).toMatchObject({
      request: { url: 'https://api.example.com/v2', method: 'GET', headers: {} },
      gateway: 'gateway-system/production-gateway',
      listener: 'https',
      before: { outcome: 'forwarded', status: 200, backend: 'production/api-v2:80', split: { 'production/api-v2:80': 1 }, redirect: null },
      after: { outcome: 'forwarded', status: 200, backend: 'production/api-v2-new:80', split: { 'production/api-v2-new:80': 1 }, redirect: null },
      cause: { before: { kind: 'HTTPRoute', namespace: 'production', name: 'api', rule: 0 }, after: { name: 'api', rule: 0 } },
    });
    expect(by('https://api.example.com/v1')).toMatchObject({
      before: { backend: null, split: { 'production/api-v1-stable:80': 0.95, 'production/api-v1-canary:80': 0.05 } },
      after: { backend: null, split: { 'production/api-v1-stable:80': 0.8, 'production/api-v1-canary:80': 0.2 } },
    });
    expect(by('https://shop.example.com/')).toMatchObject({ before: { outcome: 'no-route', status: 404 }, after: { outcome: 'forwarded', backend: 'production/frontend:80' }, cause: { before: null } });
    expect(by('https://host.example.com/healthz/witness')).toMatchObject({ before: { outcome: 'no-route' }, after: { backend: 'gateway-system/health-service:80' } });
    const hosts = new Set(out.changes.map((c: any) => new URL(c.request.url).hostname));
    expect([...hosts].sort()).toEqual(['api.example.com', 'host.example.com', 'shop.example.com']);
  });

  test('--exit-code: 0 on identical inputs, 1 on changed ones; without it 0 either way', () => {
    expect(runCli(['diff', base, same, '--assume-missing', '--exit-code']).code).toBe(0);
    expect(runCli(['diff', base, head, '--assume-missing', '--exit-code']).code).toBe(1);
    expect(runCli(['diff', base, head, '--assume-missing']).code).toBe(0);
    const identical = runCli(['diff', base, same, '--assume-missing', '--json', '--exit-code']);
    expect(JSON.parse(identical.stdout)).toMatchObject({ changes: [], statusChanges: [] });
  });

  test('--markdown: a table fit for a pull-request comment', () => {
    const r = runCli(['diff', base, head, '--assume-missing', '--markdown']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\*\*Routing diff:\*\* 20 of \d+ requests change, 0 status changes\.$/);
    expect(lines).toContain('| Gateway | Host | Request | Before | After | Decided by |');
    expect(lines).toContain('|---|---|---|---|---|---|');
    expect(lines).toContain('| gateway-system/production-gateway | api.example.com | `GET https://api.example.com/v2` | forwarded 200 to production/api-v2:80 | forwarded 200 to production/api-v2-new:80 | HTTPRoute production/api rule 0 |');
    expect(lines.filter((l) => l.startsWith('| gateway-system/'))).toHaveLength(20);
    expect(runCli(['diff', base, same, '--assume-missing', '--markdown']).stdout).toMatch(/^\*\*Routing diff:\*\* no routing changes \(\d+ requests compared\)\.\n$/);
  });

  test('text: grouped by Gateway, host and cause; a file and - (standard input) as inputs', () => {
    const r = runCli(['diff', base, '-', '--assume-missing'], { input: fs.readFileSync(changedFile, 'utf8') });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Gateway gateway-system/production-gateway\n  host api.example.com\n    HTTPRoute production/api rule 0\n')).toBe(true);
    expect(r.stdout).toContain('  host shop.example.com\n    (no route) → HTTPRoute production/frontend rule 0\n');
    expect(r.stdout).not.toContain('www.example.com');
    expect(runCli(['diff', path.join(base, 'complete.yaml'), changedFile, '--assume-missing']).stdout).toBe(r.stdout);
  });

  test('load options: --gateway limits the diff (an unknown one is an input error), --channel is taken, bad combinations are usage errors', () => {
    expect(runCli(['diff', base, head, '--assume-missing', '--gateway', 'gateway-system/production-gateway', '--exit-code', '--channel', 'standard']).code).toBe(1);
    const unknown = runCli(['diff', base, head, '--assume-missing', '--gateway', 'infra/none']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--gateway infra/none: no such Gateway in either version (Gateways: gateway-system/production-gateway)');
    const both = runCli(['diff', base, head, '--json', '--markdown']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and --markdown cannot be given together');
    expect(runCli(['diff', '-', '-']).stderr).toContain('OLD and NEW cannot both be -');
    const missing = runCli(['diff', base, path.join(dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere');
  });

  test('without --assume-missing the absent GatewayClass is hinted, naming the version', () => {
    const r = runCli(['diff', base, head]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/cdk8s-gateway: note: OLD \(.*base\): /);
  });
});

describe('cdk8s-gateway diff: what could not be sampled', () => {
  const doc = (backend: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: x
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: infra }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [r.test]
  rules:
    - matches: [{ path: { type: RegularExpression, value: '\\pL+' } }]
      backendRefs: [{ name: ${backend}, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /api } }]
      backendRefs: [{ name: ${backend}, port: 80 }]
`;

  test('--json keeps standard output JSON and says on standard error which pattern was too complex to sample', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-notes-'));
    try {
      fs.writeFileSync(path.join(dir, 'old.yaml'), doc('one'));
      fs.writeFileSync(path.join(dir, 'new.yaml'), doc('two'));
      const r = runCli(['diff', path.join(dir, 'old.yaml'), path.join(dir, 'new.yaml'), '--assume-missing', '--json', '--exit-code']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout);
      expect(out.changes.map((c: any) => c.request.url)).toContain('http://r.test/api');
      expect(r.stderr).toContain('cdk8s-gateway: note: HTTPRoute infra/r rule 0 match 0: path regular expression "\\\\pL+" is too complex to sample; requests it alone matches are not compared');
      const text = runCli(['diff', path.join(dir, 'old.yaml'), path.join(dir, 'new.yaml'), '--assume-missing']);
      expect(text.stdout).toContain('Not compared\n  HTTPRoute infra/r rule 0 match 0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
