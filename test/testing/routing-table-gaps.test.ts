import { DataPlane } from '../../src/testing';
import { renderRoutingTable } from '../../src/testing/routing-table';

// Routing-table cases the scenario tests leave open: the "(document order)" mark between two TLS routes
// and between two GRPCRoutes equal in precedence (and its absence between GRPCRoutes that are not), and a
// Gateway without listeners as rendered text.
const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const gateway = (listeners: object[]) => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners } });
const svc = (name: string, port: number) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name }, spec: { ports: [{ port }] } });
const tls = (name: string, created?: string) => ({
  apiVersion: G,
  kind: 'TLSRoute',
  metadata: { namespace: 'apps', name, ...(created ? { creationTimestamp: created } : {}) },
  spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] },
});
const grpc = (name: string, method: object) => ({
  apiVersion: G,
  kind: 'GRPCRoute',
  metadata: { namespace: 'apps', name },
  spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ matches: [{ method }], backendRefs: [{ name: 'echo', port: 9000 }] }] },
});
const TLS_LISTENER = { name: 'tls', port: 443, protocol: 'TLS', hostname: 'db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all };
const GRPC_LISTENER = { name: 'h2c', port: 80, protocol: 'HTTP', allowedRoutes: all };

function entriesOf(objects: object[]) {
  const t = DataPlane.fromManifests(objects, { assumeMissing: true }).routingTable({ format: 'json' });
  return { t, entries: t.gateways[0].listeners[0].hosts[0].entries };
}

describe('routing table: document order of TLS and gRPC routes', () => {
  test('two TLS routes for one hostname without timestamps: the second is marked, with the note', () => {
    const { t, entries } = entriesOf([gateway([TLS_LISTENER]), svc('db', 5432), tls('first'), tls('second')]);
    expect(entries.map((e) => [e.rule.name, e.orderFromDocuments])).toEqual([['first', undefined], ['second', true]]);
    expect(t.notes.some((n) => n.startsWith('entries marked "(document order)"'))).toBe(true);
  });

  test('two TLS routes with timestamps are ordered by age and not marked', () => {
    const { t, entries } = entriesOf([gateway([TLS_LISTENER]), svc('db', 5432), tls('young', '2024-02-01T00:00:00Z'), tls('old', '2024-01-01T00:00:00Z')]);
    expect(entries.map((e) => [e.rule.name, e.orderFromDocuments])).toEqual([['old', undefined], ['young', undefined]]);
    expect(t.notes.some((n) => n.startsWith('entries marked'))).toBe(false);
  });

  test('two GRPCRoutes with the same method match: the second is marked', () => {
    const { entries } = entriesOf([gateway([GRPC_LISTENER]), svc('echo', 9000), grpc('first', { service: 'echo.Echo', method: 'Say' }), grpc('second', { service: 'echo.Echo', method: 'Say' })]);
    expect(entries.map((e) => [e.rule.name, e.orderFromDocuments])).toEqual([['first', undefined], ['second', true]]);
  });

  test('GRPCRoutes of different specificity are not marked, whatever their document order', () => {
    const { t, entries } = entriesOf([gateway([GRPC_LISTENER]), svc('echo', 9000), grpc('service-only', { service: 'echo.Echo' }), grpc('exact', { service: 'echo.Echo', method: 'Say' })]);
    expect(entries.map((e) => [e.rule.name, e.orderFromDocuments])).toEqual([['exact', undefined], ['service-only', undefined]]);
    expect(t.notes.some((n) => n.startsWith('entries marked'))).toBe(false);
  });
});

describe('routing table text', () => {
  test('a Gateway that serves no listener says so', () => {
    const text = renderRoutingTable({ gateways: [{ namespace: 'infra', name: 'gw', gatewayClassName: 'cls', listeners: [] }], unattached: [], notes: [], shadowed: [] });
    expect(text).toBe('Gateway infra/gw (class cls)\n  (no listeners)\n');
  });
});
