import { testing } from '../../src';
import { toRespond, toRoute } from '../../src/testing/matchers';

// The "Closest losing candidate" line: the rule that forwards to the wanted backend when there is one,
// else a rule that matched but lost on precedence, else the first rule that did not match.
const G = 'gateway.networking.k8s.io/v1';
const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name }, spec: { ports: [{ port: 80 }] } });
const prefix = (value: string, backend: string) => ({ matches: [{ path: { type: 'PathPrefix', value } }], backendRefs: [{ name: backend, port: 80 }] });
const plane = testing.DataPlane.fromManifests([
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
  svc('a'), svc('b'), svc('c'),
  { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'r' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [prefix('/api', 'a'), prefix('/', 'b'), prefix('/', 'c')] } },
], { assumeMissing: true });
const URL = 'http://www.example.com/x';
const closest = (message: string) => message.split('\n').find((l) => l.startsWith('Closest losing candidate: '));

describe('the closest losing candidate', () => {
  test('without a wanted rule: the rule that matched but lost, not the first that did not match', () => {
    const m = toRespond(plane, URL, 404);
    expect(m.pass).toBe(false);
    expect(closest(m.message())).toBe('Closest losing candidate: lost: HTTPRoute apps/r rule 2 match 0 [PathPrefix /]: matches, but has lower precedence');
  });

  test('the rule that forwards to the wanted backend comes first, even when it did not match', () => {
    expect(closest(toRoute(plane, URL, 'apps/a').message())).toBe('Closest losing candidate: no match: HTTPRoute apps/r rule 0 match 0 [PathPrefix /api]: path /x is not under prefix /api');
    expect(closest(toRoute(plane, URL, 'apps/c').message())).toBe('Closest losing candidate: lost: HTTPRoute apps/r rule 2 match 0 [PathPrefix /]: matches, but has lower precedence');
  });

  test('when no rule forwards to the wanted backend: the rule that lost', () => {
    expect(closest(toRoute(plane, URL, 'apps/zzz').message())).toBe('Closest losing candidate: lost: HTTPRoute apps/r rule 2 match 0 [PathPrefix /]: matches, but has lower precedence');
  });

  test('a request that wins with no other candidate names none', () => {
    const single = testing.DataPlane.fromManifests([
      { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
      svc('b'),
      { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'r' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [prefix('/', 'b')] } },
    ], { assumeMissing: true });
    expect(closest(toRespond(single, URL, 404).message())).toBeUndefined();
  });
});
