import { testing } from '../../src';

const G = 'gateway.networking.k8s.io/v1';
const envoyClass = {
  apiVersion: G,
  kind: 'GatewayClass',
  metadata: { name: 'envoy' },
  spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller', parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'proxy', namespace: 'envoy-system' } },
};
const envoyProxy = { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'EnvoyProxy', metadata: { name: 'proxy', namespace: 'envoy-system' }, spec: {} };
const gateway = (infra?: object) => ({
  apiVersion: G,
  kind: 'Gateway',
  metadata: { name: 'edge', namespace: 'infra' },
  spec: { gatewayClassName: 'envoy', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }], ...(infra ? { infrastructure: { parametersRef: infra } } : {}) },
});
const accepted = (p: testing.DataPlane) => p.status('GatewayClass', undefined, 'envoy')?.conditions.find((c) => c.type === 'Accepted');

describe('parametersRef to an implementation-specific kind', () => {
  test('accepted when the referenced object is among the inputs', () => {
    const p = testing.DataPlane.fromManifests([envoyClass, envoyProxy, gateway()]);
    expect(accepted(p)?.status).toBe('True');
    expect(p.status('Gateway', 'infra', 'edge')?.conditions.find((c) => c.type === 'Programmed')?.status).toBe('True');
  });

  test('not accepted when it is absent, saying what to do', () => {
    const p = testing.DataPlane.fromManifests([envoyClass, gateway()]);
    expect(accepted(p)).toMatchObject({ status: 'False', reason: 'InvalidParameters', message: 'parametersRef gateway.envoyproxy.io/EnvoyProxy proxy does not resolve: no such object among the loaded objects (load it, or use assumeMissing)' });
    // same name, another namespace or group: still absent
    const other = testing.DataPlane.fromManifests([envoyClass, { ...envoyProxy, metadata: { name: 'proxy', namespace: 'default' } }, gateway()]);
    expect(accepted(other)?.status).toBe('False');
  });

  test('assumed under assumeMissing (and listed), unless ParametersRef is left out of the kinds', () => {
    const p = testing.DataPlane.fromManifests([envoyClass, gateway({ group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'edge-proxy' })], { assumeMissing: true });
    expect(accepted(p)?.status).toBe('True');
    expect(p.status('Gateway', 'infra', 'edge')?.conditions.find((c) => c.type === 'Accepted')?.status).toBe('True');
    expect(p.assumed).toEqual([
      { kind: 'EnvoyProxy', namespace: 'envoy-system', name: 'proxy' },
      { kind: 'EnvoyProxy', namespace: 'infra', name: 'edge-proxy' },
    ]);
    expect(p.routingTable()).toContain('assumed (referenced but not defined): EnvoyProxy envoy-system/proxy, EnvoyProxy infra/edge-proxy');
    const strict = testing.DataPlane.fromManifests([envoyClass, gateway()], { assumeMissing: ['GatewayClass', 'Service'] });
    expect(accepted(strict)?.status).toBe('False');
  });

  test('a Gateway infrastructure.parametersRef to an object among the inputs', () => {
    const p = testing.DataPlane.fromManifests([envoyClass, envoyProxy, gateway({ group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'proxy' }), { ...envoyProxy, metadata: { name: 'proxy', namespace: 'infra' } }]);
    expect(p.status('Gateway', 'infra', 'edge')?.conditions.find((c) => c.type === 'Accepted')?.status).toBe('True');
    const missing = testing.DataPlane.fromManifests([envoyClass, envoyProxy, gateway({ group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'nope' })]);
    expect(missing.status('Gateway', 'infra', 'edge')?.conditions.find((c) => c.type === 'Accepted')).toMatchObject({ status: 'False', reason: 'InvalidParameters' });
  });
});
