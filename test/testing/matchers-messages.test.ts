import { App, Chart } from 'cdk8s';
import { Backend, Gateway, GatewayClass, HttpRoute, ListenerProtocol, testing } from '../../src';
import { toHaveCondition, toHaveNoValidationErrors, toSplit } from '../../src/testing/matchers';

// Details of the matchers' messages: keys and lists in sorted order whatever the input order, suggestions
// only of kinds the plane writes a status on, the error count of toHaveNoValidationErrors, the parent a
// route's condition is written for.
const G = 'gateway.networking.k8s.io/v1';
const svc = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports: [{ port: 80 }] } });
const plane = testing.DataPlane.fromManifests([
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'apps', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
  svc('apps', 'a'), svc('apps', 'b'), svc('apps', 'lonely'),
  { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'zeta' }, spec: { parentRefs: [{ name: 'gw' }], hostnames: ['z.example.com'], rules: [{ backendRefs: [{ name: 'b', port: 80, weight: 1 }, { name: 'a', port: 80, weight: 3 }] }] } },
  { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'alpha' }, spec: { parentRefs: [{ name: 'gw' }], hostnames: ['a.example.com'], rules: [{ backendRefs: [{ name: 'a', port: 80 }] }] } },
], { assumeMissing: true });

test('toSplit shows the expected and actual shares by sorted key, whatever order they are given in', () => {
  const m = toSplit(plane, 'http://z.example.com/', { 'apps/b': 0.5, 'apps/a': 0.5 });
  expect(m.pass).toBe(false);
  expect(m.message().split('\n').slice(0, 2)).toEqual([
    "Expected http://z.example.com/ to split { 'apps/a': 0.5, 'apps/b': 0.5 }",
    "Instead: { 'apps/a': 0.75, 'apps/b': 0.25 } (75% to apps/a, 25% to apps/b)",
  ]);
});

test('a lookup lists the loaded names sorted, and never suggests a kind the plane writes no status on', () => {
  expect(() => toHaveCondition(plane, 'HTTPRoute', 'apps/lonely', 'Accepted')).toThrow(
    "toHaveCondition: there is no HTTPRoute 'apps/lonely' among the loaded objects (HTTPRoutes loaded: apps/alpha, apps/zeta); if it is in another chart, pass the App (expect(app) or DataPlane.fromApp)");
});

test("a route's conditions name the parent, in the route's namespace when the parentRef gives none", () => {
  const m = toHaveCondition(plane, 'HTTPRoute', 'apps/alpha', 'Accepted', 'False');
  expect(m.message()).toMatch(/\n {2}Accepted=True \(Accepted: [^\n]*\) \(parent apps\/gw\)\n/);
});

test('toHaveNoValidationErrors counts the errors it lists: one error, two errors', () => {
  const bad = (routes: number) => {
    const chart = new Chart(new App(), 'bad');
    const gw = new Gateway(chart, 'Gateway', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy') });
    gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP });
    for (let i = 0; i < routes; i++) {
      new HttpRoute(chart, `Other${i}`, { metadata: { name: `other${i}`, namespace: 'apps' }, parents: [gw] }).addRule({ backends: [Backend.fromServiceName('x', { port: 80 })] });
    }
    return toHaveNoValidationErrors(chart).message().split('\n');
  };
  const counts = [1, 2].map((routes) => {
    const lines = bad(routes);
    const head = /^Instead: (\d+) (errors?):$/.exec(lines[1]);
    expect(head).not.toBeNull();
    const n = Number(head![1]);
    expect(lines.slice(2)).toHaveLength(n);
    expect(head![2]).toBe(n === 1 ? 'error' : 'errors');
    expect(lines.slice(2).every((l) => l.startsWith('  bad/'))).toBe(true);
    return n;
  });
  // one route gives one error, two routes more than one: both forms are checked
  expect(counts[0]).toBe(1);
  expect(counts[1]).toBeGreaterThan(1);
});
