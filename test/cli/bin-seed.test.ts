import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeWithShared } from '../support/shared';

// Every command of the installed binary (bin/cdk8s-gateway.js on the compiled lib/), end to end, on the seed
// guide's objects saved as plain YAML (test/fixtures/seed: written by hand from the guide, not by this library).

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'cdk8s-gateway.js');
const complete = path.join('test', 'fixtures', 'seed', 'complete');
const guide = path.join('test', 'fixtures', 'seed', 'guide');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the binary on the seed guide\'s YAML', () => {
  test('route: where GET https://api.example.com/v2/users goes, as text and as JSON', () => {
    const text = run('route', complete, '--url', 'https://api.example.com/v2/users', '--assume-missing');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('→ forwarded 200 to production/api-v2:80');
    expect(text.stdout).toContain('SNI api.example.com selects listener https (hostname *.example.com) of gateway-system/production-gateway');

    const json = run('route', complete, '--url', 'https://api.example.com/orders', '--header', 'X-Canary: always', '--assume-missing', '--json');
    expect(json.status).toBe(0);
    const r = JSON.parse(json.stdout);
    expect(Object.keys(r)).toEqual(['outcome', 'status', 'backend', 'request', 'responseHeaders', 'redirect', 'route', 'explain', 'split']);
    // /orders falls to the catch-all rule, which rewrites the path under /v1 for the stable API
    expect(r).toMatchObject({ outcome: 'forwarded', status: 200, backend: { namespace: 'production', name: 'api-v1-stable', port: 80 }, redirect: null });
    expect(r.request.path).toBe('/v1/orders');
  });

  test('route: a request nothing serves is a 404 and still exits 0; a missing --url is a usage error (2)', () => {
    const miss = run('route', complete, '--url', 'http://other.test/', '--assume-missing');
    expect(miss.status).toBe(0);
    expect(miss.stdout).toContain('→ no-route 404');
    expect(run('route', complete).status).toBe(2);
  });

  test('table: every listener and hostname of the complete example, rules in precedence order', () => {
    const r = run('table', complete, '--assume-missing');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Gateway gateway-system/production-gateway (class envoy-gateway)');
    expect(lines.filter((l) => l.startsWith('  listener '))).toEqual([
      '  listener http: HTTP port 80, hostname *.example.com',
      '  listener https: HTTPS port 443, hostname *.example.com, TLS Terminate',
    ]);
    const api = r.stdout.slice(r.stdout.indexOf('host api.example.com'), r.stdout.indexOf('host www.example.com'));
    expect(api.indexOf('PathPrefix /v2')).toBeLessThan(api.indexOf('PathPrefix /v1'));
    expect(api).toContain('backend production/api-v1-canary:80 weight 5 (5%)');
    expect(JSON.parse(run('table', complete, '--assume-missing', '--json').stdout)).toBeInstanceOf(Object);
  });

  test('status: the conditions a controller would write for one route, as text and YAML', () => {
    const r = run('status', complete, '--kind', 'HTTPRoute', '--name', 'production/api');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('parent Gateway gateway-system/production-gateway: Accepted=True, ResolvedRefs=True');
    const yaml = run('status', complete, '--kind', 'Gateway', '-o', 'yaml');
    expect(yaml.status).toBe(0);
    expect(yaml.stdout).toMatch(/type: Programmed\n\s+status: "?True"?/);
  });

  test('graph: Mermaid by default, DOT on request', () => {
    const m = run('graph', complete);
    expect(m.status).toBe(0);
    expect(m.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(m.stdout).toContain('"HTTPRoute production/api"');
    const d = run('graph', complete, '--format', 'dot');
    expect(d.status).toBe(0);
    expect(d.stdout.startsWith('digraph')).toBe(true);
  });

  test('test: the routing-test suite of the complete example passes; a wrong expectation fails with exit 1', () => {
    const ok = run('test', path.join('test', 'fixtures', 'routing-tests', 'complete.yaml'), complete);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trimEnd().split('\n').pop()).toBe('4 passed, 0 failed (4 tests)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-seed-'));
    try {
      const spec = path.join(dir, 'wrong.yaml');
      fs.writeFileSync(spec, "tests:\n  - name: v2 goes to v1 (wrong)\n    request: { url: 'http://api.example.com/v2/users' }\n    expect: { backend: production/api-v1-stable }\n");
      const bad = run('test', spec, complete);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('FAIL v2 goes to v1 (wrong)');
      expect(bad.stdout.trimEnd().split('\n').pop()).toBe('0 passed, 1 failed (1 test)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('validate: the complete example is clean; the guide\'s snippets have the one error they really have', () => {
    expect(run('validate', complete)).toMatchObject({ status: 0, stdout: '0 error(s), 0 warning(s) in 10 object(s) (Gateway API v1.6.1, standard channel)\n' });
    const g = run('validate', guide);
    expect(g.status).toBe(1);
    expect(g.stdout).toContain("error TLSRoute production/tls-passthrough spec.parentRefs[0].sectionName: parentRefs[0] names sectionName 'tls-passthrough'");
    expect(g.stdout.trimEnd().split('\n').pop()).toBe('1 error(s), 3 warning(s) in 15 object(s) (Gateway API v1.6.1, standard channel)');
  });

  test('lint: the complete example\'s routing flaws, exit 1', () => {
    const r = run('lint', complete, '--json');
    expect(r.status).toBe(1);
    const codes = (JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code).sort();
    expect(codes).toEqual(['lint/hostname-not-served', 'lint/rule-shadowed', 'lint/rule-shadowed']);
  });
});

describeWithShared('the binary runs the shared conformance vectors', (shared) => {
  test('conformance --json: every step it runs passes', () => {
    const r = run('conformance', path.join(shared, 'conformance'), '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(2000);
    expect(report.passed + report.failed + report.skipped).toBe(report.steps);
  });
});
