import { App, Chart } from 'cdk8s';
import { AllowedRoutes, Backend, Gateway, GatewayClass, HttpMatch, HttpRoute, ListenerProtocol, testing } from '../../src';

const { Manifests, Match } = testing;

function chart(): Chart {
  const c = new Chart(new App(), 'edge');
  const gw = new Gateway(c, 'Gateway', { metadata: { name: 'main', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(c, 'Class', 'envoy') });
  gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.all() });
  const api = new HttpRoute(c, 'Api', { metadata: { name: 'api', namespace: 'apps' }, parents: [gw], hostnames: ['api.example.com'] });
  api.addRule({ matches: [HttpMatch.pathPrefix('/v2')], backends: [Backend.fromServiceName('api-v2', { port: 80 })] });
  api.addRule({ backends: [Backend.fromServiceName('api-v1', { port: 80, weight: 90 }), Backend.fromServiceName('api-canary', { port: 80, weight: 10 })] });
  new HttpRoute(c, 'Web', { metadata: { name: 'web', namespace: 'apps' }, parents: [gw] }).addRule({ backends: [Backend.fromServiceName('web', { port: 8080 })] });
  return c;
}

describe('Manifests', () => {
  const m = Manifests.fromChart(chart());

  test('hasObject matches partially; nested arrays by length and element', () => {
    m.hasObject('HTTPRoute', { metadata: { name: 'api' }, spec: { hostnames: ['api.example.com'] } });
    m.hasObject('Gateway', { spec: { listeners: [{ name: 'http', port: 80 }] } });
    m.hasObject('HTTPRoute');
  });

  test('Match.arrayWith, Match.exact, Match.absent, Match.anyValue', () => {
    m.hasObject('HTTPRoute', { spec: { rules: Match.arrayWith([{ backendRefs: Match.arrayWith([{ name: 'api-canary', weight: 10 }]) }]) } });
    m.hasObject('HTTPRoute', { spec: { hostnames: Match.exact(['api.example.com']) } });
    m.hasObject('HTTPRoute', { metadata: { name: 'web' }, spec: { hostnames: Match.absent() } });
    m.hasObject('HTTPRoute', { metadata: { name: Match.anyValue(), labels: Match.absent() } });
    expect(() => m.hasObject('HTTPRoute', { spec: { parentRefs: [Match.exact({ name: 'main' })] } })).toThrow(/spec.parentRefs\[0\].namespace: unexpected key \(Match.exact\), value "infra"/);
    expect(() => m.hasObject('HTTPRoute', { spec: { rules: Match.arrayWith([{ backendRefs: [{ name: 'nope' }] }]) } })).toThrow(/no element matches arrayWith pattern 0; the closest differs: spec.rules\[\d\].backendRefs\[0\].name: expected "nope", got "/);
  });

  test('a failure shows the closest object and each differing field', () => {
    expect(() => m.hasObject('HTTPRoute', { metadata: { name: 'api' }, spec: { hostnames: ['api.example.org'], rules: Match.arrayWith([{ backendRefs: [{ name: 'api-v2', port: 8080 }] }]) } }))
      .toThrow([
        'Expected a HTTPRoute matching {"metadata":{"name":"api"},"spec":{"hostnames":["api.example.org"],"rules":"<an array with [{\\"backendRefs\\":[{\\"name\\":\\"api-v2\\",\\"port\\":8080}]}]>"}}',
        'Instead: 2 HTTPRoutes, none matches; the closest is HTTPRoute apps/api, which differs at:',
        '  spec.hostnames[0]: expected "api.example.org", got "api.example.com"',
        '  spec.rules: no element matches arrayWith pattern 0; the closest differs: spec.rules[0].backendRefs[0].port: expected 8080, got 80',
      ].join('\n'));
    expect(() => m.hasObject('GRPCRoute', {})).toThrow(/Instead: there is no GRPCRoute; the manifests hold Gateway, HTTPRoute/);
    expect(() => m.hasObject('HTTPRoute', { spec: { hostnames: [] } })).toThrow(/spec.hostnames: expected 0 elements, got 1 \(use Match.arrayWith to match some elements\)/);
  });

  test('objectCount and find', () => {
    m.objectCount('HTTPRoute', 2);
    m.objectCount('GRPCRoute', 0);
    expect(() => m.objectCount('HTTPRoute', 1)).toThrow('Expected 1 HTTPRoute\nInstead: 2: HTTPRoute apps/api, HTTPRoute apps/web');
    expect(m.find('HTTPRoute', { spec: { hostnames: Match.absent() } }).map((o) => o.metadata.name)).toEqual(['web']);
    expect(m.find('HTTPRoute').map((o) => o.metadata.name)).toEqual(['api', 'web']);
    expect(m.find('Service')).toEqual([]);
  });

  test('fromApp, fromObjects; a chart that does not validate loads with validate: false', () => {
    const c = chart();
    expect(Manifests.fromApp(c.node.root as App).objects).toHaveLength(3);
    Manifests.fromObjects([{ kind: 'Service', metadata: { name: 's' } }]).objectCount('Service', 1);
    const bad = new Chart(new App(), 'bad');
    const gw = new Gateway(bad, 'Gateway', { metadata: { name: 'main', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(bad, 'Class', 'envoy') });
    gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP });
    new HttpRoute(bad, 'Web', { metadata: { name: 'web', namespace: 'apps' }, parents: [gw] }).addRule({ backends: [Backend.fromServiceName('web', { port: 80 })] });
    expect(() => Manifests.fromChart(bad)).toThrow(/Validation failed/);
    Manifests.fromChart(bad, { validate: false }).objectCount('HTTPRoute', 1);
    // the validations are back afterwards
    expect(() => Manifests.fromChart(bad)).toThrow(/Validation failed/);
  });
});
