import { TEST_CERT_PEM, tlsSecret } from './tls-fixture';
import { DataPlane } from '../../src/testing';
import { exchange } from '../../src/testing/backend-simulation';
import { selfSignedCertificate } from '../../src/testing/self-signed';

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

describe('CORS wildcards with credentials (HTTPCORSFilter allowMethods, allowHeaders, exposeHeaders)', () => {
  const plane = (cors: object) => DataPlane.fromManifests([
    gatewayClass(), gw([http('http')]), svc('apps', 'web'),
    route('r', { rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['https://app.example.com'], ...cors } }], backendRefs: [{ name: 'web', port: 8080 }] }] }),
  ]);
  const preflight = (p: DataPlane, extra: Record<string, string> = {}) => p.http({
    gateway: 'infra/gw', path: '/', method: 'OPTIONS', headers: { 'Origin': 'https://app.example.com', 'Access-Control-Request-Method': 'PUT', ...extra },
  }).responseHeaders ?? {};

  test('allowHeaders [*] with allowCredentials true: the requested headers are echoed, never *', () => {
    const h = preflight(plane({ allowHeaders: ['*'], allowCredentials: true }), { 'Access-Control-Request-Headers': 'x-a, x-b' });
    expect(h['access-control-allow-headers']).toBe('x-a, x-b');
    expect(h['access-control-allow-credentials']).toBe('true');
  });

  test('allowHeaders [*] with allowCredentials true and no Access-Control-Request-Headers: the header is omitted', () => {
    expect(preflight(plane({ allowHeaders: ['*'], allowCredentials: true }))).not.toHaveProperty('access-control-allow-headers');
    // an empty request header asks for nothing either
    expect(preflight(plane({ allowHeaders: ['*'], allowCredentials: true }), { 'Access-Control-Request-Headers': '' })).not.toHaveProperty('access-control-allow-headers');
  });

  test('allowHeaders [*] with allowCredentials false (just outside the rule): * may be answered', () => {
    expect(preflight(plane({ allowHeaders: ['*'], allowCredentials: false }))['access-control-allow-headers']).toBe('*');
    expect(preflight(plane({ allowHeaders: ['*'] }), { 'Access-Control-Request-Headers': 'x-a' })['access-control-allow-headers']).toBe('*');
  });

  test('allowMethods [*] with allowCredentials true: the requested method is echoed, never *; without credentials *', () => {
    expect(preflight(plane({ allowMethods: ['*'], allowCredentials: true }))['access-control-allow-methods']).toBe('PUT');
    expect(preflight(plane({ allowMethods: ['*'], allowCredentials: false }))['access-control-allow-methods']).toBe('*');
  });

  test('exposeHeaders [*] with allowCredentials true: * is never exposed; without credentials it is', () => {
    const get = (cors: object) => plane(cors).http({ gateway: 'infra/gw', path: '/', headers: { Origin: 'https://app.example.com' } }).responseHeaders ?? {};
    expect(get({ exposeHeaders: ['*'], allowCredentials: true })).not.toHaveProperty('access-control-expose-headers');
    expect(get({ exposeHeaders: ['*', 'x-trace'], allowCredentials: true })['access-control-expose-headers']).toBe('x-trace');
    expect(get({ exposeHeaders: ['*'], allowCredentials: false })['access-control-expose-headers']).toBe('*');
  });
});

describe('HTTPS: the Host header against the listeners (Listener.Hostname)', () => {
  const https = (name: string, hostname?: string) => ({
    name, port: 443, protocol: 'HTTPS', ...(hostname ? { hostname } : {}), tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] }, allowedRoutes: all,
  });
  const routeTo = (name: string, sectionName: string, backend: string) => ({
    ...route(name, {}), spec: { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName }], rules: [{ backendRefs: [{ name: backend, port: 8080 }] }] },
  });
  const plane = (listeners: object[]) => DataPlane.fromManifests([
    gatewayClass(), gw(listeners), tlsSecret('infra', 'cert'), svc('apps', 'a'), svc('apps', 'b'),
    routeTo('ra', 'a', 'a'), ...(listeners.length > 1 ? [routeTo('rb', 'b', 'b')] : []),
  ]);
  const two = plane([https('a', 'a.example.com'), https('b', '*.b.example.com')]);
  const ask = (p: DataPlane, sni: string, host: string) => p.http({ gateway: 'infra/gw', scheme: 'https', sni, host, path: '/' });

  test('SNI and Host on the same listener: served', () => {
    expect(ask(two, 'a.example.com', 'a.example.com')).toMatchObject({ status: 200, backend: { name: 'a' } });
    // the port in the Host header is ignored
    expect(ask(two, 'a.example.com', 'a.example.com:443')).toMatchObject({ status: 200, backend: { name: 'a' } });
  });

  test('Host another listener of the Gateway matches: 421', () => {
    expect(ask(two, 'a.example.com', 'x.b.example.com')).toMatchObject({ status: 421, listener: { name: 'a' } });
  });

  test('Host no listener of the Gateway matches: 404, not 421', () => {
    const r = ask(two, 'a.example.com', 'c.example.com');
    expect(r).toMatchObject({ status: 404, outcome: 'no-route', listener: { name: 'a' } });
    expect(r.backend).toBeUndefined();
    // just outside the wildcard: b.example.com itself is not under *.b.example.com
    expect(ask(two, 'a.example.com', 'b.example.com').status).toBe(404);
    expect(r.explanation.join('\n')).toMatch(/matches no HTTPS listener .*: 404/);
  });

  test('a single listener: a Host it does not match is 404', () => {
    const one = plane([https('a', 'a.example.com')]);
    expect(ask(one, 'a.example.com', 'a.example.com').status).toBe(200);
    expect(ask(one, 'a.example.com', 'z.example.com').status).toBe(404);
  });
});

describe('BackendTLSPolicy: CA certificates, hostname and subjectAltNames against the backend certificate', () => {
  // the backend serves TEST_CERT_PEM (a self-signed CA certificate for *.example.com) from the Secret its Deployment mounts
  const backend = [
    { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 8443 }] } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'apps', name: 'web' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { volumes: [{ name: 'tls', secret: { secretName: 'web-tls' } }] } } } },
    tlsSecret('apps', 'web-tls'),
  ];
  const ca = (name: string, pem: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'apps', name }, data: { 'ca.crt': pem } });
  const otherCa = selfSignedCertificate('other-ca', ['*.example.com'], true).certPem;
  const refs = (...names: string[]) => names.map((name) => ({ group: '', kind: 'ConfigMap', name }));
  const plane = (validation: object) => DataPlane.fromManifests([
    gatewayClass(), gw([http('http')]), ...backend, ca('ca', TEST_CERT_PEM), ca('other', otherCa),
    route('r', { rules: [{ backendRefs: [{ name: 'web', port: 8443 }] }] }),
    { apiVersion: G, kind: 'BackendTLSPolicy', metadata: { namespace: 'apps', name: 'p' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation } },
  ]);
  const conditions = (p: DataPlane) => p.status('BackendTLSPolicy', 'apps', 'p')!.ancestors[0].conditions;
  const ask = (p: DataPlane) => p.http({ gateway: 'infra/gw', path: '/' });

  test('a CA that issued the backend certificate: 200 over TLS; a CA that did not: 503, the handshake fails', () => {
    expect(ask(plane({ hostname: 'web.example.com', caCertificateRefs: refs('ca') }))).toMatchObject({ status: 200, request: { sni: 'web.example.com' } });
    const r = ask(plane({ hostname: 'web.example.com', caCertificateRefs: refs('other') }));
    expect(r.status).toBe(503);
    expect(r.explanation.join('\n')).toMatch(/not issued by a CA the policy trusts/);
  });

  test('the hostname is the SNI and must match the certificate: web.example.com passes, example.com (outside *.example.com) fails', () => {
    expect(ask(plane({ hostname: 'web.example.com', caCertificateRefs: refs('ca') })).status).toBe(200);
    const r = ask(plane({ hostname: 'example.com', caCertificateRefs: refs('ca') }));
    expect(r.status).toBe(503);
    expect(r.explanation.join('\n')).toMatch(/not valid for hostname example\.com/);
  });

  test('with subjectAltNames the hostname is only the SNI: a matching SAN passes whatever the hostname, a SAN the certificate lacks fails', () => {
    const passes = ask(plane({ hostname: 'web.example.org', subjectAltNames: [{ type: 'Hostname', hostname: 'api.example.com' }], caCertificateRefs: refs('ca') }));
    expect(passes).toMatchObject({ status: 200, request: { sni: 'web.example.org' } });
    expect(ask(plane({ hostname: 'web.example.com', subjectAltNames: [{ type: 'Hostname', hostname: 'api.example.org' }], caCertificateRefs: refs('ca') })).status).toBe(503);
    // one SAN of several is enough
    expect(ask(plane({ hostname: 'web.example.com', subjectAltNames: [{ type: 'Hostname', hostname: 'api.example.org' }, { type: 'Hostname', hostname: 'a.example.com' }], caCertificateRefs: refs('ca') })).status).toBe(200);
  });

  test('one invalid CA ref among valid ones: ResolvedRefs False but Accepted, traffic verified with the valid CA', () => {
    const p = plane({ hostname: 'web.example.com', caCertificateRefs: refs('missing', 'ca') });
    expect(cond(conditions(p), 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'InvalidCACertificateRef', message: expect.stringContaining('missing') });
    expect(cond(conditions(p), 'Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' });
    expect(ask(p).status).toBe(200);
  });

  test('every CA ref invalid: Accepted False NoValidCACertificate, ResolvedRefs False, and requests get a 5xx, never plaintext', () => {
    const p = plane({ hostname: 'web.example.com', caCertificateRefs: refs('missing', 'gone') });
    expect(cond(conditions(p), 'Accepted')).toMatchObject({ status: 'False', reason: 'NoValidCACertificate' });
    expect(cond(conditions(p), 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'InvalidCACertificateRef' });
    const r = ask(p);
    expect(r.status).toBe(500);
    expect(r.request).toBeUndefined();
  });

  test('wellKnownCACertificates System (no refs) is honoured: the issuer is not checked, the hostname still is', () => {
    expect(ask(plane({ hostname: 'web.example.com', wellKnownCACertificates: 'System' })).status).toBe(200);
    expect(ask(plane({ hostname: 'example.com', wellKnownCACertificates: 'System' })).status).toBe(503);
  });
});

describe('BackendTLSPolicy precedence on one target', () => {
  const policy = (name: string, hostname: string, creationTimestamp?: string, namespace = 'apps') => ({
    apiVersion: G,
    kind: 'BackendTLSPolicy',
    metadata: { namespace, name, ...(creationTimestamp ? { creationTimestamp } : {}) },
    spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname, wellKnownCACertificates: 'System' } },
  });
  const plane = (policies: object[]) => DataPlane.fromManifests([
    gatewayClass(), gw([http('http')]), svc('apps', 'web'), route('r', { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] }), ...policies,
  ]);
  const accepted = (p: DataPlane, name: string) => cond(p.status('BackendTLSPolicy', 'apps', name)!.ancestors[0].conditions, 'Accepted');

  test('one second older wins, whatever the names and the document order; the other is Conflicted', () => {
    const p = plane([policy('a', 'a.example.com', '2021-07-15T01:02:04Z'), policy('b', 'b.example.com', '2021-07-15T01:02:03Z')]);
    expect(accepted(p, 'b')).toMatchObject({ status: 'True' });
    expect(accepted(p, 'a')).toMatchObject({ status: 'False', reason: 'Conflicted' });
    expect(p.http({ gateway: 'infra/gw', path: '/' }).request?.sni).toBe('b.example.com');
  });

  test('equal creation timestamps: {namespace}/{name} order decides, whatever the document order', () => {
    const t = '2021-07-15T01:02:03Z';
    for (const order of [[policy('bar', 'bar.example.com', t), policy('baz', 'baz.example.com', t)], [policy('baz', 'baz.example.com', t), policy('bar', 'bar.example.com', t)]]) {
      const p = plane(order);
      expect(accepted(p, 'bar')).toMatchObject({ status: 'True' });
      expect(accepted(p, 'baz')).toMatchObject({ status: 'False', reason: 'Conflicted' });
      expect(p.http({ gateway: 'infra/gw', path: '/' }).request?.sni).toBe('bar.example.com');
    }
  });
});

describe('ages: how objects applied in order are ranked (HTTPRoute precedence across routes)', () => {
  const r = (namespace: string, name: string, backend: string, creationTimestamp?: string) => ({
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace, name, ...(creationTimestamp ? { creationTimestamp } : {}) },
    spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: backend, namespace: 'apps', port: 8080 }] }] },
  });
  const grant = { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { namespace: 'apps', name: 'g' }, spec: { from: [{ group: G.split('/')[0], kind: 'HTTPRoute', namespace: 'a' }, { group: G.split('/')[0], kind: 'HTTPRoute', namespace: 'b' }], to: [{ group: '', kind: 'Service' }] } };
  const plane = (routes: object[]) => DataPlane.fromManifests([gatewayClass(), gw([http('http')]), svc('apps', 'x'), svc('apps', 'y'), grant, ...routes]);
  const winner = (p: DataPlane) => p.http({ gateway: 'infra/gw', path: '/' });

  test('equal creationTimestamps: {namespace}/{name} order decides, whatever the document order; the namespace is compared first', () => {
    const t = '2024-05-01T12:00:00Z';
    expect(winner(plane([r('b', 'a', 'y', t), r('a', 'z', 'x', t)])).backend?.name).toBe('x');
    expect(winner(plane([r('a', 'z', 'x', t), r('b', 'a', 'y', t)])).backend?.name).toBe('x');
    expect(winner(plane([r('a', 'z', 'x', t), r('b', 'a', 'y', t)])).dependsOnDocumentOrder).toBe(false);
  });

  test('one second older wins over the name order', () => {
    expect(winner(plane([r('a', 'z', 'x', '2024-05-01T12:00:01Z'), r('b', 'a', 'y', '2024-05-01T12:00:00Z')])).backend?.name).toBe('y');
  });

  test('without creationTimestamp each document is applied after the one before it: the earlier document is older, and the result says so', () => {
    const first = winner(plane([r('b', 'a', 'y'), r('a', 'z', 'x')]));
    expect(first.backend?.name).toBe('y');
    expect(first.dependsOnDocumentOrder).toBe(true);
    expect(winner(plane([r('a', 'z', 'x'), r('b', 'a', 'y')])).backend?.name).toBe('x');
  });

  test('an object with a creationTimestamp is older than every object without one', () => {
    expect(winner(plane([r('a', 'a', 'x'), r('b', 'z', 'y', '2999-01-01T00:00:00Z')])).backend?.name).toBe('y');
  });
});

describe('ListenerSet listeners', () => {
  const allowSets = { allowedListeners: { namespaces: { from: 'Same' } } };
  const ls = (listeners: object[], name = 'ls', meta: object = {}) => ({ apiVersion: G, kind: 'ListenerSet', metadata: { namespace: 'infra', name, ...meta }, spec: { parentRef: { name: 'gw' }, listeners } });
  const https = (name: string, hostname: string | undefined, cert = 'cert') => ({
    name, port: 443, protocol: 'HTTPS', ...(hostname ? { hostname } : {}), tls: { mode: 'Terminate', certificateRefs: [{ name: cert }] }, allowedRoutes: all,
  });
  const toLs = (name: string, sectionName: string, spec: object = {}, kind = 'HTTPRoute') => ({
    apiVersion: G,
    kind,
    metadata: { namespace: 'apps', name },
    spec: { parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', namespace: 'infra', name: 'ls', sectionName }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }], ...spec },
  });
  const world = (listeners: object[], extra: object[] = []) => DataPlane.fromManifests([
    gatewayClass(), gw([http('main', 80, { hostname: 'main.example.com' })], allowSets), tlsSecret('infra', 'cert'), tlsSecret('infra', 'cert2'), svc('apps', 'web'), ls(listeners), ...extra,
  ]);
  const entry = (p: DataPlane, name: string) => p.status('ListenerSet', 'infra', 'ls')!.listeners.find((l: any) => l.name === name)!;

  test('HTTP: the listener hostname must match the Host header (a.example.com served, b.example.com 404)', () => {
    const p = world([http('a', 80, { hostname: 'a.example.com' })], [toLs('r', 'a')]);
    expect(p.http({ gateway: 'infra/gw', host: 'a.example.com', path: '/' })).toMatchObject({ status: 200, listener: { name: 'a' } });
    expect(p.http({ gateway: 'infra/gw', host: 'b.example.com', path: '/' }).status).toBe(404);
  });

  test('TLS: the listener hostname must match the SNI (a.example.com forwarded, b.example.com refused)', () => {
    const tls = { name: 't', port: 8443, protocol: 'TLS', hostname: 'a.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all };
    const p = world([tls], [toLs('t', 't', { hostnames: ['a.example.com'] }, 'TLSRoute')]);
    expect(p.tls({ gateway: 'infra/gw', port: 8443, sni: 'a.example.com' }).backend?.name).toBe('web');
    expect(p.tls({ gateway: 'infra/gw', port: 8443, sni: 'b.example.com' }).outcome).toBe('refused');
  });

  test('HTTPS: both SNI and Host are checked; a Host of another listener is 421, a Host of none 404', () => {
    const p = world([https('a', 'a.example.com'), https('b', 'b.example.com')], [toLs('ra', 'a'), toLs('rb', 'b')]);
    const ask = (sni: string, host: string) => p.http({ gateway: 'infra/gw', scheme: 'https', sni, host, path: '/' }).status;
    expect(ask('a.example.com', 'a.example.com')).toBe(200);
    expect(ask('a.example.com', 'b.example.com')).toBe(421);
    expect(ask('a.example.com', 'c.example.com')).toBe(404);
  });

  test('the longest matching SNI picks the certificate: a.example.com its exact listener, x.example.com the wildcard', () => {
    const p = world([https('wild', '*.example.com', 'cert2'), https('exact', 'a.example.com')], [toLs('re', 'exact'), toLs('rw', 'wild')]);
    expect(p.http({ gateway: 'infra/gw', scheme: 'https', sni: 'a.example.com', host: 'a.example.com', path: '/' }).listener?.name).toBe('exact');
    expect(p.http({ gateway: 'infra/gw', scheme: 'https', sni: 'x.example.com', host: 'x.example.com', path: '/' }).listener?.name).toBe('wild');
  });

  test('a route and a listener must share a hostname: an intersecting route is Accepted, a disjoint one NoMatchingListenerHostname', () => {
    const p = world([http('a', 80, { hostname: '*.example.com' })], [toLs('in', 'a', { hostnames: ['x.example.com'] }), toLs('out', 'a', { hostnames: ['x.example.org'] })]);
    expect(cond(p.status('HTTPRoute', 'apps', 'in')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'True' });
    expect(cond(p.status('HTTPRoute', 'apps', 'out')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'NoMatchingListenerHostname' });
    // attachedRoutes counts only the Accepted route
    expect(entry(p, 'a').attachedRoutes).toBe(1);
  });

  test('supportedKinds: only the valid kinds asked for; an invalid kind is left out with ResolvedRefs False InvalidRouteKinds', () => {
    const mixed = world([http('a', 80, { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'UDPRoute' }] } })]);
    expect(entry(mixed, 'a').supportedKinds).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }]);
    expect(cond(entry(mixed, 'a').conditions, 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'InvalidRouteKinds' });
    const valid = world([http('a', 80, { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } })]);
    expect(cond(entry(valid, 'a').conditions, 'ResolvedRefs')).toMatchObject({ status: 'True' });
    const none = world([http('a', 80, { allowedRoutes: { kinds: [{ kind: 'UDPRoute' }] } })]);
    expect(entry(none, 'a').supportedKinds).toEqual([]);
  });

  test('the merged listener list: the Gateway first, then older ListenerSets, then {namespace}/{name}', () => {
    const dup = (name: string, meta: object) => ls([http('x', 8080, { hostname: 'x.example.com' })], name, meta);
    const p = DataPlane.fromManifests([
      gatewayClass(), gw([http('main', 80, { hostname: 'main.example.com' })], allowSets),
      dup('b-older', { creationTimestamp: '2024-01-01T00:00:00Z' }), dup('a-newer', { creationTimestamp: '2024-01-01T00:00:01Z' }), dup('a-same', { creationTimestamp: '2024-01-01T00:00:00Z' }),
    ]);
    const conflicted = (name: string) => cond(p.status('ListenerSet', 'infra', name)!.listeners[0].conditions, 'Conflicted')?.status;
    expect(conflicted('a-same')).toBe('False');
    expect(conflicted('b-older')).toBe('True');
    expect(conflicted('a-newer')).toBe('True');
    // a ListenerSet listener never displaces one of the Gateway
    const q = DataPlane.fromManifests([gatewayClass(), gw([http('main', 80)], allowSets), ls([http('x', 80)], 'ls', { creationTimestamp: '2000-01-01T00:00:00Z' })]);
    expect(cond(q.status('Gateway', 'infra', 'gw')!.listeners[0].conditions, 'Conflicted')).toMatchObject({ status: 'False' });
    expect(cond(q.status('ListenerSet', 'infra', 'ls')!.listeners[0].conditions, 'Conflicted')).toMatchObject({ status: 'True' });
  });
});

describe('status the plane writes', () => {
  const objects = (generation: number) => [
    gatewayClass(), { ...gw([http('http')]), metadata: { namespace: 'infra', name: 'gw', generation } },
    svc('apps', 'web'),
    { ...route('r', { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] }), metadata: { namespace: 'apps', name: 'r', generation: generation + 1 } },
    {
      apiVersion: G,
      kind: 'BackendTLSPolicy',
      metadata: { namespace: 'apps', name: 'p', generation: generation + 2 },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System' } },
    },
  ];

  test('every condition carries its object\'s metadata.generation as observedGeneration', () => {
    for (const g of [1, 7]) {
      const p = DataPlane.fromManifests(objects(g));
      const gwst = p.status('Gateway', 'infra', 'gw')!;
      expect(new Set([...gwst.conditions, ...gwst.listeners.flatMap((l) => l.conditions)].map((c) => c.observedGeneration))).toEqual(new Set([g]));
      expect(new Set(p.status('HTTPRoute', 'apps', 'r')!.parents[0].conditions.map((c) => c.observedGeneration))).toEqual(new Set([g + 1]));
      expect(new Set(p.status('BackendTLSPolicy', 'apps', 'p')!.ancestors[0].conditions.map((c) => c.observedGeneration))).toEqual(new Set([g + 2]));
    }
  });

  test('route parents and policy ancestors name the controller that wrote them', () => {
    const p = DataPlane.fromManifests(objects(1));
    expect(p.status('HTTPRoute', 'apps', 'r')!.parents[0].controllerName).toBe('example.com/ctl');
    expect(p.status('BackendTLSPolicy', 'apps', 'p')!.ancestors[0].controllerName).toBe('example.com/ctl');
  });

  test('a class of another controller gets no status, and neither do the route parents on its Gateways', () => {
    const other = { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'other' }, spec: { controllerName: 'example.org/not-ours' } };
    const gw2 = { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw2' }, spec: { gatewayClassName: 'other', listeners: [http('http')] } };
    const r = route('r', { parentRefs: [{ name: 'gw', namespace: 'infra' }, { name: 'gw2', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] });
    const p = DataPlane.fromManifests([gatewayClass(), other, gw([http('http')]), gw2, svc('apps', 'web'), r], { controllerNames: ['example.com/ctl'] });
    expect(p.status('GatewayClass', undefined, 'other')).toBeUndefined();
    expect(p.status('GatewayClass', undefined, 'cls')).toBeDefined();
    expect(p.status('HTTPRoute', 'apps', 'r')!.parents.map((x) => x.parentRef.name)).toEqual(['gw']);
  });

  test('GatewayClass supportedFeatures are sorted by name', () => {
    const names = (DataPlane.fromManifests([gatewayClass()]).status('GatewayClass', undefined, 'cls') as any).supportedFeatures.map((f: any) => f.name);
    expect(names.length).toBeGreaterThan(1);
    expect(names).toEqual([...names].sort());
  });

  test('a route is Accepted when one of its parentRefs attaches, with one status entry per parentRef', () => {
    const closed = { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'closed' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } };
    const r = route('r', { parentRefs: [{ name: 'gw', namespace: 'infra' }, { name: 'closed', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] });
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('http')]), closed, svc('apps', 'web'), r]);
    const parents = p.status('HTTPRoute', 'apps', 'r')!.parents;
    expect(parents.map((x) => cond(x.conditions, 'Accepted')?.status)).toEqual(['True', 'False']);
    expect(p.http({ gateway: 'infra/gw', path: '/' }).status).toBe(200);
  });
});

describe('listener isolation and route rejection', () => {
  test('HTTP: a Host no listener matches is 404; a listener without hostname takes it', () => {
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('a', 80, { hostname: 'a.example.com' })]), svc('apps', 'web'), route('r', { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })]);
    expect(p.http({ gateway: 'infra/gw', host: 'a.example.com', path: '/' }).status).toBe(200);
    expect(p.http({ gateway: 'infra/gw', host: 'b.example.com', path: '/' }).status).toBe(404);
    const open = DataPlane.fromManifests([gatewayClass(), gw([http('a', 80)]), svc('apps', 'web'), route('r', { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })]);
    expect(open.http({ gateway: 'infra/gw', host: 'b.example.com', path: '/' }).status).toBe(200);
  });

  test('a request for a.example.com is served only by routes of the a.example.com listener, not the wildcard one', () => {
    const toListener = (name: string, section: string, backend: string) => ({ ...route(name, {}), spec: { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: section }], rules: [{ matches: [{ path: { type: 'PathPrefix', value: section === 'wild' ? '/w' : '/' } }], backendRefs: [{ name: backend, port: 8080 }] }] } });
    const p = DataPlane.fromManifests([
      gatewayClass(), gw([http('exact', 80, { hostname: 'a.example.com' }), http('wild', 80, { hostname: '*.example.com' })]), svc('apps', 'x'), svc('apps', 'y'),
      toListener('re', 'exact', 'x'), toListener('rw', 'wild', 'y'),
    ]);
    // /w matches only the wildcard listener's route, yet a.example.com belongs to the exact listener
    expect(p.http({ gateway: 'infra/gw', host: 'a.example.com', path: '/w' }).backend?.name).toBe('x');
    expect(p.http({ gateway: 'infra/gw', host: 'b.example.com', path: '/w' }).backend?.name).toBe('y');
    expect(p.http({ gateway: 'infra/gw', host: 'b.example.com', path: '/' }).status).toBe(404);
  });
});

describe('Gateway listeners: conflicts, frontend CA certificates, gRPC', () => {
  test('two listeners that conflict are both Conflicted and neither is Accepted or serves: no winner is picked', () => {
    // the CRD refuses two listeners with one port, protocol and hostname; an HTTPS and a TLS listener with one hostname on one port pass it
    const tls = { name: 'b', port: 443, protocol: 'TLS', hostname: 'x.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all };
    const httpsX = { name: 'a', port: 443, protocol: 'HTTPS', hostname: 'x.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] }, allowedRoutes: all };
    const p = DataPlane.fromManifests([gatewayClass(), gw([httpsX, tls, http('other', 8080)]), tlsSecret('infra', 'cert'), svc('apps', 'web'), route('r', { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })]);
    const listeners = p.status('Gateway', 'infra', 'gw')!.listeners;
    for (const name of ['a', 'b']) {
      const l = listeners.find((x) => x.name === name)!;
      expect(cond(l.conditions, 'Conflicted')).toMatchObject({ status: 'True', reason: 'HostnameConflict' });
      expect(cond(l.conditions, 'Accepted')).toMatchObject({ status: 'False' });
    }
    expect(p.http({ gateway: 'infra/gw', scheme: 'https', host: 'x.example.com', path: '/' }).outcome).toBe('refused');
    expect(p.tls({ gateway: 'infra/gw', sni: 'x.example.com' }).outcome).toBe('refused');
    // a distinct listener beside them still serves
    expect(p.http({ gateway: 'infra/gw', port: 8080, path: '/' }).status).toBe(200);
  });

  const frontend = (names: string[]) => ({ tls: { frontend: { default: { validation: { caCertificateRefs: names.map((name) => ({ group: '', kind: 'ConfigMap', name })) } } } } });
  const https = { name: 's', port: 443, protocol: 'HTTPS', hostname: 'a.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] }, allowedRoutes: all };
  const caMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'infra', name: 'ca' }, data: { 'ca.crt': TEST_CERT_PEM } };
  const listener = (names: string[]) => DataPlane.fromManifests([gatewayClass(), gw([https], frontend(names)), tlsSecret('infra', 'cert'), caMap]).status('Gateway', 'infra', 'gw')!.listeners[0];

  test('frontend CA refs: one invalid among valid ones is ResolvedRefs False on the listener, which stays Accepted; all invalid is Accepted False NoValidCACertificate', () => {
    const some = listener(['missing', 'ca']);
    expect(cond(some.conditions, 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'InvalidCACertificateRef', message: expect.stringContaining('missing') });
    expect(cond(some.conditions, 'Accepted')).toMatchObject({ status: 'True' });
    const none = listener(['missing', 'gone']);
    expect(cond(none.conditions, 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'InvalidCACertificateRef' });
    expect(cond(none.conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'NoValidCACertificate' });
    expect(cond(listener(['ca']).conditions, 'ResolvedRefs')).toMatchObject({ status: 'True' });
  });

  test('a frontend CA ref into another namespace without a ReferenceGrant is RefNotPermitted', () => {
    const other = { ...caMap, metadata: { namespace: 'certs', name: 'ca' } };
    const fe = { tls: { frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca', namespace: 'certs' }] } } } } };
    const l = DataPlane.fromManifests([gatewayClass(), gw([https], fe), tlsSecret('infra', 'cert'), other]).status('Gateway', 'infra', 'gw')!.listeners[0];
    expect(cond(l.conditions, 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'RefNotPermitted' });
  });

  test('gRPC: a host no listener matches is UNIMPLEMENTED; the listener hostname serves', () => {
    const g = { apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name: 'g' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] } };
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('a', 80, { hostname: 'a.example.com' })]), svc('apps', 'web'), g]);
    expect(p.grpc({ gateway: 'infra/gw', host: 'a.example.com', service: 'pkg.Svc', method: 'Get' }).backend?.name).toBe('web');
    const miss = p.grpc({ gateway: 'infra/gw', host: 'b.example.com', service: 'pkg.Svc', method: 'Get' });
    expect(miss.backend).toBeUndefined();
    expect(miss.code).toBe(12);
  });

  test('an HTTPRoute and a GRPCRoute sharing a hostname on one listener: the older is Accepted, the other not', () => {
    const kinds = (kind: string, name: string, creationTimestamp: string) => ({
      apiVersion: G,
      kind,
      metadata: { namespace: 'apps', name, creationTimestamp },
      spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['a.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] },
    });
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('a')]), svc('apps', 'web'), kinds('GRPCRoute', 'g', '2024-01-01T00:00:01Z'), kinds('HTTPRoute', 'h', '2024-01-01T00:00:00Z')]);
    expect(cond(p.status('HTTPRoute', 'apps', 'h')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'True' });
    expect(cond(p.status('GRPCRoute', 'apps', 'g')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'False' });
    // disjoint hostnames: both Accepted
    const q = DataPlane.fromManifests([gatewayClass(), gw([http('a')]), svc('apps', 'web'), kinds('GRPCRoute', 'g', '2024-01-01T00:00:01Z'), { ...kinds('HTTPRoute', 'h', '2024-01-01T00:00:00Z'), spec: { ...kinds('HTTPRoute', 'h', '2024-01-01T00:00:00Z').spec, hostnames: ['b.example.com'] } }]);
    expect(cond(q.status('GRPCRoute', 'apps', 'g')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'True' });
  });
});

describe('gRPC routing', () => {
  const grpcRoute = (name: string, spec: object, meta: object = {}) => ({ apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name, ...meta }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], ...spec } });
  const to = (name: string) => [{ name, port: 8080 }];
  const base = (listeners: object[] = [http('h')]) => [gatewayClass(), gw(listeners), tlsSecret('infra', 'cert'), svc('apps', 'a'), svc('apps', 'b'), svc('apps', 'c')];
  const call = (p: DataPlane, service: string, method: string, extra: object = {}) => p.grpc({ gateway: 'infra/gw', service, method, ...extra });

  test('gRPC is served on an HTTP listener (h2c with prior knowledge) and on an HTTPS listener', () => {
    const httpsL = { name: 's', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] }, allowedRoutes: all };
    const p = DataPlane.fromManifests([...base([http('h'), httpsL]), grpcRoute('g', { rules: [{ backendRefs: to('a') }] })]);
    expect(call(p, 'pkg.Svc', 'Get')).toMatchObject({ code: 0, backend: { name: 'a' } });
    expect(call(p, 'pkg.Svc', 'Get', { scheme: 'https', port: 443, host: 'x.example.com' })).toMatchObject({ code: 0, backend: { name: 'a' } });
    for (const l of p.status('Gateway', 'infra', 'gw')!.listeners) expect(cond(l.conditions, 'Accepted')).toMatchObject({ status: 'True' });
  });

  test('a rule without matches takes every call; a call matching no rule is UNIMPLEMENTED', () => {
    const p = DataPlane.fromManifests([...base(), grpcRoute('g', { rules: [{ backendRefs: to('a') }] })]);
    expect(call(p, 'any.Thing', 'Do').backend?.name).toBe('a');
    const q = DataPlane.fromManifests([...base(), grpcRoute('g', { rules: [{ matches: [{ method: { service: 'pkg.Svc' } }], backendRefs: to('a') }] })]);
    expect(call(q, 'pkg.Svc', 'Get').backend?.name).toBe('a');
    expect(call(q, 'pkg.Other', 'Get').code).toBe(12);
  });

  test('precedence: a method match over a service match, more header matches, then the older route, then the name, then rule order', () => {
    const rules = [
      { matches: [{ method: { service: 'pkg.Svc' } }], backendRefs: to('a') },
      { matches: [{ method: { service: 'pkg.Svc', method: 'Get' } }], backendRefs: to('b') },
      { matches: [{ method: { service: 'pkg.Svc' }, headers: [{ name: 'x-v', value: '2' }] }], backendRefs: to('c') },
    ];
    const p = DataPlane.fromManifests([...base(), grpcRoute('g', { rules })]);
    expect(call(p, 'pkg.Svc', 'Get').backend?.name).toBe('b');
    expect(call(p, 'pkg.Svc', 'Put').backend?.name).toBe('a');
    expect(call(p, 'pkg.Svc', 'Put', { headers: { 'x-v': '2' } }).backend?.name).toBe('c');
    const same = (name: string, backend: string, creationTimestamp: string) => grpcRoute(name, { rules: [{ matches: [{ method: { service: 'pkg.Svc' } }], backendRefs: to(backend) }] }, { creationTimestamp });
    expect(call(DataPlane.fromManifests([...base(), same('z', 'a', '2024-01-01T00:00:00Z'), same('y', 'b', '2024-01-01T00:00:01Z')]), 'pkg.Svc', 'Get').backend?.name).toBe('a');
    expect(call(DataPlane.fromManifests([...base(), same('z', 'a', '2024-01-01T00:00:00Z'), same('y', 'b', '2024-01-01T00:00:00Z')]), 'pkg.Svc', 'Get').backend?.name).toBe('b');
    const twice = grpcRoute('g', { rules: [{ matches: [{ method: { service: 'pkg.Svc' } }], backendRefs: to('a') }, { matches: [{ method: { service: 'pkg.Svc' } }], backendRefs: to('b') }] });
    expect(call(DataPlane.fromManifests([...base(), twice]), 'pkg.Svc', 'Get').backend?.name).toBe('a');
  });

  test('header matches are ANDed: every one must match', () => {
    const p = DataPlane.fromManifests([...base(), grpcRoute('g', { rules: [{ matches: [{ headers: [{ name: 'x-a', value: '1' }, { name: 'x-b', value: '2' }] }], backendRefs: to('a') }] })]);
    expect(call(p, 'pkg.Svc', 'Get', { headers: { 'x-a': '1', 'x-b': '2' } }).backend?.name).toBe('a');
    expect(call(p, 'pkg.Svc', 'Get', { headers: { 'x-a': '1' } }).code).toBe(12);
  });

  test('core filters apply (header modifier, mirror whose answer is ignored); a filter the plane does not implement fails the call instead of being skipped', () => {
    const filters = [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-set', value: 'v' }] } }, { type: 'RequestMirror', requestMirror: { backendRef: { name: 'b', port: 8080 } } }];
    const p = DataPlane.fromManifests([...base(), grpcRoute('g', { rules: [{ filters, backendRefs: to('a') }] })]);
    const r = call(p, 'pkg.Svc', 'Get');
    expect(r).toMatchObject({ code: 0, backend: { name: 'a' } });
    expect(JSON.stringify(r)).toContain('x-set');
    expect(r.mirrors.map((m) => m.name)).toEqual(['b']);
    const ext = DataPlane.fromManifests([...base(), grpcRoute('g', { rules: [{ filters: [{ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Thing', name: 't' } }], backendRefs: to('a') }] })]);
    const failed = call(ext, 'pkg.Svc', 'Get');
    expect(failed.backend).toBeUndefined();
    expect(failed.code).not.toBe(0);
  });

  test('a rule with no backendRefs answers UNAVAILABLE; an invalid backendRef too', () => {
    const none = DataPlane.fromManifests([...base(), grpcRoute('g', { rules: [{ matches: [{ method: { service: 'pkg.Svc' } }] }] })]);
    expect(call(none, 'pkg.Svc', 'Get').code).toBe(14);
    const missing = DataPlane.fromManifests([...base(), grpcRoute('g', { rules: [{ backendRefs: to('gone') }] })]);
    expect(call(missing, 'pkg.Svc', 'Get').code).toBe(14);
  });
});

describe('route hostnames and the listener hostname', () => {
  const wild = http('w', 80, { hostname: '*.example.com' });
  test('HTTPRoute: a route hostname outside the listener hostname is not served; inside it is', () => {
    const p = DataPlane.fromManifests([gatewayClass(), gw([wild]), svc('apps', 'web'), route('r', { hostnames: ['a.example.com', 'a.example.net'], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })]);
    expect(p.http({ gateway: 'infra/gw', host: 'a.example.com', path: '/' }).status).toBe(200);
    expect(p.http({ gateway: 'infra/gw', host: 'a.example.net', path: '/' }).status).toBe(404);
  });

  test('GRPCRoute: the same, and a route with no hostname inside the listener hostname is Accepted False NoMatchingListenerHostname', () => {
    const g = (hostnames: string[]) => ({ apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name: 'g' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames, rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] } });
    const p = DataPlane.fromManifests([gatewayClass(), gw([wild]), svc('apps', 'web'), g(['a.example.com', 'test.example.net'])]);
    expect(p.grpc({ gateway: 'infra/gw', host: 'a.example.com', service: 's.S', method: 'M' }).backend?.name).toBe('web');
    expect(p.grpc({ gateway: 'infra/gw', host: 'test.example.net', service: 's.S', method: 'M' }).backend).toBeUndefined();
    const q = DataPlane.fromManifests([gatewayClass(), gw([wild]), svc('apps', 'web'), g(['test.example.net'])]);
    expect(cond(q.status('GRPCRoute', 'apps', 'g')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'NoMatchingListenerHostname' });
  });

  test('the port in the Host header is ignored when matching, and the Host is forwarded as sent', () => {
    const p = DataPlane.fromManifests([gatewayClass(), gw([wild]), svc('apps', 'web'), route('r', { hostnames: ['a.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })]);
    const r = p.http({ gateway: 'infra/gw', host: 'a.example.com:8081', path: '/' });
    expect(r.status).toBe(200);
    expect(r.request?.host).toBe('a.example.com:8081');
  });
});

describe('HTTP rules: missing backends, header modifier names, retries, addresses', () => {
  test('a rule with neither backendRefs nor filters answers 500', () => {
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('h')]), route('r', { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }] })]);
    expect(p.http({ gateway: 'infra/gw', path: '/' }).status).toBe(500);
  });

  test('header modifier entries naming one header in different case: only the first counts', () => {
    const f = { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-A', value: 'first' }, { name: 'x-a', value: 'second' }] } };
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('h')]), svc('apps', 'web'), route('r', { rules: [{ filters: [f], backendRefs: [{ name: 'web', port: 8080 }] }] })]);
    expect(p.http({ gateway: 'infra/gw', path: '/' }).request?.headers['x-a']).toBe('first');
    const add = { type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-b', value: 'one' }, { name: 'X-B', value: 'two' }], set: [{ name: 'x-c', value: 'c' }] } };
    const q = DataPlane.fromManifests([gatewayClass(), gw([http('h')]), svc('apps', 'web'), route('r', { rules: [{ filters: [add], backendRefs: [{ name: 'web', port: 8080 }] }] })]);
    expect(q.http({ gateway: 'infra/gw', path: '/' }).request?.headers).toMatchObject({ 'x-b': 'one', 'x-c': 'c' });
  });

  test.each([500, 502, 503, 504])('%i is retriable when listed; an unlisted code is not retried', (code) => {
    expect(exchange({ retry: { codes: [code], attempts: 1 } }, { statuses: [code, 200] })).toMatchObject({ status: 200, attempts: 2 });
    expect(exchange({ retry: { codes: [code === 500 ? 502 : 500], attempts: 1 } }, { statuses: [code, 200] })).toMatchObject({ status: code, attempts: 1 });
  });

  test('timeouts of 0s are disabled completely: a backend of any latency is waited for; 1ms is a timeout', () => {
    expect(exchange({ timeouts: { backendRequest: '0s' } }, { latency: '1h' })).toMatchObject({ status: 200, timedOut: false });
    expect(exchange({ timeouts: { request: '0s', backendRequest: '0s' } }, { latency: '1h' })).toMatchObject({ status: 200, timedOut: false });
    expect(exchange({ timeouts: { backendRequest: '1ms' } }, { latency: '2ms' })).toMatchObject({ status: 504 });
  });

  test('an address without a value gets one assigned: the Gateway is Programmed', () => {
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('h')], { addresses: [{ type: 'IPAddress' }] })]);
    const st = p.status('Gateway', 'infra', 'gw')!;
    expect(cond(st.conditions, 'Programmed')).toMatchObject({ status: 'True' });
    expect(st.addresses?.[0]?.value).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});

describe('status entries, grants, parentRef ports, TLSRoute attachment', () => {
  const web = (name: string, gateway: string) => ({ ...route(name, {}), spec: { parentRefs: [{ name: gateway, namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] } });
  const gwNamed = (name: string, className: string) => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name }, spec: { gatewayClassName: className, listeners: [http('http')] } });
  const policy = { apiVersion: G, kind: 'BackendTLSPolicy', metadata: { namespace: 'apps', name: 'p' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System' } } };

  test('a condition type appears once in each condition list', () => {
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('http')]), svc('apps', 'web'), web('r', 'gw'), policy]);
    const lists: any[][] = [];
    for (const o of p.objects()) {
      const st: any = o.status;
      if (!st) continue;
      lists.push(st.conditions ?? [], ...(st.listeners ?? []).map((l: any) => l.conditions), ...(st.parents ?? []).map((x: any) => x.conditions), ...(st.ancestors ?? []).map((x: any) => x.conditions));
    }
    expect(lists.filter((l) => l.length > 0).length).toBeGreaterThan(4);
    for (const l of lists) expect(new Set(l.map((c: any) => c.type)).size).toBe(l.length);
  });

  test('a policy has one ancestor entry per Gateway of the controller, none for Gateways of another', () => {
    const other = { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'other' }, spec: { controllerName: 'example.org/not-ours' } };
    const p = DataPlane.fromManifests([
      gatewayClass(), other, gwNamed('gw', 'cls'), gwNamed('gw2', 'cls'), gwNamed('foreign', 'other'), svc('apps', 'web'),
      web('r1', 'gw'), web('r2', 'gw'), web('r3', 'gw2'), web('r4', 'foreign'), policy,
    ], { controllerNames: ['example.com/ctl'] });
    const ancestors = p.status('BackendTLSPolicy', 'apps', 'p')!.ancestors;
    expect(ancestors.map((a) => `${a.ancestorRef.name} ${a.controllerName}`).sort()).toEqual(['gw example.com/ctl', 'gw2 example.com/ctl']);
  });

  test('a grant allows a reference when any from entry and any to entry match', () => {
    const GRP = 'gateway.networking.k8s.io';
    const grant = (from: object[], to: object[]) => ({ apiVersion: `${GRP}/v1beta1`, kind: 'ReferenceGrant', metadata: { namespace: 'backends', name: 'g' }, spec: { from, to } });
    const cross = { ...route('r', {}), spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', namespace: 'backends', port: 8080 }] }] } };
    const resolved = (g: object) => cond(DataPlane.fromManifests([gatewayClass(), gw([http('http')]), svc('backends', 'web'), cross, g]).status('HTTPRoute', 'apps', 'r')!.parents[0].conditions, 'ResolvedRefs');
    const fromOther = { group: GRP, kind: 'HTTPRoute', namespace: 'other' };
    const fromApps = { group: GRP, kind: 'HTTPRoute', namespace: 'apps' };
    const toOther = { group: '', kind: 'Service', name: 'db' };
    const toWeb = { group: '', kind: 'Service', name: 'web' };
    expect(resolved(grant([fromOther, fromApps], [toOther, toWeb]))).toMatchObject({ status: 'True' });
    expect(resolved(grant([fromOther], [toOther, toWeb]))).toMatchObject({ status: 'False', reason: 'RefNotPermitted' });
    expect(resolved(grant([fromOther, fromApps], [toOther]))).toMatchObject({ status: 'False', reason: 'RefNotPermitted' });
  });

  test('a parentRef port no listener has is NoMatchingParent; the listener port attaches', () => {
    const at = (port: number) => ({ ...route('r', {}), spec: { parentRefs: [{ name: 'gw', namespace: 'infra', port }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] } });
    const status = (port: number) => cond(DataPlane.fromManifests([gatewayClass(), gw([http('http', 80)]), svc('apps', 'web'), at(port)]).status('HTTPRoute', 'apps', 'r')!.parents[0].conditions, 'Accepted');
    expect(status(80)).toMatchObject({ status: 'True' });
    expect(status(81)).toMatchObject({ status: 'False', reason: 'NoMatchingParent' });
  });

  test('a TLSRoute attaches only to a TLS listener, and only with a hostname the listener takes', () => {
    const tlsL = { name: 't', port: 443, protocol: 'TLS', hostname: '*.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all };
    const tr = (hostnames: string[], sectionName: string) => ({ apiVersion: G, kind: 'TLSRoute', metadata: { namespace: 'apps', name: 'tr' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName }], hostnames, rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] } });
    const plane = (hostnames: string[], sectionName: string) => DataPlane.fromManifests([gatewayClass(), gw([tlsL, http('h')]), svc('apps', 'web'), tr(hostnames, sectionName)]);
    const accepted = (p: DataPlane) => cond(p.status('TLSRoute', 'apps', 'tr')!.parents[0].conditions, 'Accepted');
    const ok = plane(['a.example.com', 'a.example.net'], 't');
    expect(accepted(ok)).toMatchObject({ status: 'True' });
    expect(ok.tls({ gateway: 'infra/gw', sni: 'a.example.com' }).backend?.name).toBe('web');
    expect(ok.tls({ gateway: 'infra/gw', sni: 'a.example.net' }).backend).toBeUndefined();
    expect(accepted(plane(['a.example.net'], 't'))).toMatchObject({ status: 'False', reason: 'NoMatchingListenerHostname' });
    expect(accepted(plane(['a.example.com'], 'h'))).toMatchObject({ status: 'False', reason: 'NotAllowedByListeners' });
  });
});

describe('BackendTLSPolicy ancestors: at most 16', () => {
  const policy = { apiVersion: G, kind: 'BackendTLSPolicy', metadata: { namespace: 'apps', name: 'p' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System' } } };
  const world = (n: number) => {
    const names = Array.from({ length: n }, (_, i) => `gw${String(i).padStart(2, '0')}`);
    return {
      names,
      plane: DataPlane.fromManifests([
        gatewayClass(), svc('apps', 'web'), policy,
        ...names.map((name) => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name }, spec: { gatewayClassName: 'cls', listeners: [http('http')] } })),
        ...names.map((name) => ({ ...route(`r-${name}`, {}), spec: { parentRefs: [{ name, namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] } })),
      ]),
    };
  };

  test('16 Gateways: 16 entries, and requests through every one are verified by the policy', () => {
    const { names, plane } = world(16);
    expect(plane.status('BackendTLSPolicy', 'apps', 'p')!.ancestors).toHaveLength(16);
    for (const name of names) expect(plane.http({ gateway: `infra/${name}`, path: '/' }).request?.sni).toBe('web.example.com');
  });

  test('17 Gateways: no 17th entry; through the Gateway left out the policy is unimplementable and requests fail, never in plaintext', () => {
    const { names, plane } = world(17);
    const ancestors = plane.status('BackendTLSPolicy', 'apps', 'p')!.ancestors;
    expect(ancestors.map((a) => a.ancestorRef.name)).toEqual(names.slice(0, 16));
    const last = plane.http({ gateway: 'infra/gw16', path: '/' });
    expect(last.status).toBe(500);
    expect(last.request).toBeUndefined();
    expect(last.explanation.join('\n')).toMatch(/already lists 16 ancestor Gateways/);
    expect(plane.http({ gateway: 'infra/gw15', path: '/' }).request?.sni).toBe('web.example.com');
  });
});

describe('condition messages say why', () => {
  test('a backendRef of an unknown kind, to a missing Service, or across namespaces without a grant: the ResolvedRefs message names the kind or the reference', () => {
    const resolved = (ref: object, extra: object[] = []) => {
      const p = DataPlane.fromManifests([gatewayClass(), gw([http('h')]), ...extra, route('r', { rules: [{ backendRefs: [{ port: 8080, ...ref }] }] })]);
      return cond(p.status('HTTPRoute', 'apps', 'r')!.parents[0].conditions, 'ResolvedRefs');
    };
    expect(resolved({ group: 'example.com', kind: 'Bucket', name: 'b' })).toMatchObject({ status: 'False', reason: 'InvalidKind', message: expect.stringContaining('Bucket') });
    expect(resolved({ name: 'gone' })).toMatchObject({ status: 'False', reason: 'BackendNotFound', message: expect.stringContaining('gone') });
    expect(resolved({ name: 'web', namespace: 'other' }, [svc('other', 'web')])).toMatchObject({ status: 'False', reason: 'RefNotPermitted', message: expect.stringContaining('other') });
    expect(resolved({ name: 'web' }, [svc('apps', 'web')])).toMatchObject({ status: 'True' });
  });

  test('a client certificate ref that does not resolve: the Gateway ResolvedRefs message names the Secret', () => {
    const p = DataPlane.fromManifests([gatewayClass(), gw([http('h')], { tls: { backend: { clientCertificateRef: { group: '', kind: 'Secret', name: 'client-cert' } } } })]);
    expect(cond(p.status('Gateway', 'infra', 'gw')!.conditions, 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'InvalidClientCertificateRef', message: expect.stringContaining('client-cert') });
    const q = DataPlane.fromManifests([gatewayClass(), gw([http('h')], { tls: { backend: { clientCertificateRef: { group: '', kind: 'Secret', name: 'client-cert' } } } }), tlsSecret('infra', 'client-cert')]);
    expect(cond(q.status('Gateway', 'infra', 'gw')!.conditions, 'ResolvedRefs')).toMatchObject({ status: 'True' });
  });
});
