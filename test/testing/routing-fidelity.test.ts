import { tlsSecret } from './tls-fixture';
import { DataPlane } from '../../src/testing';

const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const cls = { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/gw' } };
const gw = (listeners: any[]) => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners } });
const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name }, spec: { ports: [{ port: 8080 }] } });
const route = (kind: string, name: string, spec: object) => ({ apiVersion: G, kind, metadata: { namespace: 'apps', name }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], ...spec } });
const to = (name: string) => ({ name, port: 8080 });
const http = { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all };

describe('header matches whose names are equal ignoring case: only the first counts', () => {
  test('HTTPRoute', () => {
    const r = route('HTTPRoute', 'r', { rules: [{ matches: [{ headers: [{ name: 'X-Env', value: 'prod' }, { name: 'x-env', value: 'dev' }] }], backendRefs: [to('a')] }] });
    const plane = DataPlane.fromManifests([cls, gw([http]), svc('a'), r]);
    expect(plane.http({ gateway: 'infra/gw', path: '/', headers: { 'x-env': 'prod' } }).backend?.name).toBe('a');
    expect(plane.http({ gateway: 'infra/gw', path: '/', headers: { 'x-env': 'dev' } }).status).toBe(404);
  });

  test('GRPCRoute', () => {
    const r = route('GRPCRoute', 'g', { rules: [{ matches: [{ headers: [{ name: 'x-env', value: 'prod' }, { name: 'X-ENV', value: 'dev' }] }], backendRefs: [to('a')] }] });
    const plane = DataPlane.fromManifests([cls, gw([http]), svc('a'), r]);
    expect(plane.grpc({ gateway: 'infra/gw', service: 's.S', method: 'M', headers: { 'x-env': 'prod' } }).backend?.name).toBe('a');
    expect(plane.grpc({ gateway: 'infra/gw', service: 's.S', method: 'M', headers: { 'x-env': 'dev' } }).outcome).not.toBe('forwarded');
  });
});

describe('one listener for one SNI, whatever the protocol inside the connection', () => {
  const https = { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: all };
  const passthrough = { name: 'pass', port: 443, protocol: 'TLS', hostname: 'db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all };
  const objects = [cls, gw([https, passthrough]), tlsSecret('infra', 'cert'), svc('web'), svc('db'),
    route('HTTPRoute', 'web', { rules: [{ backendRefs: [to('web')] }] }), route('TLSRoute', 'db', { hostnames: ['db.example.com'], rules: [{ backendRefs: [to('db')] }] })];
  const plane = DataPlane.fromManifests(objects);

  test('the more specific TLS listener takes the SNI for tls() and http() alike', () => {
    expect(plane.tls({ gateway: 'infra/gw', sni: 'db.example.com' })).toMatchObject({ outcome: 'forwarded', listener: { name: 'pass' } });
    const h = plane.http({ gateway: 'infra/gw', scheme: 'https', host: 'db.example.com', path: '/' });
    expect(h).toMatchObject({ outcome: 'refused', listener: { name: 'pass' } });
    expect(h.explanation.join('\n')).toMatch(/selects TLS listener pass .*not served as HTTPS/);
  });

  test('the HTTPS listener takes other names for http(), and tls() is refused there', () => {
    expect(plane.http({ gateway: 'infra/gw', scheme: 'https', host: 'www.example.com', path: '/' })).toMatchObject({ outcome: 'forwarded', listener: { name: 'https' } });
    const t = plane.tls({ gateway: 'infra/gw', sni: 'www.example.com' });
    expect(t).toMatchObject({ outcome: 'refused', listener: { name: 'https' } });
    expect(t.explanation.join('\n')).toMatch(/selects HTTPS listener https/);
  });
});

describe('the forwarded host and the Host header agree', () => {
  const plane = (filters: any[]) => DataPlane.fromManifests([cls, gw([http]), svc('a'), route('HTTPRoute', 'r', { rules: [{ filters, backendRefs: [to('a')] }] })]);

  test('a filter that sets the Host header sets the forwarded host', () => {
    const r = plane([{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'Host', value: 'internal.example.com' }] } }])
      .http({ gateway: 'infra/gw', host: 'www.example.com', path: '/' });
    expect(r.request).toMatchObject({ host: 'internal.example.com', headers: expect.objectContaining({ host: 'internal.example.com' }) });
  });

  test('a hostname rewrite after it wins, in the Host header too', () => {
    const r = plane([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'host', value: 'first.example.com' }] } },
      { type: 'URLRewrite', urlRewrite: { hostname: 'second.example.com' } },
    ]).http({ gateway: 'infra/gw', host: 'www.example.com', path: '/' });
    expect(r.request).toMatchObject({ host: 'second.example.com', headers: expect.objectContaining({ host: 'second.example.com' }) });
  });
});
