import { Chart, Testing } from 'cdk8s';
import { GatewayClass } from '../src';

describe('GatewayClass', () => {
  test('renders controllerName only when nothing else is given, without the chart namespace', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'c', { namespace: 'apps' });
    // WHEN
    const gc = new GatewayClass(chart, 'Class', { metadata: { name: 'eg' }, controllerName: 'example.com/gateway-controller' });
    // THEN
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'eg' },
      spec: { controllerName: 'example.com/gateway-controller' },
    }]);
    expect(gc.namespace).toBeUndefined();
    expect([gc.name, gc.kind, gc.apiGroup]).toEqual(['eg', 'GatewayClass', 'gateway.networking.k8s.io']);
  });

  test('renders description and a parametersRef without namespace', () => {
    const chart = Testing.chart();
    new GatewayClass(chart, 'Class', {
      metadata: { name: 'eg' },
      controllerName: 'example.com/c',
      description: 'shared edge',
      parametersRef: { group: '', kind: 'ConfigMap', name: 'cfg' },
    });
    expect(Testing.synth(chart)[0].spec).toEqual({
      controllerName: 'example.com/c',
      description: 'shared edge',
      parametersRef: { group: '', kind: 'ConfigMap', name: 'cfg' },
    });
  });

  test('fromGatewayClassName imports a class by name', () => {
    const gc = GatewayClass.fromGatewayClassName(Testing.chart(), 'Imported', 'envoy');
    expect([gc.name, gc.namespace, gc.kind, gc.apiGroup]).toEqual(['envoy', undefined, 'GatewayClass', 'gateway.networking.k8s.io']);
  });

  test('fails if a namespace is given', () => {
    expect(() => new GatewayClass(Testing.chart(), 'Class', { metadata: { namespace: 'x' }, controllerName: 'example.com/c' }))
      .toThrow(/GatewayClass 'test\/Class': metadata.namespace 'x' is invalid; GatewayClass is cluster-scoped/);
  });

  test('fails if the controller name is not domain-prefixed', () => {
    expect(() => new GatewayClass(Testing.chart(), 'Class', { controllerName: 'envoy' }))
      .toThrow(/controllerName "envoy" is invalid; expected a domain-prefixed path/);
  });

  test('fails if the description is longer than 64 characters', () => {
    expect(() => new GatewayClass(Testing.chart(), 'Class', { controllerName: 'example.com/c', description: 'x'.repeat(65) }))
      .toThrow(/description "x+" is invalid; expected 0-64 characters/);
  });

  test('fails if the parametersRef uses the "core" group', () => {
    expect(() => new GatewayClass(Testing.chart(), 'Class', { controllerName: 'example.com/c', parametersRef: { group: 'core', kind: 'ConfigMap', name: 'x' } }))
      .toThrow(/parametersRef.group "core" is invalid; the core API group is written as ''/);
  });

  test('fails if the imported name is empty', () => {
    expect(() => GatewayClass.fromGatewayClassName(Testing.chart(), 'I', '')).toThrow(/name "" is invalid/);
  });
});
