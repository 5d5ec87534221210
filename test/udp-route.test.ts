import { ApiObject, Chart, Testing } from 'cdk8s';
import { Backend, Filter, UdpRoute } from '../src';
import { gatewayRef } from './support/parents';

function chartIn(namespace: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

describe('UdpRoute', () => {
  test('renders the seed\'s UDPRoute as v1', () => {
    const chart = chartIn('dns');
    new UdpRoute(chart, 'Dns', {
      metadata: { name: 'dns-route' },
      parents: [gatewayRef('udp-gateway', 'gateway-system')],
      rules: [{ backends: [Backend.fromServiceName('coredns', { port: 53 })] }],
    });
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'UDPRoute',
      metadata: { name: 'dns-route', namespace: 'dns' },
      spec: {
        parentRefs: [{ name: 'udp-gateway', namespace: 'gateway-system' }],
        rules: [{ backendRefs: [{ name: 'coredns', port: 53 }] }],
      },
    }]);
  });

  test('addRule() sets the rule, with a name and weights', () => {
    const route = new UdpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    route.addRule({ name: 'pg', backends: [Backend.fromServiceName('a', { port: 1, weight: 3 }), Backend.fromServiceName('b', { port: 1, weight: 1 })] });
    expect(ApiObject.of(route).toJson().spec.rules).toEqual([{ name: 'pg', backendRefs: [{ name: 'a', port: 1, weight: 3 }, { name: 'b', port: 1, weight: 1 }] }]);
  });

  test('fails if a second rule is added', () => {
    const route = new UdpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromServiceName('a', { port: 1 })] }] });
    expect(() => route.addRule({ backends: [Backend.fromServiceName('b', { port: 1 })] })).toThrow(/UDPRoute 'test\/R': a UDPRoute has exactly one rule/);
  });

  test('fails if the rule has no backend, more than 16, or backend filters', () => {
    const route = new UdpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
    expect(() => route.addRule({ backends: [] })).toThrow(/rules\[0\] needs at least one backend/);
    expect(() => route.addRule({ backends: Array.from({ length: 17 }, (_, i) => Backend.fromServiceName(`b${i}`, { port: 1 })) })).toThrow(/rules\[0\].backends has 17 entries/);
    expect(() => route.addRule({ backends: [Backend.fromServiceName('a', { port: 1, filters: [Filter.requestHeaders({ remove: ['x'] })] })] }))
      .toThrow(/rules\[0\].backends\[0\] \('a'\) has filters; UDPRoute backends take none/);
  });

  test('fails at synthesis without a rule', () => {
    const app = Testing.app();
    new UdpRoute(new Chart(app, 'c', { namespace: 'a' }), 'R', { parents: [gatewayRef('gw')] });
    expect(() => app.synth()).toThrow(/\[c\/R\] rules: a UDPRoute needs its rule; call addRule.* \[construct\/missing\]/);
  });

  test('a backend in another namespace gets a UDPRoute grant', () => {
    const chart = chartIn('apps');
    new UdpRoute(chart, 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromServiceName('pg', { namespace: 'db', port: 5432 })] }] });
    const grant = Testing.synth(chart).find(o => o.kind === 'ReferenceGrant');
    expect(grant.metadata).toEqual({ name: 'allow-udproute-from-apps', namespace: 'db' });
  });

  test('fromUdpRouteName() imports by name', () => {
    const r = UdpRoute.fromUdpRouteName(chartIn('a'), 'I', 'dns-route');
    expect([r.kind, r.name, r.namespace]).toEqual(['UDPRoute', 'dns-route', undefined]);
  });
});
