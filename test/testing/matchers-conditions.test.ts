import { testing } from '../../src';
import { toHaveCondition } from '../../src/testing/matchers';

// toHaveCondition on an object whose conditions are written per ancestor (a BackendTLSPolicy): found on
// any ancestor, and each listed with its ancestor when the expectation fails.
const G = 'gateway.networking.k8s.io/v1';
const plane = testing.DataPlane.fromManifests([
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'a' }, spec: { ports: [{ name: 'https', port: 8443 }] } },
  { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'r' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'a', port: 8443 }] }] } },
  {
    apiVersion: G,
    kind: 'BackendTLSPolicy',
    metadata: { namespace: 'apps', name: 'p' },
    spec: { targetRefs: [{ group: '', kind: 'Service', name: 'a' }], validation: { wellKnownCACertificates: 'System', hostname: 'a.example.com' } },
  },
], { assumeMissing: true });

test('a BackendTLSPolicy has its conditions per ancestor; a failure lists them with the ancestor', () => {
  expect(toHaveCondition(plane, 'BackendTLSPolicy', 'apps/p', 'Accepted').pass).toBe(true);
  const m = toHaveCondition(plane, 'BackendTLSPolicy', 'apps/p', 'Accepted', 'False');
  expect(m.pass).toBe(false);
  expect(m.message()).toMatch(/^Expected BackendTLSPolicy apps\/p to have condition Accepted=False\nInstead: its conditions are:\n {2}Accepted=True \(Accepted: .*\) \(ancestor infra\/gw\)/);
});
