import { Testing } from 'cdk8s';
import { Backend, Gateway, GatewayClass, HttpRoute, ListenerProtocol } from '../../src';
import { validateManifests, validateSourcedManifests } from '../../src/validation';

const route = (backend: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'same', namespace: 'infra' },
  spec: { rules: [{ backendRefs: [{ name: backend, port: 80 }] }] },
});

describe('object/duplicate', () => {
  test('fires on the second of two manifests with one kind, namespace and name, naming the first', () => {
    const ds = validateSourcedManifests([{ object: route('a'), source: 'a.yaml#0' }, { object: route('b'), source: 'b.yaml#3' }]);
    const dup = ds.filter(d => d.code === 'object/duplicate');
    expect(dup).toEqual([expect.objectContaining({
      severity: 'error',
      source: 'b.yaml#3',
      field: 'metadata.name',
      message: expect.stringMatching(/HTTPRoute infra\/same is defined twice: this one replaces the earlier one \(a\.yaml#0\)/),
    })]);
  });

  test('does not fire for the same name in another namespace or kind', () => {
    const other = { ...route('b'), metadata: { name: 'same', namespace: 'apps' } };
    const grpc = { ...route('c'), kind: 'GRPCRoute' };
    expect(validateManifests([route('a'), other, grpc]).filter(d => d.code === 'object/duplicate')).toEqual([]);
  });

  test('fails synthesis when two constructs render the same object', () => {
    const chart = Testing.chart();
    const gw = new Gateway(chart, 'Gw', {
      metadata: { name: 'gw', namespace: 'infra' },
      gatewayClass: GatewayClass.fromGatewayClassName(chart, 'C', 'c'),
      listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }],
    });
    for (const id of ['A', 'B']) {
      new HttpRoute(chart, id, { metadata: { name: 'same', namespace: 'infra' }, parents: [gw], rules: [{ backends: [Backend.fromServiceName(`svc-${id}`, { port: 80 })] }] });
    }
    expect(() => Testing.synth(chart)).toThrow(/\[test\/B\] metadata\.name: HTTPRoute infra\/same is defined twice.*\(test\/A\/Resource\).*\[object\/duplicate\]/);
  });
});
