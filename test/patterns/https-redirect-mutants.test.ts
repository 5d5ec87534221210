import { ApiObject, Chart, Testing } from 'cdk8s';
import { errorOf } from './error-of';
import { edgeChart, GATEWAY, planeOf } from './fixtures';
import { AllowedRoutes, Backend, Certificate, Gateway, GatewayClass, HttpRoute, HttpsRedirect, ListenerProtocol, ListenerTls, RedirectStatusCode } from '../../src';
import { tlsSecret } from '../testing/tls-fixture';

interface L { name: string; port: number; https?: boolean; hostname?: string }

/** A chart in `apps` with the `infra/edge` Gateway holding exactly these listeners. */
function gatewayWith(listeners: L[], namespace: string | null = 'infra'): { chart: Chart; gateway: Gateway } {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
  const gateway = new Gateway(chart, 'Edge', {
    metadata: { name: 'edge', ...(namespace !== null ? { namespace } : {}) },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'),
  });
  for (const l of listeners) {
    gateway.addListener(l.name, {
      port: l.port,
      allowedRoutes: AllowedRoutes.all(),
      protocol: l.https ? ListenerProtocol.HTTPS : ListenerProtocol.HTTP,
      ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
      ...(l.https ? { tls: ListenerTls.terminate([Certificate.fromSecretName('edge-tls')]) } : {}),
    });
  }
  new ApiObject(chart, 'EdgeTls', tlsSecret(namespace ?? 'apps', 'edge-tls'));
  return { chart, gateway };
}

const at = { kind: 'HttpsRedirect', path: 'test/ToHttps' };

describe('HttpsRedirect errors carry their code and field', () => {
  test('bad statusCode, keepPaths without keepBackend and keepBackend without keepPaths', () => {
    const { chart, gateway } = edgeChart();
    expect(errorOf(() => new HttpsRedirect(chart, 'ToHttps', { gateway, statusCode: RedirectStatusCode.SEE_OTHER })))
      .toMatchObject({ code: 'construct/invalid-value', field: 'statusCode', ...at });
    expect(errorOf(() => new HttpsRedirect(chart, 'A', { gateway, keepPaths: ['/x'] }))).toMatchObject({ code: 'construct/missing', field: 'keepPaths' });
    expect(errorOf(() => new HttpsRedirect(chart, 'B', { gateway, keepBackend: Backend.fromServiceName('acme', { port: 80 }) })))
      .toMatchObject({ code: 'construct/missing', field: 'keepBackend' });
    expect(errorOf(() => new HttpsRedirect(chart, 'C', { gateway, hostnames: [] }))).toMatchObject({ code: 'construct/missing', field: 'hostnames' });
  });

  test('fromListeners naming an unknown or a non-HTTP listener', () => {
    const { chart, gateway } = edgeChart();
    const unknown = errorOf(() => new HttpsRedirect(chart, 'ToHttps', { gateway, fromListeners: ['nope'] }));
    expect(unknown).toMatchObject({ code: 'construct/not-found', field: 'fromListeners', ...at });
    expect(unknown.message).toMatch(/its listeners are 'http', 'https'$/);
    expect(errorOf(() => new HttpsRedirect(chart, 'B', { gateway, fromListeners: ['https'] }))).toMatchObject({ code: 'construct/unsupported', field: 'fromListeners' });
    const empty = gatewayWith([]);
    const none = errorOf(() => new HttpsRedirect(empty.chart, 'ToHttps', { gateway: empty.gateway, fromListeners: ['http'] }));
    expect(none).toMatchObject({ code: 'construct/not-found', field: 'fromListeners' });
    expect(none.message).toMatch(/its listeners are none$/);
  });

  test('no HTTPS or no HTTP listener is not-found and lists the listeners, "every host" for one without hostname', () => {
    const noHttps = gatewayWith([{ name: 'web', port: 80 }, { name: 'alt', port: 8080, hostname: 'a.example.com' }]);
    const e1 = errorOf(() => new HttpsRedirect(noHttps.chart, 'ToHttps', { gateway: noHttps.gateway }));
    expect(e1).toMatchObject({ code: 'construct/not-found', field: undefined, ...at });
    expect(e1.message).toMatch(/its listeners: 'web' \(HTTP, port 80, every host\), 'alt' \(HTTP, port 8080, a\.example\.com\)$/);
    const noHttp = gatewayWith([{ name: 'tls', port: 443, https: true }]);
    const e2 = errorOf(() => new HttpsRedirect(noHttp.chart, 'ToHttps', { gateway: noHttp.gateway }));
    expect(e2).toMatchObject({ code: 'construct/not-found' });
    expect(e2.message).toMatch(/no HTTP listener to redirect from; its listeners: 'tls' \(HTTPS, port 443, every host\)$/);
    const empty = gatewayWith([]);
    expect(errorOf(() => new HttpsRedirect(empty.chart, 'ToHttps', { gateway: empty.gateway })).message).toMatch(/its listeners: none$/);
  });

  test('a hostname no HTTPS or no HTTP listener serves is not-found, naming the listeners searched', () => {
    const { chart, gateway } = edgeChart({ httpHostname: '*.example.org' });
    const e1 = errorOf(() => new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['shop.example.com'] }));
    expect(e1).toMatchObject({ code: 'construct/not-found', ...at });
    expect(e1.message).toMatch(/no HTTP listener for hostname 'shop\.example\.com'; its HTTP listeners: 'http' \(HTTP, port 80, \*\.example\.org\)$/);
    const e2 = errorOf(() => new HttpsRedirect(chart, 'B', { gateway, hostnames: ['shop.example.org'] }));
    expect(e2).toMatchObject({ code: 'construct/not-found' });
    expect(e2.message).toMatch(/no HTTPS listener for hostname 'shop\.example\.org'/);
  });
});

describe('HttpsRedirect hosts, listeners and port', () => {
  test('an HTTPS listener without hostname means every host, even beside HTTPS listeners with hostnames', () => {
    const { chart, gateway } = gatewayWith([
      { name: 'http', port: 80, hostname: '*.example.com' },
      { name: 'tls-org', port: 443, https: true, hostname: 'a.example.org' },
      { name: 'tls', port: 443, https: true },
    ]);
    const r = new HttpsRedirect(chart, 'ToHttps', { gateway });
    expect(r.hostnames).toEqual([]);
    expect(r.listeners.map(l => l.name)).toEqual(['http']);
    expect(planeOf(chart).http({ gateway: GATEWAY, host: 'b.example.com', path: '/x' })).toMatchObject({ status: 301, location: 'https://b.example.com/x' });
  });

  test('a route without hostnames on a listener without hostname redirects every host', () => {
    const { chart, gateway } = gatewayWith([{ name: 'http', port: 80, hostname: '*.example.com' }, { name: 'tls', port: 443, https: true }]);
    const app = new HttpRoute(chart, 'App', { parents: [gateway.listener('tls')] });
    app.addRule({ backends: [Backend.fromServiceName('app', { port: 80 })] });
    const r = new HttpsRedirect(chart, 'ToHttps', { gateway, routes: [app] });
    expect(r.hostnames).toEqual([]);
    expect(r.listeners.map(l => l.name)).toEqual(['http']);
    const route = Testing.synth(chart).find(o => o.kind === 'HTTPRoute' && o.metadata.name !== app.name)!;
    expect(route.spec.parentRefs).toEqual([expect.objectContaining({ name: 'edge', sectionName: 'http' })]);
    expect(planeOf(chart).http({ gateway: GATEWAY, host: 'c.example.com', path: '/' })).toMatchObject({ status: 301, location: 'https://c.example.com/' });
  });

  test('a hostname needs one HTTPS listener serving it, not all of them', () => {
    const { chart, gateway } = gatewayWith([
      { name: 'http', port: 80 },
      { name: 'tls-com', port: 443, https: true, hostname: 'a.example.com' },
      { name: 'tls-org', port: 443, https: true, hostname: 'a.example.org' },
    ]);
    expect(new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['a.example.com'] }).hostnames).toEqual(['a.example.com']);
  });

  test('only the HTTP listeners serving the hostnames are attached', () => {
    const { chart, gateway } = gatewayWith([
      { name: 'http-com', port: 80, hostname: '*.example.com' },
      { name: 'http-org', port: 80, hostname: '*.example.org' },
      { name: 'tls', port: 443, https: true },
    ]);
    expect(new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['a.example.com'] }).listeners.map(l => l.name)).toEqual(['http-com']);
  });

  test('the port kept is that of the HTTPS listeners serving the hostnames only', () => {
    const { chart, gateway } = gatewayWith([
      { name: 'http', port: 80 },
      { name: 'tls-a', port: 8443, https: true, hostname: 'a.example.com' },
      { name: 'tls-b', port: 9443, https: true, hostname: 'b.example.com' },
    ]);
    new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['a.example.com'] });
    expect(planeOf(chart).http({ gateway: GATEWAY, host: 'a.example.com', path: '/p' })).toMatchObject({ status: 301, location: 'https://a.example.com:8443/p' });
  });

  test('no port is kept when the HTTPS listeners for the hostnames differ in port, or one of them is 443', () => {
    const two = gatewayWith([
      { name: 'http', port: 80 },
      { name: 'tls-a', port: 8443, https: true, hostname: 'a.example.com' },
      { name: 'tls-b', port: 9443, https: true, hostname: 'b.example.com' },
    ]);
    new HttpsRedirect(two.chart, 'ToHttps', { gateway: two.gateway, hostnames: ['a.example.com', 'b.example.com'] });
    expect(planeOf(two.chart).http({ gateway: GATEWAY, host: 'a.example.com', path: '/p' })).toMatchObject({ status: 301, location: 'https://a.example.com/p' });
    const mixed = gatewayWith([
      { name: 'http', port: 80 },
      { name: 'tls-a', port: 443, https: true, hostname: 'a.example.com' },
      { name: 'tls-any', port: 8443, https: true, hostname: '*.example.com' },
    ]);
    new HttpsRedirect(mixed.chart, 'ToHttps', { gateway: mixed.gateway, hostnames: ['a.example.com', 'b.example.com'] });
    expect(planeOf(mixed.chart).http({ gateway: GATEWAY, host: 'b.example.com', path: '/p' })).toMatchObject({ status: 301, location: 'https://b.example.com/p' });
  });

  test('the route goes in the Gateway namespace; with a Gateway without namespace, in the chart namespace', () => {
    const inInfra = gatewayWith([{ name: 'http', port: 80 }, { name: 'tls', port: 443, https: true }]);
    expect(new HttpsRedirect(inInfra.chart, 'ToHttps', { gateway: inInfra.gateway }).route.metadata.namespace).toBe('infra');
    const local = gatewayWith([{ name: 'http', port: 80 }, { name: 'tls', port: 443, https: true }], null);
    new HttpsRedirect(local.chart, 'ToHttps', { gateway: local.gateway });
    const route = Testing.synth(local.chart).find(o => o.kind === 'HTTPRoute')!;
    expect(route.metadata.namespace).toBe('apps');
    expect(route.spec.rules[0].filters[0].requestRedirect).toEqual({ scheme: 'https', statusCode: 301 });
  });
});
