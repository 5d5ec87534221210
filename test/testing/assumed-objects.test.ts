import { X509Certificate } from 'crypto';
import { tlsSecret } from './tls-fixture';
import { DataPlane } from '../../src/testing';

const V1 = 'gateway.networking.k8s.io/v1';
const objects = [
  { apiVersion: V1, kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'external', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
  {
    apiVersion: V1,
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'apps' },
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
    const assumed: any[] = plane.objects().filter(o => o.kind === 'GatewayClass' || (o.kind === 'Service' && o.metadata.name !== 'legacy'));
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

describe('assumeMissing: certificates', () => {
  const https = (name: string, hostname: string | undefined, secret: string, namespace?: string) => ({
    name,
    port: 443,
    protocol: 'HTTPS',
    ...(hostname ? { hostname } : {}),
    tls: { certificateRefs: [{ name: secret, ...(namespace ? { namespace } : {}) }] },
    allowedRoutes: { namespaces: { from: 'All' } },
  });
  const gateway = (listeners: any[], tls?: any) => ({ apiVersion: V1, kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'external', listeners, ...(tls ? { tls } : {}) } });
  const route = { apiVersion: V1, kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } };
  const cert = (plane: DataPlane, ns: string, name: string) => {
    const s: any = plane.objects().find((o) => o.kind === 'Secret' && o.metadata.namespace === ns && o.metadata.name === name);
    return new X509Certificate(Buffer.from(s.data['tls.crt'], 'base64').toString());
  };

  test('an absent certificate Secret is assumed with a self-signed certificate for the hostnames of the listeners using it', () => {
    const plane = DataPlane.fromManifests([gateway([https('a', 'shop.example.com', 'shared'), https('b', '*.api.example.com', 'shared')]), route], { assumeMissing: true });
    expect(plane.assumed).toEqual([
      { kind: 'GatewayClass', name: 'external' },
      { kind: 'Service', namespace: 'apps', name: 'web' },
      { kind: 'Secret', namespace: 'infra', name: 'shared' },
    ]);
    const x = cert(plane, 'infra', 'shared');
    expect(x.subjectAltName).toBe('DNS:*.api.example.com, DNS:shop.example.com');
    expect(x.checkHost('shop.example.com')).toBe('shop.example.com');
    expect(plane.http('https://shop.example.com/').backend).toEqual({ namespace: 'apps', name: 'web', port: 80 });
    expect(plane.http('https://v1.api.example.com/').outcome).toBe('forwarded');
  });

  test('the assumed certificate is the same on every load (deterministic output)', () => {
    const load = () => DataPlane.fromManifests([gateway([https('a', 'shop.example.com', 'c')]), route], { assumeMissing: true }).objects();
    expect(JSON.stringify(load())).toBe(JSON.stringify(load()));
  });

  test('without Secret among the kinds, the listener is not ready and HTTPS is refused, as in a cluster', () => {
    const plane = DataPlane.fromManifests([gateway([https('a', 'shop.example.com', 'c')]), route], { assumeMissing: ['GatewayClass', 'Service'] });
    expect(plane.assumed.map((a) => a.kind)).toEqual(['GatewayClass', 'Service']);
    const l = plane.status('Gateway', 'infra', 'gw')!.listeners[0];
    expect(l.conditions.find((c) => c.type === 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'InvalidCertificateRef' });
    expect(plane.http('https://shop.example.com/').outcome).toBe('refused');
  });

  test('an existing Secret is never replaced; a cross-namespace one still needs its ReferenceGrant', () => {
    const bad = { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'bad', namespace: 'infra' }, data: { 'tls.crt': 'bm90IGEgY2VydA==', 'tls.key': 'eA==' } };
    const plane = DataPlane.fromManifests([gateway([https('a', 'a.example.com', 'bad'), https('b', 'b.example.com', 'elsewhere', 'certs')]), route, bad], { assumeMissing: true });
    expect(plane.assumed.filter((a) => a.kind === 'Secret')).toEqual([{ kind: 'Secret', namespace: 'certs', name: 'elsewhere' }]);
    const ls = plane.status('Gateway', 'infra', 'gw')!.listeners;
    expect(ls.map((l) => [l.name, l.conditions.find((c) => c.type === 'ResolvedRefs')?.reason])).toEqual([['a', 'InvalidCertificateRef'], ['b', 'RefNotPermitted']]);
  });

  test('absent CA bundles of frontend validation and BackendTLSPolicy are assumed as ConfigMaps (or Secrets when the kind says so)', () => {
    const gw = gateway([https('a', 'a.example.com', 'c')], { frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }, { group: '', kind: 'Secret', name: 'client-ca-2' }] } } } });
    const policy = {
      apiVersion: V1,
      kind: 'BackendTLSPolicy',
      metadata: { name: 'p', namespace: 'apps' },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.apps', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'web-ca' }] } },
    };
    const plane = DataPlane.fromManifests([gw, route, policy], { assumeMissing: true });
    expect(plane.assumed).toEqual(expect.arrayContaining([
      { kind: 'ConfigMap', namespace: 'infra', name: 'client-ca' },
      { kind: 'ConfigMap', namespace: 'apps', name: 'web-ca' },
      { kind: 'Secret', namespace: 'infra', name: 'client-ca-2' },
    ]));
    const ca: any = plane.objects().find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'web-ca');
    expect(new X509Certificate(ca.data['ca.crt']).ca).toBe(true);
    expect(plane.status('Gateway', 'infra', 'gw')!.listeners[0].conditions.find((c) => c.type === 'ResolvedRefs')?.status).toBe('True');
    expect(plane.status('BackendTLSPolicy', 'apps', 'p')!.ancestors[0].conditions.find((c) => c.type === 'ResolvedRefs')?.status).toBe('True');
    expect(plane.http('https://a.example.com/').outcome).toBe('forwarded');
  });

  test('an unknown kind is an error that lists the assumable ones', () => {
    expect(() => DataPlane.fromManifests([route], { assumeMissing: ['Namespace' as any] })).toThrow(/assumeMissing: 'Namespace' is not a kind the plane can assume; use some of: GatewayClass, Service, Secret, ConfigMap/);
  });

  test('tls-fixture still works (a given Secret is used)', () => {
    const plane = DataPlane.fromManifests([gateway([https('a', 'x.example.com', 'given')]), route, tlsSecret('infra', 'given')], { assumeMissing: true });
    expect(plane.assumed.some((a) => a.kind === 'Secret')).toBe(false);
  });
});
