import { errorOf } from './error-of';
import { edgeChart, GATEWAY, planeOf } from './fixtures';
import { ApiVersioning, ApiVersioningProps, Backend, HttpRoute } from '../../src';

const v1 = Backend.fromServiceName('api-v1', { port: 80 });
const v2 = Backend.fromServiceName('api-v2', { port: 80 });

function build(props: Partial<ApiVersioningProps>) {
  const { chart, gateway } = edgeChart();
  return new ApiVersioning(chart, 'Api', {
    parents: [gateway.listener('http')],
    versions: [{ name: 'v1', backends: [v1] }],
    ...props,
  });
}

describe('ApiVersioning errors carry their code, construct and field', () => {
  test('route with parents, or with hostnames alone, is a conflict; route alone is accepted', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Existing', { parents: [gateway.listener('http')] });
    const at = { kind: 'ApiVersioning', path: 'test/A' };
    expect(errorOf(() => new ApiVersioning(chart, 'A', { route, parents: [gateway.listener('http')], versions: [{ name: 'v1', backends: [v1] }] })))
      .toMatchObject({ code: 'construct/conflict', ...at });
    expect(errorOf(() => new ApiVersioning(chart, 'B', { route, hostnames: ['api.example.com'], versions: [{ name: 'v1', backends: [v1] }] })))
      .toMatchObject({ code: 'construct/conflict', path: 'test/B' });
    expect(new ApiVersioning(chart, 'C', { route, versions: [{ name: 'v1', backends: [v1] }] }).route).toBe(route);
  });

  test('no route and no parents, or no versions, is missing', () => {
    expect(errorOf(() => build({ parents: undefined }))).toMatchObject({ code: 'construct/missing', kind: 'ApiVersioning', field: undefined });
    expect(errorOf(() => build({ versions: [] }))).toMatchObject({ code: 'construct/missing', field: 'versions' });
  });

  test('a version without a string name is invalid-value at versions[i], not a TypeError', () => {
    const e = errorOf(() => build({ versions: [{ name: 'v1', backends: [v1] }, { name: undefined as unknown as string, backends: [v2] }] }));
    expect(e).toMatchObject({ code: 'construct/invalid-value', field: 'versions[1]' });
    expect(e.message).toMatch(/versions\[1\]\.name must be a non-empty string/);
    expect(errorOf(() => build({ versions: [{ name: '', backends: [v1] }] }))).toMatchObject({ code: 'construct/invalid-value', field: 'versions[0]' });
  });

  test('duplicate names and prefixes, a trailing slash and an empty backend list name the version', () => {
    expect(errorOf(() => build({ versions: [{ name: 'v1', backends: [v1] }, { name: 'v1', backends: [v2] }] }))).toMatchObject({ code: 'construct/duplicate', field: undefined });
    expect(errorOf(() => build({ versions: [{ name: 'v1', backends: [v1] }, { name: 'v2', prefix: '/v1', backends: [v2] }] })))
      .toMatchObject({ code: 'construct/duplicate', field: 'versions[1]' });
    expect(errorOf(() => build({ versions: [{ name: 'v1', backends: [v1] }, { name: 'v2', prefix: '/v2/', backends: [v2] }] })))
      .toMatchObject({ code: 'construct/invalid-value', field: 'versions[1]' });
    expect(errorOf(() => build({ versions: [{ name: 'v1', prefix: '/', backends: [v1] }] }))).toMatchObject({ code: 'construct/invalid-value', field: 'versions[0]' });
    expect(errorOf(() => build({ versions: [{ name: 'v1', backends: [v1] }, { name: 'v2', backends: [] }] })))
      .toMatchObject({ code: 'construct/missing', field: 'versions[1]' });
  });

  test('an unknown defaultVersion is not-found at defaultVersion; ruleFor an unknown version is not-found on the construct', () => {
    expect(errorOf(() => build({ defaultVersion: 'v9' }))).toMatchObject({ code: 'construct/not-found', field: 'defaultVersion' });
    const api = build({});
    expect(errorOf(() => api.ruleFor('v9'))).toMatchObject({ code: 'construct/not-found', kind: 'ApiVersioning', path: 'test/Api' });
    expect(api.ruleFor('v1')).toBeDefined();
  });

  test('deprecation dates and link: each bad field is invalid-value at its own path', () => {
    const dep = (deprecation: object) => build({ versions: [{ name: 'v1', backends: [v1] }, { name: 'v2', backends: [v2], deprecation: deprecation as never }] });
    const field = 'versions[1].deprecation';
    expect(errorOf(() => dep({}))).toMatchObject({ code: 'construct/invalid-value', field: `${field}.since` });
    expect(errorOf(() => dep({ since: new Date('nope') }))).toMatchObject({ code: 'construct/invalid-value', field: `${field}.since` });
    const since = new Date('2025-01-01T00:00:00Z');
    expect(errorOf(() => dep({ since, sunset: new Date('nope') }))).toMatchObject({ code: 'construct/invalid-value', field: `${field}.sunset` });
    expect(errorOf(() => dep({ since, sunset: new Date('2024-12-31T23:59:59Z') }))).toMatchObject({ code: 'construct/invalid-value', field: `${field}.sunset` });
    expect(errorOf(() => dep({ since, link: 'ftp://example.com/x' }))).toMatchObject({ code: 'construct/invalid-value', field: `${field}.link` });
    // The boundaries that are accepted: sunset equal to since, an https link.
    const api = dep({ since, sunset: since, link: 'https://example.com/v2' });
    const r = planeOf(api.node.scope as never).http({ gateway: GATEWAY, host: 'x.example.com', path: '/v2/a' });
    expect(r.responseHeaders).toMatchObject({ deprecation: '@1735689600', sunset: 'Wed, 01 Jan 2025 00:00:00 GMT', link: '<https://example.com/v2>; rel="deprecation"' });
  });
});
