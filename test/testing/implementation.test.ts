import * as fs from 'fs';
import * as path from 'path';
import { detectFeatures } from '../../src/model/feature-detection';
import { implementationClaims } from '../../src/model/implementation-claims';
import { DataPlane } from '../../src/testing';
import { SUPPORTED_FEATURES } from '../../src/testing/data-plane';

const DONE_WHEN = fs.readFileSync(path.join(__dirname, '../fixtures/compat/done-when.yaml'), 'utf8');
const ALL = [...SUPPORTED_FEATURES];
const without = (...names: string[]) => ({ supportedFeatures: ALL.filter((f) => !names.includes(f)) });
const plane = (implementation?: any, extra: any = {}) => DataPlane.fromYaml(DONE_WHEN, { assumeMissing: true, ...(implementation !== undefined ? { implementation } : {}), ...extra });
const accepted = (p: DataPlane, kind: any, ns: string, name: string) => (p.status(kind, ns, name) as any)?.parents[0].conditions.find((c: any) => c.type === 'Accepted');

describe('DataPlane option implementation', () => {
  test('GatewayClass status.supportedFeatures lists what the report claims, sorted; the used features missing from it are those compat names', () => {
    const p = plane('gke-gateway');
    const names = p.status('GatewayClass', undefined, 'example')!.supportedFeatures!.map((f) => f.name);
    expect(names).toEqual(implementationClaims('gke-gateway').claimed);
    expect(names).toEqual([...names].sort());
    const used = detectFeatures(require('yaml').parseAllDocuments(DONE_WHEN).map((d: any) => d.toJS())).map((f) => f.name);
    expect(used.filter((f) => !names.includes(f))).toEqual(['GRPCRoute', 'HTTPRoute303RedirectStatusCode', 'HTTPRouteCORS', 'HTTPRouteMethodMatching', 'HTTPRoutePathRewrite']);
    // envoy-gateway claims every feature the manifests use.
    const eg = plane('envoy-gateway').status('GatewayClass', undefined, 'example')!.supportedFeatures!.map((f) => f.name);
    expect(used.filter((f) => !eg.includes(f))).toEqual([]);
  });

  test('without the option the class lists the features the plane models; a custom list is listed as given, sorted and once', () => {
    expect(plane().status('GatewayClass', undefined, 'example')!.supportedFeatures!.map((f) => f.name)).toEqual([...ALL].sort());
    expect(plane({ supportedFeatures: ['HTTPRoute', 'Gateway', 'HTTPRoute'] }).status('GatewayClass', undefined, 'example')!.supportedFeatures).toEqual([{ name: 'Gateway' }, { name: 'HTTPRoute' }]);
  });

  test('an implementation claiming every used feature serves the routes', () => {
    const p = plane('envoy-gateway');
    expect(accepted(p, 'HTTPRoute', 'apps', 'web')).toMatchObject({ status: 'True' });
    expect(accepted(p, 'GRPCRoute', 'apps', 'rpc')).toMatchObject({ status: 'True' });
    expect(p.http({ gateway: 'infra/edge', port: 8080, host: 'app.example.com', path: '/old' } as any).status).toBe(303);
  });

  test('an unclaimed filter rejects its rule with IncompatibleFilters; drop-rule keeps the others serving', () => {
    const p = plane(without('HTTPRouteCORS'));
    expect(accepted(p, 'HTTPRoute', 'apps', 'web')).toMatchObject({ status: 'False', reason: 'IncompatibleFilters', message: expect.stringMatching(/^rules\[0\]\.filters\[1\] uses HTTPRouteCORS, not in the given supportedFeatures \(the whole route is rejected/) });
    expect(p.explain({ gateway: 'infra/edge', port: 8080, host: 'app.example.com', path: '/old' } as any)).toMatch(/rejected: HTTPRoute apps\/web is not Accepted \(IncompatibleFilters\): rules\[0\]\.filters\[1\] uses HTTPRouteCORS/);
    const dropped = plane(without('HTTPRouteCORS'), { partiallyInvalid: 'drop-rule' });
    expect(accepted(dropped, 'HTTPRoute', 'apps', 'web')).toMatchObject({ status: 'True' });
    expect(dropped.http({ gateway: 'infra/edge', port: 8080, host: 'app.example.com', path: '/old' } as any).status).toBe(303);
    expect(dropped.http({ gateway: 'infra/edge', port: 8080, host: 'app.example.com', path: '/api?version=v2' } as any).status).toBe(404);
  });

  test('an unclaimed 303 or method match is an unsupported value; a query match too, with the plane\'s decision said', () => {
    expect(accepted(plane(without('HTTPRoute303RedirectStatusCode'), { partiallyInvalid: 'drop-rule' }), 'HTTPRoute', 'apps', 'web')).toMatchObject({ status: 'True' });
    const p = plane(without('HTTPRoute303RedirectStatusCode'), { partiallyInvalid: 'drop-rule' });
    const partial = (p.status('HTTPRoute', 'apps', 'web') as any).parents[0].conditions.find((c: any) => c.type === 'PartiallyInvalid');
    expect(partial).toMatchObject({ status: 'True', reason: 'UnsupportedValue', message: expect.stringContaining('Dropped Rule(s) 1: rules[1].filters[0].requestRedirect.statusCode uses HTTPRoute303RedirectStatusCode') });
    expect(p.http({ gateway: 'infra/edge', port: 8080, host: 'app.example.com', path: '/old' } as any).status).toBe(404);
    expect(accepted(plane(without('HTTPRouteMethodMatching')), 'HTTPRoute', 'apps', 'web')).toMatchObject({ status: 'False', reason: 'UnsupportedValue', message: expect.not.stringContaining('names no handling') });
    expect(accepted(plane(without('HTTPRouteQueryParamMatching')), 'HTTPRoute', 'apps', 'web')).toMatchObject({
      status: 'False', reason: 'UnsupportedValue', message: expect.stringContaining('rules[0].matches[0].queryParams uses HTTPRouteQueryParamMatching, not in the given supportedFeatures (the spec names no handling'),
    });
    // Where the spec is silent the decision is kept and explain() says so.
    expect(plane(without('HTTPRouteQueryParamMatching')).explain({ gateway: 'infra/edge', port: 8080, host: 'app.example.com', path: '/old' } as any))
      .toMatch(/rejected: HTTPRoute apps\/web is not Accepted \(UnsupportedValue\): rules\[0\]\.matches\[0\]\.queryParams uses HTTPRouteQueryParamMatching, not in the given supportedFeatures \(the spec names no handling/);
  });

  test('port 8080 without GatewayPort8080: the listener is PortUnavailable and not programmed; the boundary ports are fine', () => {
    const p = plane(without('GatewayPort8080'));
    const listener = p.status('Gateway', 'infra', 'edge')!.listeners![0];
    expect(listener.conditions.find((c) => c.type === 'Accepted')).toMatchObject({ status: 'False', reason: 'PortUnavailable', message: 'port 8080 uses GatewayPort8080, not in the given supportedFeatures' });
    // Not programmed: with no valid listener the Gateway is not accepted, which every listener's Programmed repeats (Invalid).
    expect(listener.conditions.find((c) => c.type === 'Programmed')).toMatchObject({ status: 'False', reason: 'Invalid' });
    // Its only listener is not valid, so neither is the Gateway, and the route it carried serves nothing.
    expect(p.status('Gateway', 'infra', 'edge')!.conditions.find((c) => c.type === 'Accepted')).toMatchObject({ status: 'False', reason: 'ListenersNotValid' });
    expect(p.http({ gateway: 'infra/edge', port: 8080, host: 'app.example.com', path: '/old' } as any).status).not.toBe(303);
    expect(plane('envoy-gateway').status('Gateway', 'infra', 'edge')!.listeners![0].conditions.find((c) => c.type === 'Accepted')).toMatchObject({ status: 'True' });
    for (const port of [8079, 8081]) {
      const other = DataPlane.fromYaml(DONE_WHEN.replace('port: 8080', `port: ${port}`), { assumeMissing: true, implementation: without('GatewayPort8080') });
      expect(other.status('Gateway', 'infra', 'edge')!.listeners![0].conditions.find((c) => c.type === 'Accepted')).toMatchObject({ status: 'True' });
    }
  });

  test('a route or policy kind not claimed is not reconciled: no status (the spec lets a controller leave routes of a type it does not support)', () => {
    const p = plane(without('GRPCRoute', 'BackendTLSPolicy'));
    expect(p.status('GRPCRoute', 'apps', 'rpc')).toBeUndefined();
    expect(p.status('BackendTLSPolicy', 'apps', 'api-tls')).toBeUndefined();
    expect(plane('envoy-gateway').status('BackendTLSPolicy', 'apps', 'api-tls')).toBeDefined();
    expect(plane('gke-gateway').status('GRPCRoute', 'apps', 'rpc')).toBeUndefined();
  });

  test('bad values name what would be valid', () => {
    expect(() => plane('kong-operator')).toThrow("DataPlane: implementation 'kong-operator': it published no report in mode default; name one of its modes: kong-operator/expressions, kong-operator/traditional_compatible");
    expect(() => plane({ supportedFeatures: ['Cors'] })).toThrow("DataPlane: implementation.supportedFeatures: 'Cors' is not a SupportedFeature of Gateway API v1.6.1");
  });
});
