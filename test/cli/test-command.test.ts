import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, runCli } from '../support/cli';

const COMPLETE = fixture('seed/complete');

describe('cdk8s-gateway test (built binary, the seed guide\'s complete example)', () => {
  test('every expectation met: one PASS line per test, a summary, exit 0', () => {
    const r = runCli(['test', fixture('routing-tests/complete.yaml'), COMPLETE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'PASS v2 API',
      'PASS everything else on the API is rewritten under /v1',
      'PASS the website',
      'PASS health check on another subdomain',
      '4 passed, 0 failed (4 tests)',
      '',
    ].join('\n'));
  });

  test('failures say what happened instead, with the explain trace; exit 1', () => {
    const r = runCli(['test', fixture('routing-tests/complete-failing.yaml'), COMPLETE]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('PASS the v2 API still works');
    expect(lines[1]).toBe('FAIL health check on the API host');
    expect(lines[2]).toBe('  should reach gateway-system/health-service, but it was forwarded to production/api-v1-stable:80 (status 200)');
    expect(lines).toContain('    | hostname api.example.com: HTTPRoute production/api rule 2 match 0 [PathPrefix /] wins');
    expect(lines).toContain('FAIL the bare domain serves the website');
    expect(lines).toContain('  status should be 200, but it got status 404 (no-route)');
    expect(lines[lines.length - 2]).toBe('1 passed, 2 failed (3 tests)');
  });

  test('--json: { passed, failed, tests }', () => {
    const r = runCli(['test', '--json', fixture('routing-tests/complete-failing.yaml'), COMPLETE]);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ passed: 1, failed: 2 });
    expect(report.tests[1]).toMatchObject({ name: 'health check on the API host', passed: false, actual: { outcome: 'forwarded', status: 200, backend: 'production/api-v1-stable:80' } });
  });

  test('a spec that breaks the shipped JSON Schema is an input error naming file and field (exit 2)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-'));
    try {
      const spec = path.join(dir, 'spec.yaml');
      fs.writeFileSync(spec, "tests:\n  - name: a\n    request: { url: 'ftp://x/' }\n    expect: { backend: 'no-namespace', colour: red }\n");
      const r = runCli(['test', spec, COMPLETE]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n').sort()).toEqual([
        `cdk8s-gateway: ${spec}: tests[0].expect.backend: must be 'namespace/name' or 'namespace/name:port'`,
        `cdk8s-gateway: ${spec}: tests[0].expect: unknown property 'colour'`,
        `cdk8s-gateway: ${spec}: tests[0].request.url: must be an absolute http:// or https:// URL`,
      ].sort());
      fs.writeFileSync(spec, 'tests:\n  - name: a\n    request: { url: "http://a.example.com/" }\n    expect: {}\n');
      expect(runCli(['test', spec, COMPLETE]).stderr).toBe(`cdk8s-gateway: ${spec}: tests[0].expect: must NOT have fewer than 1 properties\n`);
      expect(runCli(['test', path.join(dir, 'none.yaml'), COMPLETE]).stderr).toBe(`cdk8s-gateway: ${path.join(dir, 'none.yaml')}: cannot read: no such file\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the JSON Schema ships in the package', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    expect(pkg.files).toContain('schemas');
    expect(pkg.exports['./schemas/routing-tests.schema.json']).toBe('./schemas/routing-tests.schema.json');
  });
});
