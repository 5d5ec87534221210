import { DataPlane } from '../../src/testing';

const gateway = (className: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'infra' },
  spec: { gatewayClassName: className, listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
});
const gatewayClass = (name: string, controllerName: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name }, spec: { controllerName },
});

describe('choosing the Gateway of a request', () => {
  test('a single reconciled Gateway with a listener on the port is chosen without `gateway`', () => {
    const plane = DataPlane.fromManifests([gatewayClass('c', 'example.com/c'), gateway('c')]);
    expect(plane.http({ path: '/' })).toMatchObject({ status: 404 });
  });

  test('fails if the Gateway\'s class is absent, and says so', () => {
    const plane = DataPlane.fromManifests([gateway('missing')]);
    expect(() => plane.http({ path: '/' })).toThrow(/not reconciled: infra\/gw \(GatewayClass 'missing' is not among the objects/);
  });

  test('fails if the Gateway\'s class belongs to another controller, and names the option', () => {
    const plane = DataPlane.fromManifests([gatewayClass('c', 'example.com/c'), gateway('c')], { controllerNames: ['example.com/other'] });
    expect(() => plane.http({ path: '/' })).toThrow(/not reconciled: infra\/gw \(GatewayClass 'c' is not handled: see the controllerNames option\)/);
  });
});

test('fails if no listener serves the request\'s scheme and port, listing the listeners there are', () => {
  const plane = DataPlane.fromManifests([gatewayClass('c', 'example.com/c'), {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'infra' },
    spec: { gatewayClassName: 'c', listeners: [{ name: 'alt', port: 8080, protocol: 'HTTP' }] },
  }]);
  expect(() => plane.http({ path: '/' })).toThrow(/no Gateway has a HTTP listener on port 80; listeners: infra\/gw alt \(HTTP 8080\)/);
});
