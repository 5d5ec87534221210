import { Testing } from 'cdk8s';
import { ApiVersioningChart } from '../../examples/api-versioning';
import { testing, validateManifests } from '../../src';
import { describeObjects } from '../support/seed-objects';

describe('examples/api-versioning', () => {
  test('synthesizes one route with a rule per version and the default rewrite', () => {
    const objects = Testing.synth(new ApiVersioningChart(Testing.app(), 'api-versioning'));
    expect(describeObjects(objects)).toEqual(['HTTPRoute production/api-versions']);
    expect(objects[0].spec.rules).toHaveLength(3);
    expect(objects).toMatchSnapshot();
    expect(validateManifests(objects)).toEqual([]);
  });

  test('routing: versions by prefix, unversioned paths rewritten to /v2, v1 announces its sunset', () => {
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'main-gateway', namespace: 'gateway-system' },
      spec: { gatewayClassName: 'envoy', listeners: [{ name: 'https', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
    };
    const plane = testing.DataPlane.fromManifests([gateway, ...Testing.synth(new ApiVersioningChart(Testing.app(), 'api-versioning'))], { assumeMissing: true });
    const req = { gateway: 'gateway-system/main-gateway', host: 'api.example.com' };
    const v1 = plane.http({ ...req, path: '/v1/users' });
    expect(v1).toMatchObject({ status: 200, backend: { name: 'api-v1' } });
    expect(v1.responseHeaders).toMatchObject({ deprecation: '@1767225600', sunset: 'Thu, 31 Dec 2026 00:00:00 GMT' });
    const plain = plane.http({ ...req, path: '/users?x=1' });
    expect(plain.backend?.name).toBe('api-v2');
    expect(plain.request?.path).toBe('/v2/users?x=1');
    expect(plain.responseHeaders.deprecation).toBeUndefined();
  });
});
