import '../../src/jest';
import * as path from 'path';
import { App, Chart, Include } from 'cdk8s';
import { testing } from '../../src';
import { toBeSupportedBy } from '../../src/testing/matchers';

const DONE_WHEN = path.join(__dirname, '../fixtures/compat/done-when.yaml');

function chart(): Chart {
  const app = new App();
  const c = new Chart(app, 'edge');
  new Include(c, 'routes', { url: DONE_WHEN });
  return c;
}

describe('expect(chart).toBeSupportedBy(implementation)', () => {
  test('passes when the report claims every used feature; .not fails then, listing them', () => {
    const c = chart();
    expect(c).toBeSupportedBy('envoy-gateway');
    expect(() => expect(c).not.toBeSupportedBy('envoy-gateway')).toThrow(/Expected some feature the objects use not to be claimed by envoy-gateway v1\.9\.0, but every one is\n {2}BackendTLSPolicy: BackendTLSPolicy apps\/api-tls\n/);
  });

  test('fails naming each feature not claimed and the objects and fields that use it; .not passes', () => {
    const c = chart();
    expect(c).not.toBeSupportedBy('gke-gateway');
    let message = '';
    try {
      expect(c).toBeSupportedBy('gke-gateway');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Expected every feature the objects use to be claimed by gke-gateway 1.36.2-gke.2154000',
      'Instead: 5 not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23):',
      '  GRPCRoute: GRPCRoute apps/rpc',
      '  HTTPRoute303RedirectStatusCode: HTTPRoute apps/web spec.rules[1].filters[0].requestRedirect.statusCode',
      '  HTTPRouteCORS: HTTPRoute apps/web spec.rules[0].filters[1]',
      '  HTTPRouteMethodMatching: HTTPRoute apps/web spec.rules[0].matches[0].method',
      '  HTTPRoutePathRewrite: HTTPRoute apps/web spec.rules[0].filters[2].urlRewrite.path',
    ]);
  });

  test('a custom supportedFeatures list, a DataPlane subject, and the boundary of one missing feature', () => {
    const plane = testing.DataPlane.fromFiles([DONE_WHEN], { assumeMissing: true });
    const all = ['BackendTLSPolicy', 'GRPCRoute', 'Gateway', 'GatewayPort8080', 'HTTPRoute', 'HTTPRoute303RedirectStatusCode', 'HTTPRouteCORS', 'HTTPRouteMethodMatching',
      'HTTPRoutePathRewrite', 'HTTPRouteQueryParamMatching', 'HTTPRouteRequestMirror', 'HTTPRouteResponseHeaderModification'];
    expect(plane).toBeSupportedBy({ supportedFeatures: all });
    const oneShort = toBeSupportedBy(plane, { supportedFeatures: all.filter((f) => f !== 'GatewayPort8080') });
    expect(oneShort.pass).toBe(false);
    expect(oneShort.message()).toContain('Instead: 1 not in the given supportedFeatures:\n  GatewayPort8080: Gateway infra/edge spec.listeners[0].port');
  });

  test('an unknown implementation is an error naming the valid ones, with .not too', () => {
    expect(() => expect(chart()).not.toBeSupportedBy('nginx')).toThrow(/toBeSupportedBy: implementation 'nginx': no conformance report of project 'nginx'; known projects: /);
  });
});

describe('toBeSupportedBy: who claims, and the objects that use a feature', () => {
  const G = 'gateway.networking.k8s.io/v1';
  const route = (name: string) => ({
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: 'apps', name },
    spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ matches: [{ method: 'GET' }], backendRefs: [{ name: 'web', port: 80 }] }] },
  });
  const plane = testing.DataPlane.fromManifests([
    { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
    route('a'), route('b'),
  ], { assumeMissing: true });

  test('a feature used by several objects names each, comma-separated', () => {
    const m = toBeSupportedBy(plane, { supportedFeatures: ['Gateway', 'HTTPRoute'] });
    expect(m.message().split('\n')).toEqual([
      'Expected every feature the objects use to be claimed by the given supportedFeatures',
      'Instead: 1 not in the given supportedFeatures:',
      '  HTTPRouteMethodMatching: HTTPRoute apps/a spec.rules[0].matches[0].method, HTTPRoute apps/b spec.rules[0].matches[0].method',
    ]);
  });

  test('a project in a mode other than default is named with its mode', () => {
    const m = toBeSupportedBy(plane, 'kong-operator/expressions');
    expect(m.message()).toMatch(/^Expected (every|some) feature the objects use (not )?to be claimed by kong-operator\/expressions v\d/);
  });
});
