import * as path from 'path';
import { App, Chart, Include } from 'cdk8s';
import { Backend, FAIL_ON_WARNINGS_CONTEXT, Filter, Gateway, GatewayClass, HttpRoute, ListenerProtocol, validateApp, validateChart, validateManifests } from '../src';

const DONE_WHEN = path.join(__dirname, 'fixtures/compat/done-when.yaml');

function app(withContext = false): { app: App; chart: Chart } {
  const a = new App();
  const chart = new Chart(a, 'edge');
  if (withContext) chart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true);
  return { app: a, chart };
}

/** A Gateway on port 8080 and a route with a CORS filter, written with the L2 constructs. */
function constructs(chart: Chart): HttpRoute {
  const gw = new Gateway(chart, 'Gw', {
    metadata: { name: 'gw', namespace: 'infra' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'example'),
    listeners: [{ name: 'http', port: 8080, protocol: ListenerProtocol.HTTP }],
  });
  return new HttpRoute(chart, 'Web', {
    metadata: { name: 'web', namespace: 'infra' },
    parents: [gw.listener('http')],
    rules: [{ filters: [Filter.cors({ allowOrigins: ['https://app.example.com'] })], backends: [Backend.fromServiceName('web', { port: 80 })] }],
  });
}

describe('validateApp / validateChart option implementation', () => {
  test('the Done-when manifests through Include: one warning per feature the report does not claim, on the object and field', () => {
    const { app: a, chart } = app();
    new Include(chart, 'routes', { url: DONE_WHEN });
    const found = validateApp(a, { implementation: 'gke-gateway' }).filter(d => d.code === 'compat/feature-not-claimed');
    expect(found.map(d => `${d.severity} ${d.source} ${d.object?.kind}/${d.object?.name} ${d.field ?? '-'}`)).toEqual([
      'warning edge/routes/web-httproute-apps HTTPRoute/web spec.rules[0].matches[0].method',
      'warning edge/routes/web-httproute-apps HTTPRoute/web spec.rules[0].filters[1]',
      'warning edge/routes/web-httproute-apps HTTPRoute/web spec.rules[0].filters[2].urlRewrite.path',
      'warning edge/routes/web-httproute-apps HTTPRoute/web spec.rules[1].filters[0].requestRedirect.statusCode',
      'warning edge/routes/rpc-grpcroute-apps GRPCRoute/rpc -',
    ]);
    expect(found[1].message).toBe('uses HTTPRouteCORS; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)');
    // An implementation that claims them all: none; no implementation: none.
    expect(validateApp(a, { implementation: 'envoy-gateway' }).filter(d => d.code === 'compat/feature-not-claimed')).toEqual([]);
    expect(validateApp(a).filter(d => d.code === 'compat/feature-not-claimed')).toEqual([]);
  });

  test('on L2 constructs: about the construct the user wrote; an error under failOnWarnings; ignore leaves them out', () => {
    const { app: a, chart } = app();
    constructs(chart);
    const custom = { supportedFeatures: ['Gateway', 'HTTPRoute'] };
    expect(validateApp(a, { implementation: custom }).filter(d => d.code === 'compat/feature-not-claimed').map(d => `${d.severity} ${d.source} ${d.field} ${d.message}`)).toEqual([
      'warning edge/Gw spec.listeners[0].port uses GatewayPort8080; not in the given supportedFeatures',
      'warning edge/Web spec.rules[0].filters[0] uses HTTPRouteCORS; not in the given supportedFeatures',
    ]);
    expect(validateApp(a, { implementation: { supportedFeatures: ['Gateway', 'HTTPRoute', 'GatewayPort8080', 'HTTPRouteCORS'] } }).filter(d => d.code === 'compat/feature-not-claimed')).toEqual([]);
    expect(validateApp(a, { implementation: custom, ignore: ['compat/feature-not-claimed'] }).filter(d => d.code === 'compat/feature-not-claimed')).toEqual([]);
    expect(validateChart(chart, { implementation: custom }).filter(d => d.code === 'compat/feature-not-claimed')).toHaveLength(2);

    const strict = app(true);
    constructs(strict.chart);
    const fatal = validateApp(strict.app, { implementation: custom }).filter(d => d.code === 'compat/feature-not-claimed');
    expect(fatal.map(d => d.severity)).toEqual(['error', 'error']);
    expect(fatal[0].message).toContain('(a warning, fatal by the context gateway-api:failOnWarnings)');
  });

  test('bad implementation values name what would be valid', () => {
    const { app: a } = app();
    expect(() => validateApp(a, { implementation: 'kong-operator' })).toThrow("validateApp: implementation 'kong-operator': it published no report in mode default; name one of its modes: kong-operator/expressions, kong-operator/traditional_compatible");
    expect(() => validateApp(a, { implementation: { supportedFeatures: ['HTTPRouteCors'] } })).toThrow("validateApp: implementation.supportedFeatures: 'HTTPRouteCors' is not a SupportedFeature of Gateway API v1.6.1");
    expect(() => validateApp(a, { implementation: 42 as any })).toThrow("validateApp: implementation must be a conformance report's project name");
    expect(() => validateManifests([], { implementation: 'nope' })).toThrow(/^validateManifests: implementation 'nope': no conformance report of project 'nope'; known projects: /);
  });

  test('validateManifests: the warning is placed with the object it is about', () => {
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'apps' }, spec: { rules: [{ matches: [{ method: 'GET' }], backendRefs: [{ name: 's', port: 80 }] }] } };
    const found = validateManifests([route], { implementation: { supportedFeatures: ['HTTPRoute'] } }).filter(d => d.code.startsWith('compat/'));
    expect(found).toEqual([{ code: 'compat/feature-not-claimed', severity: 'warning', message: 'uses HTTPRouteMethodMatching; not in the given supportedFeatures', object: { kind: 'HTTPRoute', namespace: 'apps', name: 'r' }, field: 'spec.rules[0].matches[0].method' }]);
  });
});
