import { Chart, Testing } from 'cdk8s';
import { Backend, TlsRoute } from '../src';
import { gatewayRef } from './support/parents';

function chartIn(namespace: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

describe('TlsRoute', () => {
  test('renders the seed\'s TLSRoute as v1', () => {
    const chart = chartIn('production');
    new TlsRoute(chart, 'Tls', {
      metadata: { name: 'tls-passthrough' },
      parents: [gatewayRef('main-gateway', 'gateway-system', 'tls-passthrough')],
      hostnames: ['secure.example.com'],
      rules: [{ backends: [Backend.fromServiceName('tls-backend', { port: 443 })] }],
    });
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 'tls-passthrough', namespace: 'production' },
      spec: {
        parentRefs: [{ name: 'main-gateway', namespace: 'gateway-system', sectionName: 'tls-passthrough' }],
        hostnames: ['secure.example.com'],
        rules: [{ backendRefs: [{ name: 'tls-backend', port: 443 }] }],
      },
    }]);
  });

  test('addHostnames() and addRule() build the same route', () => {
    const chart = chartIn('p');
    const route = new TlsRoute(chart, 'Tls', { parents: [gatewayRef('gw')] });
    route.addHostnames('a.example.com', '*.b.example.com');
    route.addRule({ backends: [Backend.fromServiceName('x', { port: 443 })] });
    expect(route.hostnames).toEqual(['a.example.com', '*.b.example.com']);
    expect(Testing.synth(chart)[0].spec.hostnames).toEqual(['a.example.com', '*.b.example.com']);
  });

  test('fails at synthesis without hostnames or rule', () => {
    const app = Testing.app();
    new TlsRoute(new Chart(app, 'c', { namespace: 'a' }), 'R', { parents: [gatewayRef('gw')] });
    expect(() => app.synth()).toThrow(/a TLSRoute needs at least one hostname \(SNI\)[\s\S]*a TLSRoute needs its rule/);
  });

  test('fails if a hostname is an IP address or a second rule is added', () => {
    const route = new TlsRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromServiceName('a', { port: 1 })] }] });
    expect(() => route.addHostnames('192.168.0.1')).toThrow(/is an IP address/);
    expect(() => route.addRule({ backends: [Backend.fromServiceName('a', { port: 1 })] })).toThrow(/a TLSRoute has exactly one rule/);
  });

  test('fromTlsRouteName() imports by name', () => {
    const r = TlsRoute.fromTlsRouteName(chartIn('a'), 'I', 'tls', { namespace: 'p' });
    expect([r.kind, r.name, r.namespace]).toEqual(['TLSRoute', 'tls', 'p']);
  });
});
