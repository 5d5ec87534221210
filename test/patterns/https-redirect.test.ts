import { Testing } from 'cdk8s';
import { diagnosticsOf, edgeChart, GATEWAY, planeOf } from './fixtures';
import { Backend, Certificate, HttpRoute, HttpsRedirect, ListenerProtocol, ListenerTls, RedirectStatusCode } from '../../src';

function setup(props: Partial<ConstructorParameters<typeof HttpsRedirect>[2]> = {}) {
  const { chart, gateway } = edgeChart();
  const shop = new HttpRoute(chart, 'Shop', { metadata: { name: 'shop' }, parents: [gateway.listener('https')], hostnames: ['shop.example.com'] });
  shop.addRule({ backends: [Backend.fromServiceName('shop', { port: 80 })] });
  const redirect = new HttpsRedirect(chart, 'ToHttps', { gateway, routes: [shop], metadata: { name: 'to-https' }, ...props });
  return { chart, gateway, shop, redirect };
}

describe('HttpsRedirect', () => {
  test('manifests', () => {
    const { chart } = setup({ keepPaths: ['/.well-known/acme-challenge/'], keepBackend: Backend.fromServiceName('acme-solver', { port: 8089 }) });
    expect(Testing.synth(chart).filter(o => o.kind === 'HTTPRoute')).toMatchSnapshot();
  });

  test('attaches by sectionName to the HTTP listener only, with the hostnames of the routes given', () => {
    const { redirect } = setup();
    expect(redirect.listeners.map(l => l.name)).toEqual(['http']);
    expect(redirect.hostnames).toEqual(['shop.example.com']);
    expect(redirect.route.parents.map(p => p.parentRef.sectionName)).toEqual(['http']);
  });

  test('http -> 301 to https with host, path and query kept; https is served, not redirected again', () => {
    const { chart } = setup();
    const plane = planeOf(chart);
    const r = plane.http({ gateway: GATEWAY, host: 'shop.example.com', path: '/cart/items?id=7&x=y' });
    expect(r).toMatchObject({ outcome: 'redirect', status: 301, location: 'https://shop.example.com/cart/items?id=7&x=y' });
    const s = plane.http({ gateway: GATEWAY, scheme: 'https', host: 'shop.example.com', path: '/cart/items?id=7' });
    expect(s).toMatchObject({ outcome: 'forwarded', status: 200, backend: { namespace: 'apps', name: 'shop', port: 80 } });
    expect(s.request?.path).toBe('/cart/items?id=7');
  });

  test.each([RedirectStatusCode.FOUND, RedirectStatusCode.TEMPORARY_REDIRECT, RedirectStatusCode.PERMANENT_REDIRECT])('status code %d', code => {
    const { chart } = setup({ statusCode: code });
    expect(planeOf(chart).http({ gateway: GATEWAY, host: 'shop.example.com', path: '/a?b=c' })).toMatchObject({ status: code, location: 'https://shop.example.com/a?b=c' });
  });

  test('the kept ACME path is forwarded over HTTP; its neighbours are redirected', () => {
    const { chart } = setup({ keepPaths: ['/.well-known/acme-challenge/'], keepBackend: Backend.fromServiceName('acme-solver', { port: 8089 }) });
    const plane = planeOf(chart);
    const acme = plane.http({ gateway: GATEWAY, host: 'shop.example.com', path: '/.well-known/acme-challenge/tok3n' });
    expect(acme).toMatchObject({ outcome: 'forwarded', status: 200, backend: { namespace: 'infra', name: 'acme-solver', port: 8089 } });
    expect(acme.request?.path).toBe('/.well-known/acme-challenge/tok3n');
    expect(plane.http({ gateway: GATEWAY, host: 'shop.example.com', path: '/.well-known/security.txt' })).toMatchObject({ status: 301, location: 'https://shop.example.com/.well-known/security.txt' });
  });

  test('without routes or hostnames, redirects the hostnames of the HTTPS listeners', () => {
    const { chart, gateway } = edgeChart();
    const r = new HttpsRedirect(chart, 'ToHttps', { gateway });
    expect(r.hostnames).toEqual(['*.example.com']);
    expect(planeOf(chart).http({ gateway: GATEWAY, host: 'any.example.com', path: '/x' })).toMatchObject({ status: 301, location: 'https://any.example.com/x' });
  });

  test('keeps a non-default HTTPS port in the Location', () => {
    const { chart, gateway } = edgeChart({ https: false });
    gateway.addListener('https-alt', { port: 8443, protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tls: ListenerTls.terminate([Certificate.fromSecretName('edge-tls')]) });
    new HttpsRedirect(chart, 'ToHttps', { gateway });
    expect(planeOf(chart).http({ gateway: GATEWAY, host: 'a.example.com', path: '/p?q=1' })).toMatchObject({ status: 301, location: 'https://a.example.com:8443/p?q=1' });
  });

  test('its output passes validateManifests with no error and no warning', () => {
    const { chart } = setup({ keepPaths: ['/.well-known/acme-challenge/'], keepBackend: Backend.fromServiceName('acme-solver', { port: 8089 }) });
    expect(diagnosticsOf(chart)).toEqual([]);
  });

  test('fails if the Gateway has no HTTPS listener', () => {
    const { chart, gateway } = edgeChart({ https: false });
    expect(() => new HttpsRedirect(chart, 'ToHttps', { gateway })).toThrow(/HttpsRedirect 'test\/ToHttps': the Gateway has no HTTPS listener to redirect to/);
  });

  test('fails if the Gateway has no HTTP listener', () => {
    const { chart, gateway } = edgeChart({ http: false });
    expect(() => new HttpsRedirect(chart, 'ToHttps', { gateway })).toThrow(/HttpsRedirect 'test\/ToHttps': the Gateway has no HTTP listener to redirect from/);
  });

  test('fails if no HTTP listener serves the hostnames', () => {
    const { chart, gateway } = edgeChart({ httpHostname: '*.example.org' });
    expect(() => new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['shop.example.com'] })).toThrow(/test\/ToHttps': the Gateway has no HTTP listener for hostname 'shop.example.com'/);
  });

  test('fails if no HTTPS listener serves the hostnames', () => {
    const { chart, gateway } = edgeChart();
    expect(() => new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['shop.example.org'] })).toThrow(/test\/ToHttps': the Gateway has no HTTPS listener for hostname 'shop.example.org'/);
  });

  test('fails if fromListeners names an HTTPS listener', () => {
    const { chart, gateway } = edgeChart();
    expect(() => new HttpsRedirect(chart, 'ToHttps', { gateway, fromListeners: ['https'] })).toThrow(/'https', a HTTPS listener; only HTTP listeners redirect/);
  });

  test('fails if keepPaths has no keepBackend, or the status code is 303', () => {
    const { chart, gateway } = edgeChart();
    expect(() => new HttpsRedirect(chart, 'A', { gateway, keepPaths: ['/x'] })).toThrow(/needs keepBackend/);
    expect(() => new HttpsRedirect(chart, 'B', { gateway, statusCode: RedirectStatusCode.SEE_OTHER })).toThrow(/statusCode 303 is not allowed/);
  });
});
