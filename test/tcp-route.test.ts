import { ApiObject, Chart, Testing } from 'cdk8s';
import { Backend, Filter, TcpRoute } from '../src';
import { gatewayRef } from './support/parents';

function chartIn(namespace: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

describe('TcpRoute', () => {
  test('renders the seed\'s TCPRoute as v1', () => {
    const chart = chartIn('database');
    new TcpRoute(chart, 'Db', {
      metadata: { name: 'database-route' },
      parents: [gatewayRef('tcp-gateway', 'gateway-system', 'postgres')],
      rules: [{ backends: [Backend.fromServiceName('postgres', { port: 5432 })] }],
    });
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TCPRoute',
      metadata: { name: 'database-route', namespace: 'database' },
      spec: {
        parentRefs: [{ name: 'tcp-gateway', namespace: 'gateway-system', sectionName: 'postgres' }],
        rules: [{ backendRefs: [{ name: 'postgres', port: 5432 }] }],
      },
    }]);
  });

  test('addRule() sets the rule, with a name and weights', () => {
    const route = new TcpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    route.addRule({ name: 'pg', backends: [Backend.fromServiceName('a', { port: 1, weight: 3 }), Backend.fromServiceName('b', { port: 1, weight: 1 })] });
    expect(ApiObject.of(route).toJson().spec.rules).toEqual([{ name: 'pg', backendRefs: [{ name: 'a', port: 1, weight: 3 }, { name: 'b', port: 1, weight: 1 }] }]);
  });

  test('fails if a second rule is added', () => {
    const route = new TcpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromServiceName('a', { port: 1 })] }] });
    expect(() => route.addRule({ backends: [Backend.fromServiceName('b', { port: 1 })] })).toThrow(/TCPRoute 'test\/R': a TCPRoute has exactly one rule/);
  });

  test('fails if the rule has no backend, more than 16, or backend filters', () => {
    const route = new TcpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    expect(() => route.addRule({ backends: [] })).toThrow(/rules\[0\] needs at least one backend/);
    expect(() => route.addRule({ backends: Array.from({ length: 17 }, (_, i) => Backend.fromServiceName(`b${i}`, { port: 1 })) })).toThrow(/rules\[0\].backends has 17 entries/);
    expect(() => route.addRule({ backends: [Backend.fromServiceName('a', { port: 1, filters: [Filter.requestHeaders({ remove: ['x'] })] })] }))
      .toThrow(/rules\[0\].backends\[0\] \('a'\) has filters; TCPRoute backends take none/);
  });

  test('fails at synthesis without a rule', () => {
    const app = Testing.app();
    new TcpRoute(new Chart(app, 'c', { namespace: 'a' }), 'R', { parents: [gatewayRef('gw')] });
    expect(() => app.synth()).toThrow(/\[c\/R\] rules: a TCPRoute needs its rule; call addRule.* \[construct\/missing\]/);
  });

  test('a backend in another namespace gets a TCPRoute grant', () => {
    const chart = chartIn('apps');
    new TcpRoute(chart, 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromServiceName('pg', { namespace: 'db', port: 5432 })] }] });
    const grant = Testing.synth(chart).find(o => o.kind === 'ReferenceGrant');
    expect(grant.metadata).toEqual({ name: 'allow-tcproute-from-apps', namespace: 'db' });
  });

  test('fromTcpRouteName() imports by name', () => {
    const r = TcpRoute.fromTcpRouteName(chartIn('a'), 'I', 'database-route');
    expect([r.kind, r.name, r.namespace]).toEqual(['TCPRoute', 'database-route', undefined]);
  });
});
