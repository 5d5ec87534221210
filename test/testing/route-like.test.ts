import '../../src/jest';
import { ApiObject, Testing } from 'cdk8s';
import { testing } from '../../src';
import { toRouteLike } from '../../src/testing/matchers';
import { seedComplete, seedCompleteChanged } from '../support/seed-diff';
import { describeWithShared } from '../support/shared';

const load = (objects: unknown[]) => testing.DataPlane.fromManifests(objects, { assumeMissing: true });

describeWithShared('toRouteLike on the seed guide\'s complete example', (shared) => {
  const before = seedComplete(shared);
  const after = seedCompleteChanged(shared);

  test('passes on an identical copy (planes, and a Chart of the same objects)', () => {
    expect(load(JSON.parse(JSON.stringify(before)))).toRouteLike(load(before));
    const chart = Testing.chart();
    before.forEach((o, i) => new ApiObject(chart, `o${i}`, o));
    expect(chart).toRouteLike(load(before));
  });

  test('fails on the changed copy, listing each change grouped by Gateway, host and cause; .not passes', () => {
    expect(load(after)).not.toRouteLike(load(before));
    let message = '';
    try {
      expect(load(after)).toRouteLike(load(before));
    } catch (e) {
      message = String((e as Error).message);
    }
    expect(message).toMatch(/^Expected routing like the reference \(\d+ witness requests compared\)\nInstead: 20 requests change, 0 status changes:\n {2}Gateway gateway-system\/production-gateway\n {4}host api\.example\.com\n/);
    expect(message).toContain('        GET https://api.example.com/v2\n          backends: production/api-v2:80 → production/api-v2-new:80');
    expect(message).toContain('95% production/api-v1-stable:80, 5% production/api-v1-canary:80 → 80% production/api-v1-stable:80, 20% production/api-v1-canary:80');
    expect(message).toContain('    host shop.example.com\n      (no route) → HTTPRoute production/frontend rule 0');
    expect(message).toContain('GET https://host.example.com/healthz/witness\n          outcome: no-route 404 → forwarded 200');
    expect(message).not.toContain('www.example.com');
  });

  test('options as routingDiff takes them: one Gateway only (a Gateway in neither version is an error)', () => {
    expect(load(after)).not.toRouteLike(load(before), { gateway: 'gateway-system/production-gateway' });
    expect(() => expect(load(after)).toRouteLike(load(before), { gateway: 'gateway-system/other' })).toThrow(/gateway gateway-system\/other is in neither version/);
  });

  test('.not fails on an identical copy, saying so', () => {
    expect(() => expect(load(before)).not.toRouteLike(load(before))).toThrow(/Expected routing to differ from the reference, but each of \d+ witness requests gets the same decision and no status changed/);
  });

  test('pin today\'s routing, then review each intended change: only the reviewed change differs', () => {
    const swapped = JSON.parse(JSON.stringify(before));
    swapped.find((o: any) => o.metadata.name === 'api').spec.rules[0].backendRefs[0].name = 'api-v2-new';
    const diff = testing.routingDiff(load(before), load(swapped));
    expect(new Set(diff.changes.map((c) => `${c.before.backend} -> ${c.after.backend}`))).toEqual(new Set(['production/api-v2:80 -> production/api-v2-new:80']));
  });

  test('a status change alone fails the matcher', () => {
    const withRoute = [...before, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'orphan', namespace: 'production' },
      spec: { parentRefs: [{ name: 'production-gateway', namespace: 'gateway-system', sectionName: 'none' }], rules: [{ backendRefs: [{ name: 'frontend', port: 80 }] }] },
    }];
    const outcome = toRouteLike(load(withRoute), load(before));
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toContain('Instead: 0 requests change, 2 status changes:');
    expect(outcome.message()).toContain('HTTPRoute production/orphan parent Gateway gateway-system/production-gateway section none: Accepted (absent) → False (NoMatchingParent)');
  });
});

describe('toRouteLike: the counts in its message', () => {
  const G = 'gateway.networking.k8s.io/v1';
  const objects = (backend: string) => [
    { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } },
    { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'web' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'web2' }, spec: { ports: [{ port: 80 }] } },
    {
      apiVersion: G,
      kind: 'HTTPRoute',
      metadata: { namespace: 'apps', name: 'web' },
      spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['www.example.com'], rules: [{ matches: [{ path: { type: 'Exact', value: '/x' } }], backendRefs: [{ name: backend, port: 80 }] }] },
    },
  ];
  const plane = (backend: string) => testing.DataPlane.fromManifests(objects(backend));

  test('one request change is "1 request change", in the singular; the lines end with the summary, no blank line', () => {
    const m = toRouteLike(plane('web2'), plane('web'));
    expect(m.pass).toBe(false);
    const lines = m.message().split('\n');
    expect(lines[1]).toBe('Instead: 1 request change, 0 status changes:');
    expect(lines[lines.length - 1]).toMatch(/^ {2}1 of \d+ requests change \(1 host\), 0 status changes$/);
  });

  test('one status change is "1 status change", in the singular', () => {
    // a backend that does not exist: its requests get a 500, and the route's ResolvedRefs turns False
    const gone = testing.DataPlane.fromManifests(objects('gone'));
    const m = toRouteLike(gone, testing.DataPlane.fromManifests(objects('web')));
    expect(m.message().split('\n')[1]).toBe('Instead: 1 request change, 1 status change:');
  });
});
