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
    expect(lines[1]).toBe(`FAIL health check on the API host (${fixture('routing-tests/complete-failing.yaml')}:6:5)`);
    expect(lines[2]).toBe('  should reach gateway-system/health-service, but it was forwarded to production/api-v1-stable:80 (status 200)');
    expect(lines).toContain('    | hostname api.example.com: HTTPRoute production/api rule 2 match 0 [PathPrefix /] wins');
    expect(lines).toContain(`FAIL the bare domain serves the website (${fixture('routing-tests/complete-failing.yaml')}:9:5)`);
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
      // In position order, each at the line and column of the field it names (an unknown property: its key).
      expect(r.stderr.trim().split('\n')).toEqual([
        `cdk8s-gateway: ${spec}:3:16: tests[0].request.url: must be an absolute URL of a scheme route accepts: http, https, grpc, grpcs, tls, tcp, udp ` +
          '(e.g. https://www.example.com/cart, grpc://api.example.com/echo.Echo/Say, tcp://:5432)',
        `cdk8s-gateway: ${spec}:4:15: tests[0].expect.backend: must be 'namespace/name' or 'namespace/name:port'`,
        `cdk8s-gateway: ${spec}:4:40: tests[0].expect: unknown property 'colour'`,
      ]);
      fs.writeFileSync(spec, 'tests:\n  - name: a\n    request: { url: "http://a.example.com/" }\n    expect: {}\n');
      expect(runCli(['test', spec, COMPLETE]).stderr).toBe(`cdk8s-gateway: ${spec}:4:5: tests[0].expect: must NOT have fewer than 1 properties\n`);
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

describe('cdk8s-gateway test: weighted splits are never one backend', () => {
  const SPLITS = fixture('routing-tests/splits/manifests.yaml');

  test('expect.split passes when every share is right (a single backend is a split of 1, a weight-0 backend may be listed at 0)', () => {
    const r = runCli(['test', fixture('routing-tests/splits/passing.yaml'), SPLITS]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'PASS the canary takes 10%',
      'PASS a backend of weight 0 may be listed at 0',
      'PASS one backend is a split of 1',
      'PASS two ports of one Service',
      '4 passed, 0 failed (4 tests)',
      '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  test('each wrong split fails with the shares; backend on a split fails; exit 1', () => {
    const r = runCli(['test', fixture('routing-tests/splits/failing.yaml'), SPLITS]);
    expect(r.code).toBe(1);
    const failures = r.stdout.split('\n').filter((l) => /^(FAIL|PASS|  \S)/.test(l));
    expect(failures).toEqual([
      `FAIL a wrong share (${fixture('routing-tests/splits/failing.yaml')}:5:5)`,
      '  should split { shop/web: 0.8, shop/web-v2: 0.2 }, but the traffic goes: 90% to shop/web, 10% to shop/web-v2; shop/web: expected 0.8, got 0.9; shop/web-v2: expected 0.2, got 0.1',
      `FAIL a backend that takes traffic left out (${fixture('routing-tests/splits/failing.yaml')}:8:5)`,
      '  should split { shop/web: 0.9 }, but the traffic goes: 90% to shop/web, 10% to shop/web-v2; shop/web-v2 takes 0.1 of the traffic but is not listed (every backend that takes traffic must be listed)',
      `FAIL a listed backend that takes no traffic (${fixture('routing-tests/splits/failing.yaml')}:11:5)`,
      '  should split { shop/web: 0.5, shop/web-v2: 0.5 }, but the traffic goes: 100% to shop/web; shop/web: expected 0.5, got 1; shop/web-v2: expected 0.5, but it takes no traffic',
      `FAIL backend on a split (${fixture('routing-tests/splits/failing.yaml')}:14:5)`,
      '  should reach shop/web, but the rule splits the traffic: 90% to shop/web, 10% to shop/web-v2 (expect a split with split:)',
      `FAIL one port of a Service reached on two (${fixture('routing-tests/splits/failing.yaml')}:17:5)`,
      '  should reach shop/web:80, but the rule splits the traffic: 50% to shop/web:80, 50% to shop/web:8080 (expect a split with split:)',
    ]);
    expect(r.stdout).toMatch(/\n0 passed, 5 failed \(5 tests\)\n$/);
  });

  test('--json: actual.split gives the fractions of a split, and is absent for one backend', () => {
    const report = JSON.parse(runCli(['test', '--json', fixture('routing-tests/splits/failing.yaml'), SPLITS]).stdout);
    expect(report.tests[0].actual).toEqual({ outcome: 'forwarded', status: 200, backend: 'shop/web:80', split: { 'shop/web': 0.9, 'shop/web-v2': 0.1 } });
    expect(report.tests[2].actual).toEqual({ outcome: 'forwarded', status: 200, backend: 'shop/web:80' });
  });

  test("the spec's assumeMissing is honoured: without it the Services are missing and the tests fail", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-'));
    try {
      const spec = path.join(dir, 'spec.yaml');
      const test = "tests:\n  - name: single\n    request: { url: 'http://single.example.com/' }\n    expect: { backend: shop/web, status: 200 }\n";
      fs.writeFileSync(spec, `assumeMissing: true\n${test}`);
      expect(runCli(['test', spec, SPLITS])).toMatchObject({ code: 0, stdout: 'PASS single\n1 passed, 0 failed (1 test)\n' });
      fs.writeFileSync(spec, `assumeMissing: false\n${test}`);
      const without = runCli(['test', spec, SPLITS]);
      expect(without.code).toBe(1);
      expect(without.stdout.split('\n')[0]).toBe(`FAIL single (${spec}:3:5)`);
      // The command-line flag stands in for it too.
      expect(runCli(['test', '--assume-missing', spec, SPLITS]).code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a malformed split is an input error naming file and field (exit 2)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-'));
    try {
      const spec = path.join(dir, 'spec.yaml');
      fs.writeFileSync(spec, "tests:\n  - name: a\n    request: { url: 'http://a.example.com/' }\n    expect: { split: { 'shop/web': 90, 'web': 0.1 } }\n");
      const r = runCli(['test', spec, SPLITS]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([
        `cdk8s-gateway: ${spec}:4:24: tests[0].expect.split['shop/web']: a share is a fraction from 0 to 1 (0.9 for 90%)`,
        `cdk8s-gateway: ${spec}:4:40: tests[0].expect.split: key 'web' must be 'namespace/name', 'namespace/name:port' or an outcome such as '(500)'`,
      ]);
      fs.writeFileSync(spec, "tests:\n  - name: a\n    request: { url: 'http://a.example.com/' }\n    expect: { split: { 'shop/web': 0.5, 'shop/web:80': 0.5 } }\n");
      expect(runCli(['test', spec, SPLITS]).stderr).toBe(`cdk8s-gateway: ${spec}:4:15: tests[0].expect.split: split lists both 'shop/web' and 'shop/web:80'; list a Service either as a whole or per port\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
