import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliError } from '../../src/cli/cli-error';
import { runLint } from '../../src/cli/lint';
import { DataPlane } from '../../src/testing';
import { fixture, runCli } from '../support/cli';

const COMPLETE = fixture('seed/complete');
const GUIDE = fixture('seed/guide');

describe('cdk8s-gateway lint (built binary, the seed guide\'s objects)', () => {
  test('the complete example: what validate passes silently, lint reports', () => {
    expect(runCli(['validate', COMPLETE]).stdout).toBe('0 error(s), 0 warning(s) in 10 object(s) (Gateway API v1.6.1, standard channel)\n');
    const r = runCli(['lint', '--json', COMPLETE]);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout);
    expect(findings.map((d: any) => [d.code, `${d.object.namespace}/${d.object.name}`, d.field])).toEqual([
      ['lint/rule-shadowed', 'gateway-system/health', 'spec.rules[0].matches[0]'],
      ['lint/rule-shadowed', 'gateway-system/health', 'spec.rules[0].matches[0]'],
      ['lint/hostname-not-served', 'production/frontend', 'spec.hostnames[1]'],
    ]);
    // The health check never reaches health-service for api.example.com (the api route's catch-all takes it)...
    expect(findings[0].message).toMatch(/^rule 0 match 0 \[Exact \/healthz\] never wins for api\.example\.com on listeners http, https of Gateway gateway-system\/production-gateway: HTTPRoute production\/api rule 2 match 0 \[PathPrefix \/\] takes its traffic/);
    // ...nor for www.example.com (the frontend's)...
    expect(findings[1].message).toContain('never wins for www.example.com');
    expect(findings[1].message).toContain('HTTPRoute production/frontend rule 0 match 0 [PathPrefix /] takes its traffic');
    // ...and the bare example.com is outside the *.example.com listeners.
    expect(findings[2].message).toContain("hostname 'example.com' is served by none of the listeners the route is attached to (http: *.example.com; https: *.example.com)");
    expect(findings.every((d: any) => d.severity === 'warning' && d.source.startsWith(`${COMPLETE}/complete-gateway-setup.yaml#`))).toBe(true);
  });

  test('the guide\'s objects: shadowed rules, captured hostnames, unused grants', () => {
    const r = runCli(['lint', '--json', GUIDE, fixture('lint/labelled-namespaces.yaml')]);
    expect(r.code).toBe(1);
    const got = JSON.parse(r.stdout).map((d: any) => `${d.code} ${d.object.kind} ${d.object.namespace}/${d.object.name}`);
    expect(got).toEqual([
      'lint/rule-shadowed HTTPRoute production/header-routing',
      'lint/rule-shadowed HTTPRoute production/query-routing',
      'lint/rule-shadowed HTTPRoute production/redirect-example',
      'lint/hostname-captured HTTPRoute production/canary-release',
      'lint/hostname-captured HTTPRoute production/filter-example',
      'lint/hostname-captured HTTPRoute production/header-routing',
      'lint/hostname-captured HTTPRoute production/query-routing',
      'lint/reference-grant-unused ReferenceGrant gateway-system/allow-production-routes',
      'lint/reference-grant-unused ReferenceGrant production/allow-gateway-to-backends',
    ]);
  });

  test('human output: one line per finding with file:line:col, code last, and a summary', () => {
    const r = runCli(['lint', COMPLETE]);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^test\/fixtures\/seed\/complete\/complete-gateway-setup\.yaml:42:7: warning HTTPRoute production\/frontend spec\.hostnames\[1\]: .* \[lint\/hostname-not-served\]$/);
    expect(lines[3]).toBe('3 finding(s) in 10 object(s)');
  });

  test('without the production namespace\'s label, the routes do not reach the https listeners: no captured hostnames', () => {
    const got = JSON.parse(runCli(['lint', '--json', GUIDE]).stdout).map((d: any) => d.code);
    expect(got).not.toContain('lint/hostname-captured');
    expect(got).toContain('lint/reference-grant-unused');
  });

  test('no findings: exit 0', () => {
    const r = runCli(['lint', fixture('seed/guide/gateway.yaml'), fixture('seed/guide/httproute-canary.yaml')]);
    expect(r.stdout).toBe('0 finding(s) in 2 object(s)\n');
    expect(r.code).toBe(0);
  });
});

describe('runLint (in process)', () => {
  afterEach(() => jest.restoreAllMocks());

  test('loads the data plane once per run, and finds what the binary finds', () => {
    const load = jest.spyOn(DataPlane, '_fromDocuments');
    const out: string[] = [];
    expect(runLint([COMPLETE], { channel: 'standard', json: true }, (t) => out.push(t))).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
    expect(JSON.parse(out.join('')).map((d: any) => d.code)).toEqual(['lint/rule-shadowed', 'lint/rule-shadowed', 'lint/hostname-not-served']);
  });

  test('an object the plane rejects is still an input error naming file, document and field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    try {
      const bad = path.join(dir, 'route.yaml');
      fs.writeFileSync(bad, 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: web, namespace: apps }\nspec:\n  rules: [{ backendRefs: [{ name: api, port: 99999 }] }]\n');
      const out: string[] = [];
      expect(() => runLint([bad], { channel: 'standard', json: true }, (t) => out.push(t))).toThrow(CliError);
      expect(() => runLint([bad], { channel: 'standard', json: true }, (t) => out.push(t))).toThrow(`${bad}#0: error HTTPRoute apps/web spec.rules[0].backendRefs[0].port`);
      expect(out).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
