import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { TEST_CERT_PEM, tlsSecret } from './tls-fixture';
import { DataPlane, DataPlaneOptions } from '../../src/testing/data-plane';
import { testWithShared } from '../support/shared';

/**
 * docs/status.md lists every condition type and reason of the v1.6.1 API for
 * the kinds the plane reconciles. Each row the plane sets is produced here
 * from manifests; each row it never sets must be absent from every status
 * these scenarios produce.
 */

interface Row { object: string; type: string; reason: string; status: string; when: string }

const doc = fs.readFileSync(path.join(__dirname, '../../docs/status.md'), 'utf8');
const rows: Row[] = doc.split('\n').filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| Object')).map((l) => {
  const [object, type, reason, status, when] = l.split(' | ').map((c) => c.replace(/^\| /, '').replace(/ \|$/, ''));
  return { object, type, reason, status, when };
});
const key = (r: Pick<Row, 'object' | 'type' | 'reason' | 'status'>) => `${r.object} ${r.type} ${r.reason} ${r.status}`;

// --- manifests -------------------------------------------------------------------------------------------------
const G = 'gateway.networking.k8s.io/v1';
const cls = (spec: object = {}) => ({ apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/gw', ...spec } });
const gw = (listeners: any[], spec: object = {}) => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners, ...spec } });
const all = { namespaces: { from: 'All' } };
const http = (name = 'http', extra: object = {}) => ({ name, port: 80, protocol: 'HTTP', allowedRoutes: all, ...extra });
const quic = (name = 'quic') => ({ name, port: 9000, protocol: 'example.com/quic' });
const https = (name: string, hostname: string | undefined, secret = 'cert', extra: object = {}) =>
  ({ name, port: 443, protocol: 'HTTPS', ...(hostname ? { hostname } : {}), tls: { mode: 'Terminate', certificateRefs: [{ name: secret }] }, allowedRoutes: all, ...extra });
const tlsListener = (name: string, hostname: string) => ({ name, port: 443, protocol: 'TLS', hostname, tls: { mode: 'Passthrough' }, allowedRoutes: all });
const svc = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports: [{ port: 8080 }] } });
const caMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'infra', name }, data: { 'ca.crt': TEST_CERT_PEM } });
const route = (name: string, spec: object, kind = 'HTTPRoute', meta: object = {}) =>
  ({ apiVersion: G, kind, metadata: { namespace: 'apps', name, ...meta }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], ...spec } });
const backend = (name = 'web', extra: object = {}) => ({ name, port: 8080, ...extra });
const listenerSet = (listeners: any[], name = 'ls', meta: object = {}) =>
  ({ apiVersion: G, kind: 'ListenerSet', metadata: { namespace: 'infra', name, ...meta }, spec: { parentRef: { name: 'gw' }, listeners } });
const allowSets = { allowedListeners: { namespaces: { from: 'Same' } } };
const frontend = (ref: object, mode?: string) => ({ tls: { frontend: { default: { validation: { caCertificateRefs: [{ group: '', ...ref }], ...(mode ? { mode } : {}) } } } } });
const policy = (name: string, spec: object, meta: object = {}) =>
  ({ apiVersion: G, kind: 'BackendTLSPolicy', metadata: { namespace: 'apps', name, ...meta }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] }, ...spec } });
const appsCa = { ...caMap('ca'), metadata: { namespace: 'apps', name: 'ca' } };
const web = [svc('apps', 'web')];
const basic = [cls(), gw([http()])];

/** Where a condition is read. */
interface At { kind: string; name: string; namespace?: string; listener?: string; parent?: number }
interface Scenario { objects: any[]; at: At; options?: DataPlaneOptions }
const GW: At = { kind: 'Gateway', namespace: 'infra', name: 'gw' };
const L = (listener: string): At => ({ ...GW, listener });
const LS: At = { kind: 'ListenerSet', namespace: 'infra', name: 'ls' };
const LSL = (listener: string): At => ({ ...LS, listener });
const R = (name = 'r', kind = 'HTTPRoute'): At => ({ kind, namespace: 'apps', name, parent: 0 });
const P: At = { kind: 'BackendTLSPolicy', namespace: 'apps', name: 'p', parent: 0 };

const servedRoute = route('r', { rules: [{ backendRefs: [backend()] }] });
const policyWorld = (p: any, extra: any[] = []) => [...basic, ...web, appsCa, servedRoute, p, ...extra];

const SCENARIOS: Record<string, Scenario> = {
  'GatewayClass Accepted Accepted True': { objects: [cls()], at: { kind: 'GatewayClass', name: 'cls' } },
  'GatewayClass Accepted InvalidParameters False': { objects: [cls({ parametersRef: { group: '', kind: 'ConfigMap', name: 'missing', namespace: 'infra' } })], at: { kind: 'GatewayClass', name: 'cls' } },
  'GatewayClass SupportedVersion SupportedVersion True': { objects: [cls()], at: { kind: 'GatewayClass', name: 'cls' } },
  'Gateway Accepted Accepted True': { objects: basic, at: GW },
  'Gateway Accepted ListenersNotValid True': { objects: [cls(), gw([http(), quic()])], at: GW },
  'Gateway Accepted ListenersNotValid False': { objects: [cls(), gw([quic()])], at: GW },
  'Gateway Accepted UnsupportedAddress False': { objects: [cls(), gw([http()], { addresses: [{ type: 'example.com/pool', value: 'blue' }] })], at: GW },
  'Gateway Accepted InvalidParameters False': { objects: [cls(), gw([http()], { infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: 'missing' } } })], at: GW },
  'Gateway Programmed Programmed True': { objects: basic, at: GW },
  'Gateway Programmed Invalid False': { objects: [cls(), gw([quic()])], at: GW },
  'Gateway InsecureFrontendValidationMode ConfigurationChanged True': {
    objects: [cls(), gw([https('a', 'a.example.com')], frontend({ kind: 'ConfigMap', name: 'ca' }, 'AllowInsecureFallback')), tlsSecret('infra', 'cert'), caMap('ca')], at: GW,
  },
  'Gateway ResolvedRefs ResolvedRefs True': { objects: [cls(), gw([http()], { tls: { backend: { clientCertificateRef: { group: '', kind: 'Secret', name: 'cert' } } } }), tlsSecret('infra', 'cert')], at: GW },
  'Gateway ResolvedRefs InvalidClientCertificateRef False': { objects: [cls(), gw([http()], { tls: { backend: { clientCertificateRef: { group: '', kind: 'Secret', name: 'missing' } } } })], at: GW },
  'Gateway ResolvedRefs RefNotPermitted False': {
    objects: [cls(), gw([http()], { tls: { backend: { clientCertificateRef: { group: '', kind: 'Secret', name: 'cert', namespace: 'other' } } } }), tlsSecret('other', 'cert')], at: GW,
  },
  'Gateway ResolvedRefs ListenersNotResolved False': { objects: [cls(), gw([http(), https('a', 'a.example.com', 'missing')])], at: GW },
  'Listener Conflicted HostnameConflict True': { objects: [cls(), gw([https('a', 'x.example.com'), tlsListener('b', 'x.example.com')]), tlsSecret('infra', 'cert')], at: L('a') },
  'Listener Conflicted ProtocolConflict True': { objects: [cls(), gw([http(), { name: 't', port: 80, protocol: 'TCP' }])], at: L('http') },
  'Listener Conflicted NoConflicts False': { objects: basic, at: L('http') },
  'Listener Accepted Accepted True': { objects: basic, at: L('http') },
  'Listener Accepted UnsupportedProtocol False': { objects: [cls(), gw([http(), quic()])], at: L('quic') },
  'Listener Accepted PortUnavailable False': { objects: [cls(), gw([http(), http('alt', { port: 8080 })])], at: L('alt'), options: { implementation: { supportedFeatures: ['Gateway', 'HTTPRoute'] } } },
  'Listener Programmed PortUnavailable False': { objects: [cls(), gw([http(), http('alt', { port: 8080 })])], at: L('alt'), options: { implementation: { supportedFeatures: ['Gateway', 'HTTPRoute'] } } },
  'ListenerSet listener Accepted PortUnavailable False': {
    objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LSL('extra'), options: { implementation: { supportedFeatures: ['Gateway', 'HTTPRoute', 'ListenerSet'] } },
  },
  'ListenerSet listener Programmed PortUnavailable False': {
    objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LSL('extra'), options: { implementation: { supportedFeatures: ['Gateway', 'HTTPRoute', 'ListenerSet'] } },
  },
  'Route Accepted IncompatibleFilters False': {
    objects: [...basic, ...web, route('r', { rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['https://a.example.com'] } }], backendRefs: [backend()] }] })],
    at: R(),
    options: { implementation: { supportedFeatures: ['Gateway', 'HTTPRoute'] } },
  },
  'Listener Accepted NoValidCACertificate False': { objects: [cls(), gw([https('a', 'a.example.com')], frontend({ kind: 'ConfigMap', name: 'missing' })), tlsSecret('infra', 'cert')], at: L('a') },
  'Listener Accepted HostnameConflict False': { objects: [cls(), gw([https('a', 'x.example.com'), tlsListener('b', 'x.example.com')]), tlsSecret('infra', 'cert')], at: L('b') },
  'Listener Accepted ProtocolConflict False': { objects: [cls(), gw([http(), { name: 't', port: 80, protocol: 'TCP' }])], at: L('t') },
  'Listener ResolvedRefs ResolvedRefs True': { objects: basic, at: L('http') },
  'Listener ResolvedRefs InvalidCertificateRef False': { objects: [cls(), gw([https('a', 'a.example.com', 'missing')])], at: L('a') },
  'Listener ResolvedRefs InvalidRouteKinds False': { objects: [cls(), gw([http('http', { allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } })])], at: L('http') },
  'Listener ResolvedRefs RefNotPermitted False': {
    objects: [cls(), gw([https('a', 'a.example.com', 'cert', { tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert', namespace: 'other' }] } })]), tlsSecret('other', 'cert')], at: L('a'),
  },
  'Listener ResolvedRefs InvalidCACertificateRef False': { objects: [cls(), gw([https('a', 'a.example.com')], frontend({ kind: 'ConfigMap', name: 'missing' })), tlsSecret('infra', 'cert')], at: L('a') },
  'Listener ResolvedRefs InvalidCACertificateKind False': { objects: [cls(), gw([https('a', 'a.example.com')], frontend({ kind: 'Service', name: 'ca' })), tlsSecret('infra', 'cert')], at: L('a') },
  'Listener Programmed HostnameConflict False': { objects: [cls(), gw([https('a', 'x.example.com'), tlsListener('b', 'x.example.com'), http('ok', { port: 8080 })]), tlsSecret('infra', 'cert')], at: L('a') },
  'Listener Programmed ProtocolConflict False': { objects: [cls(), gw([http(), { name: 't', port: 80, protocol: 'TCP' }, http('ok', { port: 8080 })])], at: L('t') },
  'Listener Programmed UnsupportedProtocol False': { objects: [cls(), gw([http(), quic()])], at: L('quic') },
  'Listener Programmed NoValidCACertificate False': { objects: [cls(), gw([http(), https('a', 'a.example.com')], frontend({ kind: 'ConfigMap', name: 'missing' })), tlsSecret('infra', 'cert')], at: L('a') },
  'Listener Programmed Programmed True': { objects: basic, at: L('http') },
  'Listener Programmed Invalid False': { objects: [cls(), gw([https('a', 'a.example.com', 'missing')])], at: L('a') },
  'Listener OverlappingTLSConfig OverlappingHostnames True': {
    objects: [cls(), gw([https('a', 'foo.example.com', 'cert'), https('b', '*.example.com', 'other'), https('c', 'foo.example.org', 'cert')]), tlsSecret('infra', 'cert'), tlsSecret('infra', 'other')], at: L('b'),
  },
  'Listener OverlappingTLSConfig OverlappingCertificates True': {
    objects: [cls(), gw([https('a', 'foo.example.com', 'cert'), https('b', '*.example.com', 'cert')]), tlsSecret('infra', 'cert')], at: L('a'),
  },
  'ListenerSet Accepted Accepted True': { objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LS },
  'ListenerSet Accepted ListenersNotValid True': { objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 }), quic()])], at: LS },
  'ListenerSet Accepted ListenersNotValid False': { objects: [cls(), gw([http()], allowSets), listenerSet([quic()])], at: LS },
  'ListenerSet Accepted NotAllowed False': { objects: [cls(), gw([http()]), listenerSet([http('extra', { port: 8080 })])], at: LS },
  'ListenerSet Accepted ParentNotAccepted False': { objects: [cls(), gw([quic()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LS },
  'ListenerSet Programmed Programmed True': { objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LS },
  'ListenerSet Programmed NotAllowed False': { objects: [cls(), gw([http()]), listenerSet([http('extra', { port: 8080 })])], at: LS },
  'ListenerSet Programmed ParentNotAccepted False': { objects: [cls(), gw([quic()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LS },
  'ListenerSet Programmed ListenersNotValid False': { objects: [cls(), gw([http()], allowSets), listenerSet([quic()])], at: LS },
  'ListenerSet listener Conflicted HostnameConflict True': { objects: [cls(), gw([http()], allowSets), listenerSet([http('dup'), http('extra', { port: 8080 })])], at: LSL('dup') },
  'ListenerSet listener Conflicted ProtocolConflict True': { objects: [cls(), gw([http()], allowSets), listenerSet([{ name: 'tcp', port: 80, protocol: 'TCP' }, http('extra', { port: 8080 })])], at: LSL('tcp') },
  'ListenerSet listener Conflicted NoConflicts False': { objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LSL('extra') },
  'ListenerSet listener Accepted Accepted True': { objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LSL('extra') },
  'ListenerSet listener Accepted HostnameConflict False': { objects: [cls(), gw([http()], allowSets), listenerSet([http('dup'), http('extra', { port: 8080 })])], at: LSL('dup') },
  'ListenerSet listener Accepted ProtocolConflict False': { objects: [cls(), gw([http()], allowSets), listenerSet([{ name: 'tcp', port: 80, protocol: 'TCP' }, http('extra', { port: 8080 })])], at: LSL('tcp') },
  'ListenerSet listener Accepted UnsupportedProtocol False': { objects: [cls(), gw([http()], allowSets), listenerSet([quic(), http('extra', { port: 8080 })])], at: LSL('quic') },
  'ListenerSet listener ResolvedRefs ResolvedRefs True': { objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LSL('extra') },
  'ListenerSet listener ResolvedRefs InvalidCertificateRef False': { objects: [cls(), gw([http()], allowSets), listenerSet([https('s', 's.example.com', 'missing')])], at: LSL('s') },
  'ListenerSet listener ResolvedRefs InvalidRouteKinds False': { objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080, allowedRoutes: { kinds: [{ kind: 'UDPRoute' }] } })])], at: LSL('extra') },
  'ListenerSet listener ResolvedRefs RefNotPermitted False': {
    objects: [cls(), gw([http()], allowSets), listenerSet([https('s', 's.example.com', 'cert', { tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert', namespace: 'other' }] } })]), tlsSecret('other', 'cert')], at: LSL('s'),
  },
  'ListenerSet listener Programmed HostnameConflict False': { objects: [cls(), gw([http()], allowSets), listenerSet([http('dup'), http('extra', { port: 8080 })])], at: LSL('dup') },
  'ListenerSet listener Programmed ProtocolConflict False': { objects: [cls(), gw([http()], allowSets), listenerSet([{ name: 'tcp', port: 80, protocol: 'TCP' }, http('extra', { port: 8080 })])], at: LSL('tcp') },
  'ListenerSet listener Programmed UnsupportedProtocol False': { objects: [cls(), gw([http()], allowSets), listenerSet([quic(), http('extra', { port: 8080 })])], at: LSL('quic') },
  'ListenerSet listener Programmed Programmed True': { objects: [cls(), gw([http()], allowSets), listenerSet([http('extra', { port: 8080 })])], at: LSL('extra') },
  'ListenerSet listener Programmed Invalid False': { objects: [cls(), gw([http()], allowSets), listenerSet([https('s', 's.example.com', 'missing')])], at: LSL('s') },
  'Route Accepted Accepted True': { objects: [...basic, ...web, servedRoute], at: R() },
  'Route Accepted NotAllowedByListeners False': {
    objects: [cls(), gw([http('http', { allowedRoutes: { namespaces: { from: 'Same' } } })]), ...web, servedRoute], at: R(),
  },
  'Route Accepted NoMatchingListenerHostname False': {
    objects: [cls(), gw([http('http', { hostname: 'a.example.com' })]), ...web, route('r', { hostnames: ['b.example.com'], rules: [{ backendRefs: [backend()] }] })], at: R(),
  },
  'Route Accepted NoMatchingParent False': { objects: [...basic, ...web, route('r', { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'nope' }], rules: [{ backendRefs: [backend()] }] })], at: R() },
  'Route Accepted UnsupportedValue False': {
    objects: [...basic, ...web, route('r', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(?=x)' } }], backendRefs: [backend()] }] })], at: R(),
  },
  'Route ResolvedRefs ResolvedRefs True': { objects: [...basic, ...web, servedRoute], at: R() },
  'Route ResolvedRefs RefNotPermitted False': { objects: [...basic, svc('other', 'web'), route('r', { rules: [{ backendRefs: [backend('web', { namespace: 'other' })] }] })], at: R() },
  'Route ResolvedRefs InvalidKind False': { objects: [...basic, route('r', { rules: [{ backendRefs: [backend('web', { group: 'example.com', kind: 'Bucket' })] }] })], at: R() },
  'Route ResolvedRefs BackendNotFound False': { objects: [...basic, route('r', { rules: [{ backendRefs: [backend('missing')] }] })], at: R() },
  'Route PartiallyInvalid UnsupportedValue True': {
    objects: [...basic, ...web, route('r', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(?=x)' } }], backendRefs: [backend()] }, { backendRefs: [backend()] }] })],
    at: R(),
    options: { partiallyInvalid: 'drop-rule' },
  },
  'BackendTLSPolicy Accepted Accepted True': { objects: policyWorld(policy('p', {})), at: P },
  'BackendTLSPolicy Accepted Conflicted False': {
    objects: policyWorld(policy('p', {}, { creationTimestamp: '2025-02-01T00:00:00Z' }), [policy('older', {}, { creationTimestamp: '2025-01-01T00:00:00Z' })]), at: P,
  },
  'BackendTLSPolicy Accepted TargetNotFound False': {
    objects: policyWorld(policy('p', { targetRefs: [{ group: '', kind: 'Service', name: 'web' }, { group: 'example.com', kind: 'Bucket', name: 'web' }] })), at: P,
  },
  'BackendTLSPolicy Accepted NoValidCACertificate False': {
    objects: policyWorld(policy('p', { validation: { hostname: 'web.example.com', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'missing' }] } })), at: P,
  },
  'BackendTLSPolicy Accepted Invalid False': {
    objects: policyWorld(policy('p', { validation: { hostname: 'web.example.com', wellKnownCACertificates: 'example.com/custom-cas' } })), at: P,
  },
  'BackendTLSPolicy ResolvedRefs ResolvedRefs True': { objects: policyWorld(policy('p', {})), at: P },
  'BackendTLSPolicy ResolvedRefs InvalidCACertificateRef False': {
    objects: policyWorld(policy('p', { validation: { hostname: 'web.example.com', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'missing' }] } })), at: P,
  },
  'BackendTLSPolicy ResolvedRefs InvalidKind False': {
    objects: policyWorld(policy('p', { validation: { hostname: 'web.example.com', caCertificateRefs: [{ group: '', kind: 'Service', name: 'ca' }] } })), at: P,
  },
};

/** Every (object, type, reason, status) a plane's statuses hold. */
function observed(plane: DataPlane): Set<string> {
  const out = new Set<string>();
  const add = (object: string, conditions: any[] | undefined) => {
    for (const c of conditions ?? []) out.add(key({ object, type: c.type, reason: c.reason, status: c.status }));
  };
  for (const o of plane.objects()) {
    const st = o.status;
    if (!st) continue;
    if (o.kind === 'GatewayClass' || o.kind === 'Gateway' || o.kind === 'ListenerSet') add(o.kind, st.conditions);
    if (o.kind === 'Gateway' || o.kind === 'ListenerSet') for (const l of st.listeners ?? []) add(o.kind === 'Gateway' ? 'Listener' : 'ListenerSet listener', l.conditions);
    if (o.kind === 'BackendTLSPolicy') for (const a of st.ancestors ?? []) add('BackendTLSPolicy', a.conditions);
    if (/Route$/.test(o.kind)) for (const p of st.parents ?? []) add('Route', p.conditions);
  }
  return out;
}

function conditionAt(plane: DataPlane, at: At, type: string): any {
  const st: any = plane.status(at.kind, at.namespace, at.name);
  if (!st) throw new Error(`no status for ${at.kind} ${at.namespace ?? ''}/${at.name}; diagnostics: ${JSON.stringify(plane.diagnostics)}`);
  let conditions: any[];
  if (at.listener !== undefined) conditions = st.listeners.find((l: any) => l.name === at.listener)?.conditions ?? [];
  else if (at.kind === 'BackendTLSPolicy') conditions = st.ancestors[at.parent ?? 0]?.conditions ?? [];
  else if (at.parent !== undefined) conditions = st.parents[at.parent]?.conditions ?? [];
  else conditions = st.conditions;
  return conditions.find((c: any) => c.type === type);
}

const produced = new Set<string>();

describe('docs/status.md', () => {
  test('has one row per object, condition, reason and status', () => {
    expect(rows.length).toBeGreaterThan(90);
    expect(new Set(rows.map(key)).size).toBe(rows.length);
    for (const r of rows) expect(['True', 'False', '—']).toContain(r.status);
  });

  test('every row the plane sets has a scenario, and every scenario is a row', () => {
    const set = rows.filter((r) => r.status !== '—').map(key).sort();
    expect(Object.keys(SCENARIOS).sort()).toEqual(set);
  });

  describe.each(rows.filter((r) => r.status !== '—').map((r) => [key(r), r] as const))('%s', (k, row) => {
    test(`is set: ${row.when.slice(0, 80)}`, () => {
      const s = SCENARIOS[k];
      const plane = DataPlane.fromManifests(s.objects, s.options);
      expect(plane.diagnostics).toEqual([]);
      for (const o of observed(plane)) produced.add(o);
      expect({ row: k, condition: conditionAt(plane, s.at, row.type) }).toEqual({ row: k, condition: expect.objectContaining({ type: row.type, reason: row.reason, status: row.status }) });
    });
  });

  describe.each(rows.filter((r) => r.status === '—').map((r) => [key(r), r] as const))('%s', (_k, row) => {
    test('is never set by any scenario', () => {
      expect(produced.size).toBeGreaterThan(50);
      for (const status of ['True', 'False']) expect(produced.has(key({ ...row, status }))).toBe(false);
    });
  });

  test('every set combination the scenarios produced is a row of the table', () => {
    const documented = new Set(rows.map(key));
    expect([...produced].filter((p) => !documented.has(p)).sort()).toEqual([]);
  });

  testWithShared('covers every condition type and reason apis/v1 of v1.6.1 defines for these kinds', (shared) => {
    const dir = path.join(shared, 'gateway-api/v1.6.1/apis/v1');
    const consts: Array<{ prefix: string; what: 'type' | 'reason'; value: string }> = [];
    for (const f of fs.readdirSync(dir)) {
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*(\w+?)(Condition\w*|Reason\w+)\s+\w*Condition(Type|Reason)\s*=\s*"(\w+)"/gm)) {
        consts.push({ prefix: m[1], what: m[3] === 'Type' ? 'type' : 'reason', value: m[4] });
      }
    }
    const objectOf: Record<string, string> = {
      GatewayClass: 'GatewayClass',
      Gateway: 'Gateway',
      Listener: 'Listener',
      ListenerSet: 'ListenerSet',
      ListenerEntry: 'ListenerSet listener',
      Route: 'Route',
      Policy: 'BackendTLSPolicy',
      BackendTLSPolicy: 'BackendTLSPolicy',
    };
    const missing: string[] = [];
    for (const c of consts) {
      const object = objectOf[c.prefix];
      if (!object) continue;
      const found = rows.some((r) => r.object === object && (c.what === 'type' ? r.type === c.value : r.reason === c.value));
      if (!found) missing.push(`${object} ${c.what} ${c.value}`);
    }
    expect(consts.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});

describe('the status gaps the audit closed', () => {
  const keyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const secret = (data: Record<string, string>) => ({ ...tlsSecret('infra', 'cert'), data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) });
  const certReason = (s: any) => {
    const plane = DataPlane.fromManifests([cls(), gw([https('a', 'a.example.com')]), s]);
    return conditionAt(plane, L('a'), 'ResolvedRefs');
  };

  test('a certificate whose key does not match it, or that is not PEM, is InvalidCertificateRef saying it is malformed', () => {
    expect(certReason(tlsSecret('infra', 'cert'))).toMatchObject({ status: 'True' });
    expect(certReason(secret({ 'tls.crt': TEST_CERT_PEM, 'tls.key': keyPem }))).toMatchObject({
      status: 'False', reason: 'InvalidCertificateRef', message: 'Secret infra/cert is malformed: tls.key is not the private key of the certificate in tls.crt',
    });
    expect(certReason(secret({ 'tls.crt': 'not a certificate', 'tls.key': keyPem }))).toMatchObject({ reason: 'InvalidCertificateRef', message: expect.stringMatching(/is malformed: tls.crt is not a PEM certificate/) });
    expect(certReason(secret({ 'tls.crt': TEST_CERT_PEM, 'tls.key': 'garbage' }))).toMatchObject({ reason: 'InvalidCertificateRef', message: expect.stringMatching(/is malformed: tls.key is not a PEM private key/) });
  });

  test('attachedRoutes counts routes on a listener that is not Accepted', () => {
    const plane = DataPlane.fromManifests([cls(), gw([http(), { name: 't', port: 80, protocol: 'TCP', allowedRoutes: all }, http('ok', { port: 8080 })]), ...web,
      route('r', { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'http' }], rules: [{ backendRefs: [backend()] }] })]);
    const st = plane.status('Gateway', 'infra', 'gw')!;
    expect(st.listeners[0].conditions.find((c) => c.type === 'Accepted')).toMatchObject({ status: 'False', reason: 'ProtocolConflict' });
    expect(st.listeners[0].attachedRoutes).toBe(1);
    expect(conditionAt(plane, R(), 'Accepted')).toMatchObject({ status: 'True' });
    // The conflicted listener carries no traffic.
    expect(plane.http({ gateway: 'infra/gw', path: '/' }).outcome).toBe('refused');
  });

  test('an HTTPRoute and a GRPCRoute with intersecting hostnames on one listener: only the oldest is accepted there', () => {
    const grpc = route('g', { hostnames: ['*.example.com'], rules: [{ backendRefs: [backend()] }] }, 'GRPCRoute', { creationTimestamp: '2025-01-01T00:00:00Z' });
    const newer = route('h', { hostnames: ['api.example.com'], rules: [{ backendRefs: [backend()] }] }, 'HTTPRoute', { creationTimestamp: '2025-02-01T00:00:00Z' });
    const apart = route('other', { hostnames: ['web.example.org'], rules: [{ backendRefs: [backend()] }] }, 'HTTPRoute', { creationTimestamp: '2025-03-01T00:00:00Z' });
    const plane = DataPlane.fromManifests([...basic, ...web, grpc, newer, apart]);
    expect(conditionAt(plane, R('g', 'GRPCRoute'), 'Accepted')).toMatchObject({ status: 'True' });
    expect(conditionAt(plane, R('h'), 'Accepted')).toMatchObject({ status: 'False', reason: 'NotAllowedByListeners', message: expect.stringMatching(/GRPCRoute apps\/g/) });
    expect(conditionAt(plane, R('other'), 'Accepted')).toMatchObject({ status: 'True' });
    expect(plane.status('Gateway', 'infra', 'gw')!.listeners[0].attachedRoutes).toBe(2);
    expect(plane.http({ gateway: 'infra/gw', host: 'api.example.com', path: '/' }).status).toBe(404);
    // Same age: the first by namespace/name wins.
    const a = route('a', { hostnames: ['api.example.com'], rules: [{ backendRefs: [backend()] }] }, 'HTTPRoute', { creationTimestamp: '2025-01-01T00:00:00Z' });
    const b = route('b', { hostnames: ['api.example.com'], rules: [{ backendRefs: [backend()] }] }, 'GRPCRoute', { creationTimestamp: '2025-01-01T00:00:00Z' });
    const tie = DataPlane.fromManifests([...basic, ...web, b, a]);
    expect([conditionAt(tie, R('a'), 'Accepted').status, conditionAt(tie, R('b', 'GRPCRoute'), 'Accepted').status]).toEqual(['True', 'False']);
  });

  test('ListenerSets merge after the Gateway, older first, then alphabetical; inside one set the earlier listener wins', () => {
    const older = listenerSet([http('x', { port: 8080 })], 'zz-older', { creationTimestamp: '2025-01-01T00:00:00Z' });
    const newer = listenerSet([http('y', { port: 8080 }), { name: 'z', port: 8080, protocol: 'TCP' }], 'aa-newer', { creationTimestamp: '2025-02-01T00:00:00Z' });
    const plane = DataPlane.fromManifests([cls(), gw([http()], allowSets), older, newer]);
    const lsCond = (name: string, listener: string) => conditionAt(plane, { ...LS, name, listener }, 'Conflicted');
    expect(lsCond('zz-older', 'x')).toMatchObject({ status: 'False', reason: 'NoConflicts' });
    expect(lsCond('aa-newer', 'y')).toMatchObject({ status: 'True', reason: 'HostnameConflict', message: expect.stringMatching(/listener x of ListenerSet infra\/zz-older/) });
    expect(lsCond('aa-newer', 'z')).toMatchObject({ status: 'True', reason: 'ProtocolConflict' });
    const sameAge = (name: string) => listenerSet([http(name, { port: 8080 })], name, { creationTimestamp: '2025-01-01T00:00:00Z' });
    const tie = DataPlane.fromManifests([cls(), gw([http()], allowSets), sameAge('b'), sameAge('a')]);
    expect(conditionAt(tie, { ...LS, name: 'a', listener: 'a' }, 'Conflicted').status).toBe('False');
    expect(conditionAt(tie, { ...LS, name: 'b', listener: 'b' }, 'Conflicted').status).toBe('True');
  });

  test('OverlappingTLSConfig is set on every overlapping listener and on no other', () => {
    const s = SCENARIOS['Listener OverlappingTLSConfig OverlappingHostnames True'];
    const plane = DataPlane.fromManifests(s.objects);
    expect(['a', 'b', 'c'].map((l) => conditionAt(plane, L(l), 'OverlappingTLSConfig')?.reason)).toEqual(['OverlappingHostnames', 'OverlappingHostnames', undefined]);
  });
});
