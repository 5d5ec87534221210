import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { fixture, runCli } from '../support/cli';
import { sharedDir } from '../support/shared';

const DONE_WHEN = fixture('compat', 'done-when.yaml');
const USED = [
  'BackendTLSPolicy', 'GRPCRoute', 'Gateway', 'GatewayPort8080', 'HTTPRoute', 'HTTPRoute303RedirectStatusCode', 'HTTPRouteCORS', 'HTTPRouteMethodMatching',
  'HTTPRoutePathRewrite', 'HTTPRouteQueryParamMatching', 'HTTPRouteRequestMirror', 'HTTPRouteResponseHeaderModification',
];

describe('cdk8s-gateway compat (spawned binary) on the issue\'s "Done when" manifests', () => {
  let json: any;
  beforeAll(() => {
    const r = runCli(['compat', DONE_WHEN, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    json = JSON.parse(r.stdout);
  });

  test('--json names each feature used, with its channel and where', () => {
    expect(Object.keys(json)).toEqual(['features', 'implementations']);
    expect(json.features.map((f: any) => f.name)).toEqual(USED);
    expect(json.features.find((f: any) => f.name === 'HTTPRouteCORS')).toEqual({
      name: 'HTTPRouteCORS',
      channel: 'standard',
      usedBy: [{ kind: 'HTTPRoute', namespace: 'apps', name: 'web', field: 'spec.rules[0].filters[1]' }],
    });
    expect(json.features.find((f: any) => f.name === 'GatewayPort8080').usedBy).toEqual([{ kind: 'Gateway', namespace: 'infra', name: 'edge', field: 'spec.listeners[0].port' }]);
    expect(json.features.find((f: any) => f.name === 'HTTPRoute303RedirectStatusCode').usedBy[0].field).toBe('spec.rules[1].filters[0].requestRedirect.statusCode');
    // Features the manifests do not use are absent.
    for (const absent of ['HTTPRouteRequestMultipleMirrors', 'HTTPRouteHostRewrite', 'HTTPRoute307RedirectStatusCode', 'BackendTLSPolicySANValidation', 'TLSRoute']) {
      expect(json.features.map((f: any) => f.name)).not.toContain(absent);
    }
  });

  test('--json gives every implementation with exactly the used features its report does not claim', () => {
    const row = (project: string, mode = 'default') => json.implementations.find((i: any) => i.project === project && i.mode === mode);
    expect(Object.keys(row('envoy-gateway'))).toEqual(['project', 'version', 'mode', 'channel', 'gatewayAPIVersion', 'date', 'missing']);
    expect(row('envoy-gateway')).toEqual({ project: 'envoy-gateway', version: 'v1.9.0', mode: 'default', channel: 'experimental', gatewayAPIVersion: 'v1.6.1', date: '2026-08-18T14:04:23+02:00', missing: [] });
    // gke-gateway lists 303, CORS, method match and path rewrite as unsupported, and has no GATEWAY-GRPC profile.
    expect(row('gke-gateway').missing).toEqual(['GRPCRoute', 'HTTPRoute303RedirectStatusCode', 'HTTPRouteCORS', 'HTTPRouteMethodMatching', 'HTTPRoutePathRewrite']);
    // traefik's GATEWAY-HTTP core is partial (a skipped test): HTTPRoute is not claimed; Gateway is, by its GATEWAY-GRPC core.
    expect(row('traefik').missing).toEqual(['HTTPRoute', 'HTTPRouteCORS', 'HTTPRouteRequestMirror']);
    expect(row('kong-operator', 'expressions').missing).toEqual(['BackendTLSPolicy', 'GRPCRoute', 'HTTPRoute303RedirectStatusCode', 'HTTPRouteCORS', 'HTTPRouteRequestMirror']);
    expect(row('cilium')).toMatchObject({ channel: 'experimental+standard', missing: [] });
    for (const i of json.implementations) for (const m of i.missing) expect(USED).toContain(m);
  });

  test('for every implementation, missing is exactly the used features its reports (read here from the YAML) do not claim', () => {
    const shared = sharedDir('compat cross-check against the report YAML');
    if (!shared) return;
    const root = path.join(shared, 'gateway-api/v1.6.1/conformance-reports');
    const reports: any[] = [];
    for (const minor of fs.readdirSync(root)) {
      for (const impl of fs.readdirSync(path.join(root, minor))) {
        for (const f of fs.readdirSync(path.join(root, minor, impl)).filter((x) => x.endsWith('.yaml'))) reports.push(YAML.parse(fs.readFileSync(path.join(root, minor, impl, f), 'utf8')));
      }
    }
    const core: Record<string, string[]> = { 'GATEWAY-HTTP': ['Gateway', 'ReferenceGrant', 'HTTPRoute'], 'GATEWAY-GRPC': ['Gateway', 'ReferenceGrant', 'GRPCRoute'], 'GATEWAY-TLS': ['Gateway', 'ReferenceGrant', 'TLSRoute'] };
    expect(json.implementations.length).toBeGreaterThan(15);
    for (const i of json.implementations) {
      const mine = reports.filter((r) => r.implementation.project === i.project && r.mode === i.mode && String(r.implementation.version) === i.version && r.gatewayAPIVersion === i.gatewayAPIVersion);
      expect(mine.length).toBeGreaterThan(0);
      const claimed = new Set<string>();
      for (const r of mine) {
        for (const p of r.profiles ?? []) {
          for (const f of p.extended?.supportedFeatures ?? []) claimed.add(f);
          if (p.core?.result === 'success') for (const f of core[p.name] ?? []) claimed.add(f);
        }
      }
      expect({ project: i.project, mode: i.mode, missing: i.missing }).toEqual({ project: i.project, mode: i.mode, missing: USED.filter((f) => !claimed.has(f)) });
    }
  });

  test('--implementation: exit 1 when one does not claim a used feature, naming feature and objects', () => {
    const r = runCli(['compat', DONE_WHEN, '--implementation', 'envoy-gateway', '--implementation', 'traefik']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/traefik\s+default\s+v3\.7\.10\s+v1\.6\.1\s+experimental\s+2026-07-30\s+HTTPRoute, HTTPRouteCORS, HTTPRouteRequestMirror/);
    expect(r.stdout).not.toContain('gke-gateway');
    expect(r.stderr).toContain('traefik: HTTPRouteCORS not claimed by its conformance report (v3.7.10, 2026-07-30); used by HTTPRoute apps/web spec.rules[0].filters[1]');
    expect(r.stderr).not.toContain('envoy-gateway:');
  });

  test('--implementation: exit 0 when each claims every used feature', () => {
    const r = runCli(['compat', DONE_WHEN, '--implementation', 'envoy-gateway', '--implementation', 'kgateway', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).implementations.map((i: any) => [i.project, i.missing])).toEqual([['envoy-gateway', []], ['kgateway', []]]);
  });

  test('--implementation project/mode, and a project without default mode: exit 2 listing its modes', () => {
    expect(runCli(['compat', DONE_WHEN, '--implementation', 'envoy-gateway/gateway-namespace-mode']).code).toBe(0);
    const r = runCli(['compat', DONE_WHEN, '--implementation', 'kong-operator']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cdk8s-gateway: --implementation: implementation 'kong-operator': it published no report in mode default; name one of its modes: kong-operator/expressions, kong-operator/traditional_compatible\n");
  });

  test('the table marks what each implementation does not claim', () => {
    const r = runCli(['compat', DONE_WHEN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Features used (12):');
    expect(r.stdout).toMatch(/HTTPRouteQueryParamMatching\s+standard\s+HTTPRoute apps\/web spec\.rules\[0\]\.matches\[0\]\.queryParams/);
    expect(r.stdout).toMatch(/envoy-gateway\s+default\s+v1\.9\.0\s+v1\.6\.1\s+experimental\s+2026-08-18\s+-\n/);
    expect(r.stdout).not.toMatch(/unsupported/i);
  });

  test('validate --implementation: compat/feature-not-claimed warnings on the object and field; errors with --fail-on-warnings', () => {
    const r = runCli(['validate', DONE_WHEN, '--implementation', 'gke-gateway', '--json']);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout).filter((d: any) => d.code === 'compat/feature-not-claimed');
    expect(found.map((d: any) => `${d.object.kind}/${d.object.name} ${d.field ?? ''}`)).toEqual([
      'HTTPRoute/web spec.rules[0].matches[0].method',
      'HTTPRoute/web spec.rules[0].filters[1]',
      'HTTPRoute/web spec.rules[0].filters[2].urlRewrite.path',
      'HTTPRoute/web spec.rules[1].filters[0].requestRedirect.statusCode',
      'GRPCRoute/rpc ',
    ]);
    expect(found[1].message).toBe('uses HTTPRouteCORS; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)');
    expect(found.every((d: any) => d.severity === 'warning')).toBe(true);
    expect(runCli(['validate', DONE_WHEN, '--implementation', 'gke-gateway', '--fail-on-warnings']).code).toBe(1);
    expect(runCli(['validate', DONE_WHEN, '--implementation', 'envoy-gateway', '--fail-on-warnings']).code).toBe(0);
    const none = JSON.parse(runCli(['validate', DONE_WHEN, '--json']).stdout);
    expect(none.filter((d: any) => d.code === 'compat/feature-not-claimed')).toEqual([]);
  });

  test('validate --implementation with an unknown project: exit 2 naming the known ones', () => {
    const r = runCli(['validate', DONE_WHEN, '--implementation', 'nginx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--implementation: implementation 'nginx': no conformance report of project 'nginx'; known projects: .*nginx-gateway-fabric/);
  });

  test('the config file\'s implementation applies to validate and compat; --implementation wins; an unknown one names the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-config-'));
    const config = path.join(dir, 'gke.yaml');
    fs.writeFileSync(config, 'implementation: gke-gateway\n');
    try {
      const validated = JSON.parse(runCli(['validate', DONE_WHEN, '--config', config, '--json']).stdout);
      expect(validated.filter((d: any) => d.code === 'compat/feature-not-claimed')).toHaveLength(5);
      const compat = runCli(['compat', DONE_WHEN, '--config', config, '--json']);
      expect(compat.code).toBe(1);
      expect(JSON.parse(compat.stdout).implementations.map((i: any) => i.project)).toEqual(['gke-gateway']);
      expect(runCli(['compat', DONE_WHEN, '--config', config, '--implementation', 'envoy-gateway']).code).toBe(0);
      const bad = path.join(dir, 'bad.yaml');
      fs.writeFileSync(bad, 'implementation: nope\n');
      const r = runCli(['validate', DONE_WHEN, '--config', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^cdk8s-gateway: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: implementation: implementation 'nope': no conformance report of project 'nope'; known projects: `));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
