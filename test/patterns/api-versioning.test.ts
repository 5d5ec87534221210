import { Testing } from 'cdk8s';
import { diagnosticsOf, edgeChart, GATEWAY, planeOf } from './fixtures';
import { ApiVersioning, ApiVersioningProps, Backend } from '../../src';

const v1 = Backend.fromServiceName('api-v1', { port: 80 });
const v2 = Backend.fromServiceName('api-v2', { port: 80 });

function setup(props: Partial<ApiVersioningProps> = {}) {
  const { chart, gateway } = edgeChart();
  const api = new ApiVersioning(chart, 'Api', {
    metadata: { name: 'api' },
    parents: [gateway.listener('http')],
    hostnames: ['api.example.com'],
    versions: [
      { name: 'v2', backends: [v2] },
      { name: 'v1', backends: [v1], deprecation: { since: new Date('2025-01-01T00:00:00Z'), sunset: new Date('2026-12-31T00:00:00Z'), link: 'https://example.com/api/v1-deprecation' } },
    ],
    defaultVersion: 'v1',
    ...props,
  });
  return { chart, api };
}

const REQ = { gateway: GATEWAY, host: 'api.example.com' };

describe('ApiVersioning', () => {
  test('manifests', () => {
    expect(Testing.synth(setup().chart).filter(o => o.kind === 'HTTPRoute')).toMatchSnapshot();
  });

  test('path prefixes go to their versions; unversioned paths are rewritten to the default version', () => {
    const plane = planeOf(setup().chart);
    const r2 = plane.http({ ...REQ, path: '/v2/users?page=2' });
    expect(r2).toMatchObject({ status: 200, backend: { name: 'api-v2' } });
    expect(r2.request?.path).toBe('/v2/users?page=2');
    expect(r2.responseHeaders.deprecation).toBeUndefined();
    const r1 = plane.http({ ...REQ, path: '/v1/users' });
    expect(r1.backend?.name).toBe('api-v1');
    expect(r1.request?.path).toBe('/v1/users');
    const d = plane.http({ ...REQ, path: '/users?page=3' });
    expect(d.backend?.name).toBe('api-v1');
    expect(d.request?.path).toBe('/v1/users?page=3');
    expect(plane.http({ ...REQ, path: '/' }).request?.path).toBe('/v1');
    // Whole segments: /v2x is unversioned.
    expect(plane.http({ ...REQ, path: '/v2x' }).request?.path).toBe('/v1/v2x');
  });

  test('a deprecated version announces it on every response, the default path included', () => {
    const plane = planeOf(setup().chart);
    for (const path of ['/v1/users', '/users']) {
      expect(plane.http({ ...REQ, path }).responseHeaders).toMatchObject({
        deprecation: '@1735689600',
        sunset: 'Thu, 31 Dec 2026 00:00:00 GMT',
        link: '<https://example.com/api/v1-deprecation>; rel="deprecation"',
      });
    }
  });

  test('without a default version, unversioned paths are not routed', () => {
    expect(planeOf(setup({ defaultVersion: undefined }).chart).http({ ...REQ, path: '/users' })).toMatchObject({ outcome: 'no-route', status: 404 });
  });

  test('its output passes validateManifests with no error and no warning', () => {
    expect(diagnosticsOf(setup().chart)).toEqual([]);
  });

  test('fails on an unknown default version, a duplicate version, a trailing-slash prefix, a sunset before since', () => {
    expect(() => setup({ defaultVersion: 'v3' })).toThrow(/ApiVersioning 'test\/Api': defaultVersion 'v3' is not one of the versions \(v2, v1\)/);
    expect(() => setup({ versions: [{ name: 'v1', backends: [v1] }, { name: 'v1', backends: [v2] }] })).toThrow(/version 'v1' is listed twice/);
    expect(() => setup({ versions: [{ name: 'v1', prefix: '/v1/', backends: [v1] }] })).toThrow(/prefix '\/v1\/' must be a path without a trailing/);
    expect(() => setup({ versions: [{ name: 'v1', backends: [v1], deprecation: { since: new Date('2026-01-01'), sunset: new Date('2025-01-01') } }] })).toThrow(/sunset .* is before since/);
    expect(() => setup().api.ruleFor('v9')).toThrow(/no version 'v9'; versions: v2, v1/);
  });
});
