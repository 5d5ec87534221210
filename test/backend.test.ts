import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { Backend, Filter } from '../src';

describe('Backend.fromService', () => {
  test('reads name and namespace of a cdk8s-plus Service; omits the namespace when it is the route\'s', () => {
    // GIVEN
    const chart = Testing.chart();
    const svc = new kplus.Service(chart, 'Api', { metadata: { name: 'api', namespace: 'apps' }, ports: [{ port: 80 }] });
    // WHEN
    const b = Backend.fromService(svc, { port: 80, weight: 90 });
    // THEN
    expect(b.target).toEqual({ group: '', kind: 'Service', name: 'api', namespace: 'apps' });
    expect(b._render('apps')).toEqual({ name: 'api', port: 80, weight: 90 });
    expect(b._render('web')).toEqual({ name: 'api', namespace: 'apps', port: 80, weight: 90 });
  });

  test('accepts a plain ApiObject Service (e.g. KubeService) and takes the chart namespace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const svc = new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart' } });
    expect(Backend.fromService(svc, { port: 8080 }).target).toEqual({ group: '', kind: 'Service', name: 'cart', namespace: 'shop' });
  });

  test('fails if the construct is not a Service', () => {
    const chart = Testing.chart();
    const dep = new kplus.Deployment(chart, 'Dep', { containers: [{ image: 'nginx' }] });
    expect(() => Backend.fromService(dep, { port: 80 })).toThrow(/Backend.fromService: '.*Dep' is a apps\/v1 Deployment, not a v1 Service/);
  });

  test('fails if the construct has no Kubernetes object', () => {
    const chart = Testing.chart();
    const c = new Construct(chart, 'Empty');
    expect(() => Backend.fromService(c, { port: 80 })).toThrow(/Backend.fromService: '.*Empty' is not a Kubernetes object/);
  });

  test('fails if the port is out of range', () => {
    const chart = Testing.chart();
    const svc = new kplus.Service(chart, 'Api', { ports: [{ port: 80 }] });
    expect(() => Backend.fromService(svc, { port: 0 })).toThrow(/Backend.fromService: port 0 is invalid; expected an integer port from 1 to 65535/);
  });
});

describe('Backend.fromServiceName', () => {
  test('writes name and port; the namespace as given, even when it is the route\'s', () => {
    expect(Backend.fromServiceName('api-v1', { port: 80 })._render('apps')).toEqual({ name: 'api-v1', port: 80 });
    expect(Backend.fromServiceName('api-v1', { port: 80, namespace: 'apps' })._render('apps')).toEqual({ name: 'api-v1', namespace: 'apps', port: 80 });
  });

  test('writes weight 0 and backend filters', () => {
    const b = Backend.fromServiceName('a', { port: 80, weight: 0, filters: [Filter.requestHeaders({ set: { 'X-Pool': 'a' } })] });
    expect(b._render()).toEqual({
      name: 'a',
      port: 80,
      weight: 0,
      filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Pool', value: 'a' }] } }],
    });
  });

  test('withWeight() returns a re-weighted copy', () => {
    const b = Backend.fromServiceName('a', { port: 80 });
    expect(b.withWeight(10)._render()).toEqual({ name: 'a', port: 80, weight: 10 });
    expect(b.weight).toBeUndefined();
  });

  test('fails if the weight is negative, fractional or above 1,000,000', () => {
    expect(() => Backend.fromServiceName('a', { port: 80, weight: -1 })).toThrow(/Backend.fromServiceName: weight -1 is invalid; expected an integer from 0 to 1000000/);
    expect(() => Backend.fromServiceName('a', { port: 80, weight: 1.5 })).toThrow(/weight 1.5 is invalid/);
    expect(() => Backend.fromServiceName('a', { port: 80, weight: 1_000_001 })).toThrow(/weight 1000001 is invalid/);
  });

  test('fails if the namespace is not a DNS label', () => {
    expect(() => Backend.fromServiceName('a', { port: 80, namespace: 'Prod' })).toThrow(/namespace "Prod" is invalid; expected an RFC 1123 label/);
  });

  test('fails if the name is empty', () => {
    expect(() => Backend.fromServiceName('', { port: 80 })).toThrow(/Backend.fromServiceName: name "" is invalid/);
  });
});

describe('Backend.custom', () => {
  test('writes group and kind of a non-Service backend', () => {
    expect(Backend.custom({ group: 'inference.networking.k8s.io', kind: 'InferencePool', name: 'llm', namespace: 'ai' })._render('apps'))
      .toEqual({ group: 'inference.networking.k8s.io', kind: 'InferencePool', name: 'llm', namespace: 'ai' });
  });

  test('a core Service written through custom() needs no group or kind on the wire', () => {
    expect(Backend.custom({ group: '', kind: 'Service', name: 'a', port: 80 })._render()).toEqual({ name: 'a', port: 80 });
  });

  test('fails if a core Service has no port', () => {
    expect(() => Backend.custom({ group: '', kind: 'Service', name: 'a' })).toThrow(/Backend.custom: a core Service backend needs a port/);
  });

  test('fails if the kind is invalid', () => {
    expect(() => Backend.custom({ group: 'x.io', kind: '1Pool', name: 'a' })).toThrow(/Backend.custom: kind "1Pool" is invalid/);
  });
});
