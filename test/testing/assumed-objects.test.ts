import { DataPlane } from '../../src/testing';

const V1 = 'gateway.networking.k8s.io/v1';
const objects = [
  { apiVersion: V1, kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'external', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
  {
    apiVersion: V1, kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'apps' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      rules: [{
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 9090 } } }],
        backendRefs: [{ name: 'api', port: 8080 }, { name: 'legacy', namespace: 'old', port: 80 }],
      }],
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy', namespace: 'old' }, spec: { ports: [{ port: 81 }] } },
];

describe('assumeMissing', () => {
  test('without it, a Gateway of an absent class routes nothing (as in a cluster)', () => {
    const plane = DataPlane.fromManifests(objects);
    expect(() => plane.http({ gateway: 'infra/gw', path: '/' })).toThrow(/not known to the data plane/);
  });

  test('assumes the absent GatewayClass and the absent Services with the ports the routes use', () => {
    // GIVEN / WHEN
    const plane = DataPlane.fromManifests(objects, { assumeMissing: true });
    // THEN
    const assumed = plane.objects().filter(o => o.kind === 'GatewayClass' || (o.kind === 'Service' && o.metadata.name !== 'legacy'));
    expect(assumed.map(o => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name} ${JSON.stringify(o.spec.ports ?? o.spec.controllerName)}`)).toEqual([
      'GatewayClass -/external "cdk8s-gateway-api.io/assumed"',
      'Service apps/api [{"name":"port-8080","port":8080}]',
      'Service apps/shadow [{"name":"port-9090","port":9090}]',
    ]);
    expect(plane.status('Gateway', 'infra', 'gw')?.conditions.find(c => c.type === 'Programmed')?.status).toBe('True');
  });

  test('an existing Service is never replaced, so its real ports are still checked', () => {
    const plane = DataPlane.fromManifests(objects, { assumeMissing: true });
    const refs = plane.status('HTTPRoute', 'apps', 'web')?.parents[0].conditions.find(c => c.type === 'ResolvedRefs');
    // old/legacy exists with port 81 only, and no ReferenceGrant lets apps reach it: neither is assumed away
    expect(refs?.status).toBe('False');
  });

  test('requests reach the assumed backends', () => {
    const plane = DataPlane.fromManifests(objects.slice(0, 2), { assumeMissing: true });
    expect(plane.distribution({ gateway: 'infra/gw', path: '/' }).backends).toEqual({ 'apps/api': 0.5, '(500)': 0.5 });
  });
});
