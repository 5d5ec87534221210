import { DataPlane } from '../../src/testing';

// Boundary tests for MUSTs of the v1.6.1 API listed in docs/spec-musts.md:
// each rule is exercised with a value just inside and just outside it.

const G = 'gateway.networking.k8s.io/v1';
const gatewayClass = () => ({ apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } });
const svc = (namespace: string, name: string, ports: object[] = [{ port: 8080 }]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports } });
const gw = (listeners: object[], spec: object = {}) => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners, ...spec } });
const all = { namespaces: { from: 'All' } };
const http = (name: string, port = 80, extra: object = {}) => ({ name, port, protocol: 'HTTP', allowedRoutes: all, ...extra });
const route = (name: string, spec: object, kind = 'HTTPRoute') => ({ apiVersion: G, kind, metadata: { namespace: 'apps', name }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], ...spec } });
const cond = (conds: readonly any[] | undefined, type: string) => (conds ?? []).find((c) => c.type === type);

describe('BackendTLSPolicy validation.wellKnownCACertificates', () => {
  const policy = (wellKnownCACertificates: string) => ({
    apiVersion: G,
    kind: 'BackendTLSPolicy',
    metadata: { namespace: 'apps', name: 'p' },
    spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates } },
  });
  const plane = (value: string) => DataPlane.fromManifests([
    gatewayClass(), gw([http('http')]), svc('apps', 'web'), route('r', { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] }), policy(value),
  ]);
  const accepted = (p: DataPlane) => cond(p.status('BackendTLSPolicy', 'apps', 'p')!.ancestors[0].conditions, 'Accepted');

  test('System (recognized): Accepted, and requests reach the backend over TLS with the policy hostname as SNI', () => {
    const p = plane('System');
    expect(accepted(p)).toMatchObject({ status: 'True', reason: 'Accepted' });
    const r = p.http({ gateway: 'infra/gw', path: '/' });
    expect(r.status).toBe(200);
    expect(r.request).toMatchObject({ sni: 'web.example.com', protocol: 'https' });
  });

  test.each(['example.com/System', 'example.com/my-cas'])('%s (not recognized): Accepted=False reason Invalid, requests fail with a 5xx and are never sent in plaintext', (value) => {
    const p = plane(value);
    expect(accepted(p)).toMatchObject({ status: 'False', reason: 'Invalid', message: expect.stringContaining(`'${value}'`) });
    // the refs themselves are fine: ResolvedRefs stays True
    expect(cond(p.status('BackendTLSPolicy', 'apps', 'p')!.ancestors[0].conditions, 'ResolvedRefs')).toMatchObject({ status: 'True' });
    const r = p.http({ gateway: 'infra/gw', path: '/' });
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(r.status).toBeLessThan(600);
    expect(r.request).toBeUndefined();
    expect(r.backend).toBeUndefined();
  });

  test('without any policy the same backend is reached in plaintext (control)', () => {
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('http')]), svc('apps', 'web'), route('r', { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })]);
    const r = p.http({ gateway: 'infra/gw', path: '/' });
    expect(r.status).toBe(200);
    expect(r.request?.sni).toBeUndefined();
  });
});
