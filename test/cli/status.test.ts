import * as YAML from 'yaml';
import { fixture, runCli } from '../support/cli';

const COMPLETE = fixture('seed/complete');

describe('cdk8s-gateway status (built binary, the seed guide\'s complete example)', () => {
  test('human output: every Gateway API object with its conditions; problems say why', () => {
    const r = runCli(['status', COMPLETE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines).toContain('Gateway gateway-system/production-gateway (test/fixtures/seed/complete/complete-gateway-setup.yaml#0)');
    expect(lines).toContain('  listener http: 3 route(s) attached; ResolvedRefs=True, Accepted=True, Conflicted=False, Programmed=True');
    expect(r.stdout).toContain('listener https: 3 route(s) attached; ResolvedRefs=False (InvalidCertificateRef: Secret gateway-system/wildcard-example-com does not exist)');
    expect(lines).toContain('HTTPRoute production/api (test/fixtures/seed/complete/complete-gateway-setup.yaml#2)');
    expect(lines).toContain('  parent Gateway gateway-system/production-gateway: Accepted=True, ResolvedRefs=True');
    expect(lines).toContain('GatewayClass envoy-gateway (test/fixtures/seed/complete/support.yaml#0)');
  });

  test('--json: kind, namespace, name, source and the status as a controller writes it, sorted like the text output (kind, namespace, name)', () => {
    const r = runCli(['status', '--json', COMPLETE]);
    const all = JSON.parse(r.stdout);
    expect(all.map((o: any) => `${o.kind} ${o.namespace ?? ''}/${o.name}`)).toEqual([
      'GatewayClass /envoy-gateway', 'Gateway gateway-system/production-gateway',
      'HTTPRoute gateway-system/health', 'HTTPRoute production/api', 'HTTPRoute production/frontend',
    ]);
    const text = runCli(['status', COMPLETE]).stdout.split('\n').filter((l) => /^[A-Z]/.test(l)).map((l) => l.replace(/ \(.*$/, ''));
    expect(text).toEqual(all.map((o: any) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`));
    const health = all.find((o: any) => o.name === 'health');
    expect(health.status.parents[0].conditions.find((c: any) => c.type === 'Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' });
  });

  test('--kind and --name pick one object; an unknown one is an input error listing those there are', () => {
    const r = runCli(['status', '--json', '--kind', 'HTTPRoute', '--name', 'production/api', COMPLETE]);
    expect(JSON.parse(r.stdout).map((o: any) => o.name)).toEqual(['api']);
    const kinds = JSON.parse(runCli(['status', '--json', '--kind', 'HTTPRoute', COMPLETE]).stdout).map((o: any) => o.name);
    expect(kinds).toEqual(['health', 'api', 'frontend']);
    const missing = runCli(['status', '--kind', 'HTTPRoute', '--name', 'production/nope', COMPLETE]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('cdk8s-gateway: no HTTPRoute production/nope with a status among the objects (HTTPRoute: production/frontend, production/api, gateway-system/health)\n');
    expect(runCli(['status', '--name', 'production/api', COMPLETE]).code).toBe(2);
  });

  test('-o yaml prints the input objects with their status filled in (others unchanged)', () => {
    const r = runCli(['status', '-o', 'yaml', COMPLETE]);
    expect(r.code).toBe(0);
    const docs = YAML.parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(docs).toHaveLength(10);
    const gw = docs.find((d) => d.kind === 'Gateway');
    expect(gw.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(gw.status.listeners.map((l: any) => [l.name, l.attachedRoutes])).toEqual([['http', 3], ['https', 3]]);
    const svc = docs.find((d) => d.kind === 'Service');
    expect(svc.status).toBeUndefined();
    const one = YAML.parseAllDocuments(runCli(['status', '-o', 'yaml', '--kind', 'HTTPRoute', '--name', 'gateway-system/health', COMPLETE]).stdout);
    expect(one.map((d) => d.toJS().metadata.name)).toEqual(['health']);
  });

  test('without its GatewayClass a Gateway gets no status, and says so; --assume-missing stands one in', () => {
    const file = fixture('seed/complete/complete-gateway-setup.yaml');
    expect(runCli(['status', file]).stdout).toContain('no status: the data plane does not reconcile it');
    const assumed = JSON.parse(runCli(['status', '--json', '--assume-missing', file]).stdout);
    expect(assumed[0].status.conditions.find((c: any) => c.type === 'Accepted').status).toBe('True');
  });
});
