import { testing } from '../../src';
import { toBeAccepted, toRespond, toRoute } from '../../src/testing/matchers';

// What the matchers say about the parents routes name: the hint when a parent Gateway or ListenerSet is
// not loaded (and only for those kinds of the Gateway API group), on a DataPlane subject and on errors;
// toBeAccepted on parentRefs that select a port.
const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const gateway = { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }] } };
const route = (name: string, parentRefs: object[], namespace?: string) => ({
  apiVersion: G,
  kind: 'HTTPRoute',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { parentRefs, hostnames: [`${name}.example.com`], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
});

describe('the missing-parent hint on a DataPlane', () => {
  test('names every missing Gateway and ListenerSet, sorted, with the route that names it and its default namespace', () => {
    const plane = testing.DataPlane.fromManifests([
      gateway,
      route('a', [{ name: 'gw', namespace: 'infra' }], 'apps'),
      route('b', [{ name: 'zz-gone', namespace: 'infra' }], 'apps'),
      route('c', [{ kind: 'ListenerSet', name: 'set' }], 'apps'),
      route('d', [{ name: 'gone' }]),
    ], { assumeMissing: true });
    const m = toRoute(plane, 'http://a.example.com/', 'apps/other');
    expect(m.pass).toBe(false);
    expect(m.message().split('\n').pop()).toBe(
      "Note: the routes' Gateway default/gone (named by HTTPRoute default/d), Gateway infra/zz-gone (named by HTTPRoute apps/b), ListenerSet apps/set (named by HTTPRoute apps/c) "
      + 'is not among the loaded objects; load the manifests or App that define it (DataPlane.fromApp)');
  });

  test('a parentRef of another kind or API group is not a missing Gateway', () => {
    const plane = testing.DataPlane.fromManifests([
      gateway,
      route('a', [{ name: 'gw', namespace: 'infra' }], 'apps'),
      route('b', [{ group: 'example.com', kind: 'Gateway', name: 'theirs' }], 'apps'),
      route('c', [{ group: '', kind: 'Service', name: 'mesh' }], 'apps'),
    ], { assumeMissing: true });
    const m = toRoute(plane, 'http://a.example.com/', 'apps/other');
    expect(m.pass).toBe(false);
    expect(m.message()).not.toContain('Note:');
  });

  test('a Gateway loaded in the namespace the route defaults to is not missing', () => {
    const plane = testing.DataPlane.fromManifests([
      { ...gateway, metadata: { namespace: 'apps', name: 'gw' } },
      route('a', [{ name: 'gw' }], 'apps'),
    ], { assumeMissing: true });
    expect(toRoute(plane, 'http://a.example.com/', 'apps/other').message()).not.toContain('Note:');
    expect(toRoute(plane, 'http://a.example.com/', 'apps/web').pass).toBe(true);
  });

  test('an error of a matcher (a malformed backend) ends with the hint, and is unchanged without one', () => {
    const missing = testing.DataPlane.fromManifests([gateway, route('b', [{ name: 'gone', namespace: 'infra' }], 'apps')], { assumeMissing: true });
    expect(() => toRoute(missing, 'http://b.example.com/', 'web')).toThrow(
      "backend 'web' is not 'namespace/name' or 'namespace/name:port'\nNote: the routes' Gateway infra/gone (named by HTTPRoute apps/b) is not among the loaded objects");
    const loaded = testing.DataPlane.fromManifests([gateway, route('a', [{ name: 'gw', namespace: 'infra' }], 'apps')], { assumeMissing: true });
    let message = '';
    try {
      toRoute(loaded, 'http://a.example.com/', 'web');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe("backend 'web' is not 'namespace/name' or 'namespace/name:port'");
  });

  test('a passing matcher carries no hint', () => {
    const plane = testing.DataPlane.fromManifests([gateway, route('a', [{ name: 'gw', namespace: 'infra' }], 'apps'), route('b', [{ name: 'gone' }], 'apps')], { assumeMissing: true });
    const m = toRespond(plane, 'http://a.example.com/', 200);
    expect(m.pass).toBe(true);
    expect(m.message()).not.toContain('Note:');
  });
});

describe('toBeAccepted', () => {
  test('each parentRef is matched to the status of its own port', () => {
    const plane = testing.DataPlane.fromManifests([
      gateway,
      route('a', [{ name: 'gw', namespace: 'infra', port: 80 }, { name: 'gw', namespace: 'infra', port: 81 }], 'apps'),
    ], { assumeMissing: true });
    const m = toBeAccepted(plane);
    expect(m.pass).toBe(false);
    expect(m.message()).toContain('Instead: 1 not accepted:\n  HTTPRoute apps/a: Gateway infra/gw: Accepted=False (');
    const one = testing.DataPlane.fromManifests([gateway, route('a', [{ name: 'gw', namespace: 'infra', port: 80 }], 'apps')], { assumeMissing: true });
    expect(toBeAccepted(one).pass).toBe(true);
    expect(toBeAccepted(one).message()).toBe('Expected some route not to be accepted, but every route is\n  HTTPRoute apps/a by Gateway infra/gw');
  });

  test('a route in the default namespace (no namespace given) is found by its parent status', () => {
    const plane = testing.DataPlane.fromManifests([
      { ...gateway, metadata: { namespace: 'default', name: 'gw' } },
      route('a', [{ name: 'gw' }]),
    ], { assumeMissing: true });
    expect(toBeAccepted(plane).pass).toBe(true);
    expect(toBeAccepted(plane).message()).toContain('  HTTPRoute default/a by Gateway default/gw');
  });

  test('no routes at all is not "every route accepted"', () => {
    const m = toBeAccepted(testing.DataPlane.fromManifests([gateway], { assumeMissing: true }));
    expect(m.pass).toBe(false);
    expect(m.message()).toBe('Expected every route to be accepted\nInstead: there are no routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) among the loaded objects');
  });
});
