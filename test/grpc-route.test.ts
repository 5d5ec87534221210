import { ApiObject, Chart, Testing } from 'cdk8s';
import { Backend, Filter, GrpcMatch, GrpcRoute, HeaderMatch, RedirectScheme } from '../src';
import { gatewayRef } from './support/parents';

function chartIn(namespace: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}
const specOf = (r: GrpcRoute) => ApiObject.of(r).toJson().spec;

describe('GrpcRoute', () => {
  test('renders the seed\'s GRPCRoute as v1', () => {
    // GIVEN
    const chart = chartIn('production');
    // WHEN
    new GrpcRoute(chart, 'Grpc', {
      metadata: { name: 'grpc-api' },
      parents: [gatewayRef('main-gateway', 'gateway-system')],
      hostnames: ['grpc.example.com'],
      rules: [
        { matches: [GrpcMatch.exact({ service: 'mypackage.UserService' })], backends: [Backend.fromServiceName('user-service', { port: 50051 })] },
        { matches: [GrpcMatch.exact({ service: 'mypackage.OrderService', method: 'CreateOrder' })], backends: [Backend.fromServiceName('order-service', { port: 50051 })] },
        { backends: [Backend.fromServiceName('grpc-default', { port: 50051 })] },
      ],
    });
    // THEN
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: 'grpc-api', namespace: 'production' },
      spec: {
        parentRefs: [{ name: 'main-gateway', namespace: 'gateway-system' }],
        hostnames: ['grpc.example.com'],
        rules: [
          { matches: [{ method: { service: 'mypackage.UserService' } }], backendRefs: [{ name: 'user-service', port: 50051 }] },
          { matches: [{ method: { service: 'mypackage.OrderService', method: 'CreateOrder' } }], backendRefs: [{ name: 'order-service', port: 50051 }] },
          { backendRefs: [{ name: 'grpc-default', port: 50051 }] },
        ],
      },
    }]);
  });

  test('renders names, header matches, filters and backend filters; addRule/addHostnames append', () => {
    const route = new GrpcRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    route.addHostnames('grpc.example.com');
    route.addRule({
      name: 'tenant',
      matches: [GrpcMatch.headers(HeaderMatch.exact('x-tenant', 'acme'))],
      filters: [Filter.requestHeaders({ set: { 'x-routed': 'yes' } })],
      backends: [Backend.fromServiceName('acme', { port: 9000, filters: [Filter.responseHeaders({ remove: ['x-internal'] })] })],
    });
    expect(route.hostnames).toEqual(['grpc.example.com']);
    expect(specOf(route).rules).toEqual([{
      name: 'tenant',
      matches: [{ headers: [{ name: 'x-tenant', value: 'acme' }] }],
      filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-routed', value: 'yes' }] } }],
      backendRefs: [{ name: 'acme', port: 9000, filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x-internal'] } }] }],
    }]);
  });

  test('experimental session persistence is written only when opted in', () => {
    const route = new GrpcRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    route.addRule({ backends: [Backend.fromServiceName('s', { port: 1 })], experimental: { sessionPersistence: { type: 'Header', sessionName: 'x-session' } } });
    expect(specOf(route).rules[0].sessionPersistence).toEqual({ type: 'Header', sessionName: 'x-session' });
  });

  test('a backend in another namespace gets a GRPCRoute grant', () => {
    const chart = chartIn('web');
    new GrpcRoute(chart, 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromServiceName('api', { namespace: 'svc', port: 50051 })] }] });
    const grant = Testing.synth(chart).find(o => o.kind === 'ReferenceGrant');
    expect(grant.spec.from).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'web' }]);
  });

  test('fromGrpcRouteName() imports by name', () => {
    const r = GrpcRoute.fromGrpcRouteName(chartIn('a'), 'I', 'grpc-api', { namespace: 'production' });
    expect([r.kind, r.name, r.namespace]).toEqual(['GRPCRoute', 'grpc-api', 'production']);
  });

  test('fails if a rule uses an HTTP-only filter', () => {
    const route = new GrpcRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    expect(() => route.addRule({ filters: [Filter.requestRedirect({ scheme: RedirectScheme.HTTPS })] }))
      .toThrow(/GRPCRoute 'test\/R': rules\[0\].filters\[0\] is a RequestRedirect filter, which GRPCRoute does not support; supported: RequestHeaderModifier, ResponseHeaderModifier, RequestMirror, ExtensionRef/);
    expect(() => route.addRule({ backends: [Backend.fromServiceName('s', { port: 1, filters: [Filter.cors({ allowOrigins: ['*'] })] })] }))
      .toThrow(/rules\[0\].backends\[0\].filters\[0\] is a CORS filter, which GRPCRoute does not support/);
  });

  test('fails if a match is an HttpMatch', () => {
    const route = new GrpcRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    const { HttpMatch } = jest.requireActual('../src');
    expect(() => route.addRule({ matches: [HttpMatch.pathPrefix('/')] })).toThrow(/rules\[0\].matches\[0\] is not a GrpcMatch/);
  });

  test('fails beyond 16 rules and 128 matches, and on repeated rule names', () => {
    const route = new GrpcRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    const matches = Array.from({ length: 64 }, (_, i) => GrpcMatch.exact({ method: `M${i}` }));
    route.addRule({ name: 'a', matches });
    expect(() => route.addRule({ name: 'a' })).toThrow(/rule name 'a' is already used/);
    route.addRule({ matches });
    expect(() => route.addRule({ matches: [GrpcMatch.exact({ method: 'X' })] })).toThrow(/brings the route to 129 matches/);
    for (let i = 0; i < 14; i++) route.addRule({});
    expect(() => route.addRule({})).toThrow(/rules has 17 entries; the Gateway API allows at most 16/);
  });
});
