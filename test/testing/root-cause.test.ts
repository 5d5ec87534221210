import '../../src/jest';
import { App, Chart } from 'cdk8s';
import { AllowedRoutes, Backend, Certificate, Gateway, GatewayClass, HttpRoute, ListenerProtocol, ListenerTls, testing } from '../../src';

const G = 'gateway.networking.k8s.io/v1';
const cls = { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } };
const gateway = (listeners: any[], name = 'gw') => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name }, spec: { gatewayClassName: 'cls', listeners } });

describe('testing what is wrong, and knowing why', () => {
  test('a refused HTTPS request names the listener that is not ready and its False condition', () => {
    const p = testing.DataPlane.fromManifests([cls, gateway([{ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'missing' }] } }])]);
    const r = p.http('https://shop.example.com/');
    expect(r.outcome).toBe('refused');
    expect(r.explanation[0]).toMatch(/^no ready HTTPS listener of infra\/gw on port 443 serves SNI shop.example.com: TLS handshake fails; listener https is not ready: ResolvedRefs False \(InvalidCertificateRef: [^)]*missing[^)]*\)$/);
  });

  test('a Gateway that is not programmed says which condition is False', () => {
    const broken = { ...cls, spec: { controllerName: 'example.com/ctl', parametersRef: { group: 'example.com', kind: 'Params', name: 'p' } } };
    const p = testing.DataPlane.fromManifests([broken, gateway([{ name: 'http', port: 80, protocol: 'HTTP' }])]);
    expect(p.http('http://x/').explanation[0]).toMatch(/^Gateway infra\/gw is not programmed: connection refused; Accepted False \(InvalidParameters: /);
  });

  test('tcp() and udp() on a port nothing listens on are refused, listing the listeners there are', () => {
    const p = testing.DataPlane.fromManifests([cls, gateway([{ name: 'pg', port: 5432, protocol: 'TCP' }])]);
    const r = p.tcp({ port: 5433 });
    expect(r).toEqual({ outcome: 'refused', dependsOnDocumentOrder: false, explanation: ['no Gateway has a TCP listener on port 5433: refused; TCP/UDP listeners: infra/gw pg (TCP 5432)'] });
    expect(p.udp({ port: 53 }).outcome).toBe('refused');
    expect(p.distribution('udp://dns:53')).toEqual({ backends: { '(refused)': 1 }, mirrored: {} });
    // Naming a Gateway that does not exist is still a mistake in the test, and throws.
    expect(() => p.tcp({ port: 1, gateway: 'infra/nope' })).toThrow(/Gateway infra\/nope is not known/);
  });

  test('a Gateway that is not among the loaded objects: the error suggests loading the App', () => {
    const app = new App();
    const infra = new Chart(app, 'infra');
    const apps = new Chart(app, 'apps');
    const gw = new Gateway(infra, 'Gateway', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(infra, 'Class', 'envoy') });
    gw.addListener('https', { port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecretName('tls')]), allowedRoutes: AllowedRoutes.all() });
    new HttpRoute(apps, 'Web', { metadata: { name: 'web', namespace: 'apps' }, parents: [gw] }).addRule({ backends: [Backend.fromServiceName('web', { port: 80 })] });

    const only = testing.DataPlane.fromChart(apps, { assumeMissing: true });
    expect(() => only.http({ url: 'https://www.example.com/', gateway: gw })).toThrow(/Gateway infra\/edge is not known to the data plane \(known: none\); it is not among the loaded objects: if another chart defines it, load the whole App \(DataPlane.fromApp/);
    expect(() => expect(apps).toBeAccepted()).toThrow(/Gateway infra\/edge is not among the loaded objects; if it is defined in another chart, test the App/);
    expect(only.routingTable()).toContain('Gateway infra/edge: is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)');

    // The request's gateway option takes the Gateway construct itself.
    const whole = testing.DataPlane.fromApp(app, { assumeMissing: true });
    expect(whole.http({ url: 'https://www.example.com/', gateway: gw }).backend).toEqual({ namespace: 'apps', name: 'web', port: 80 });
    expect(app).toRoute({ url: 'https://www.example.com/', gateway: gw }, 'apps/web');
    expect(app).toBeAccepted();
  });
});
