import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  Backend, Filter, GrpcMatch, GrpcRoute, HeaderMatch, HttpMatch, HttpMethod, HttpRoute, MatchType, PathModifier, QueryParamMatch, RedirectScheme,
  ReferenceGrant, ReferenceGrantPolicy,
} from '../src';
import { gatewayRef } from './support/parents';

const chart = () => new Chart(Testing.app(), 'test', { namespace: 'apps' });
const a = Backend.fromServiceName('a', { port: 80 });
const b = Backend.fromServiceName('b', { port: 80 });

describe('HttpRoute rule handles', () => {
  test('addRule returns the rule; rules lists every rule with its matches, filters, backends and index', () => {
    // GIVEN
    const route = new HttpRoute(chart(), 'R', { parents: [gatewayRef('gw')], rules: [{ name: 'first', backends: [a] }] });
    // WHEN
    const second = route.addRule({ matches: [HttpMatch.pathPrefix('/x')], filters: [Filter.requestHeaders({ set: { 'x-a': '1' } })], backends: [b] });
    // THEN
    expect(route.rules.map(r => [r.index, r.name])).toEqual([[0, 'first'], [1, undefined]]);
    expect(route.rules[1]).toBe(second);
    expect(second.matches[0].path).toEqual({ type: 'PathPrefix', value: '/x' });
    expect(second.filters).toHaveLength(1);
    expect(second.backends.map(x => x.name)).toEqual(['b']);
  });

  test('replaceBackends changes what the rule renders', () => {
    const route = new HttpRoute(chart(), 'R', { parents: [gatewayRef('gw')] });
    const rule = route.addRule({ backends: [a] });
    rule.replaceBackends(a.withWeight(90), b.withWeight(10));
    expect(ApiObject.of(route).toJson().spec.rules[0].backendRefs).toEqual([{ name: 'a', port: 80, weight: 90 }, { name: 'b', port: 80, weight: 10 }]);
  });

  test('replaceBackends creates the ReferenceGrant a backend in another namespace needs', () => {
    const c = chart();
    const route = new HttpRoute(c, 'R', { parents: [gatewayRef('gw')] });
    route.addRule({ backends: [a] }).replaceBackends(Backend.fromServiceName('far', { namespace: 'other', port: 80 }));
    expect(Testing.synth(c).filter(o => o.kind === 'ReferenceGrant').map(o => o.metadata.namespace)).toEqual(['other']);
  });

  test('replaceBackends drops the automatic grant entries only the replaced backends needed, and an emptied grant', () => {
    const c = chart();
    const route = new HttpRoute(c, 'R', { parents: [gatewayRef('gw')] });
    const rule = route.addRule({ backends: [Backend.fromServiceName('old', { namespace: 'far', port: 80 }), Backend.fromServiceName('kept', { namespace: 'far', port: 80 })] });
    route.addRule({ backends: [Backend.fromServiceName('elsewhere', { namespace: 'gone', port: 80 })] }).replaceBackends(a);
    rule.replaceBackends(Backend.fromServiceName('kept', { namespace: 'far', port: 80 }), Backend.fromServiceName('new', { namespace: 'far', port: 80 }));
    const grants = Testing.synth(c).filter(o => o.kind === 'ReferenceGrant');
    expect(grants.map(g => [g.metadata.namespace, g.spec.to.map((t: { name: string }) => t.name)])).toEqual([['far', ['kept', 'new']]]);
  });

  test('a replaced backend from a Service of the app (no namespace) no longer has its port checked', () => {
    // GIVEN a Service of the app in a chart without a namespace, and a route whose backend asks it for a port it lacks
    const c = new Chart(Testing.app(), 'plain');
    const svc = new ApiObject(c, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: 8080 }] } });
    const route = new HttpRoute(c, 'R', { parents: [gatewayRef('gw')] });
    const rule = route.addRule({ backends: [Backend.fromService(svc, { port: 80 })] });
    expect(() => Testing.synth(c)).toThrow(/exposes port\(s\) 8080, not 80/);
    // WHEN the rule's backends are replaced by one on the port it has
    rule.replaceBackends(Backend.fromService(svc, { port: 8080 }));
    // THEN the replaced backend's check is skipped
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('replacing one rule\'s backends keeps the grant another rule of the route still needs', () => {
    // GIVEN rule 0 sends to a Service in 'far', rule 1 to one in 'gone'
    const c = chart();
    const route = new HttpRoute(c, 'R', { parents: [gatewayRef('gw')] });
    route.addRule({ backends: [Backend.fromServiceName('stays', { namespace: 'far', port: 80 })] });
    const second = route.addRule({ backends: [Backend.fromServiceName('goes', { namespace: 'gone', port: 80 })] });
    // WHEN only rule 1's backends are replaced
    second.replaceBackends(a);
    // THEN 'gone' loses its grant, and rule 0's grant in 'far' stays
    const grants = Testing.synth(c).filter(o => o.kind === 'ReferenceGrant');
    expect(grants.map(g => [g.metadata.namespace, g.spec.to.map((t: { name: string }) => t.name)])).toEqual([['far', ['stays']]]);
  });

  test('an entry another route still uses, or that allow() asked for, survives a replaceBackends', () => {
    const c = chart();
    const far = Backend.fromServiceName('shared', { namespace: 'far', port: 80 });
    const one = new HttpRoute(c, 'One', { parents: [gatewayRef('gw')] });
    const two = new HttpRoute(c, 'Two', { parents: [gatewayRef('gw')] });
    const rule = one.addRule({ backends: [far] });
    two.addRule({ backends: [far] });
    rule.replaceBackends(a);
    expect(Testing.synth(c).filter(o => o.kind === 'ReferenceGrant').map(g => g.spec.to)).toEqual([[{ group: '', kind: 'Service', name: 'shared' }]]);

    const c2 = chart();
    const r2 = new HttpRoute(c2, 'R', { parents: [gatewayRef('gw')] });
    const rule2 = r2.addRule({ backends: [far] });
    ReferenceGrant.allow(r2, { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }, { group: '', kind: 'Service', name: 'shared', namespace: 'far' });
    rule2.replaceBackends(a);
    expect(Testing.synth(c2).filter(o => o.kind === 'ReferenceGrant').map(g => g.spec.to)).toEqual([[{ group: '', kind: 'Service', name: 'shared' }]]);
  });

  test('with ReferenceGrantPolicy.NONE, a replaced backend in another namespace no longer asks for a grant', () => {
    const c = chart();
    const route = new HttpRoute(c, 'R', { parents: [gatewayRef('gw')], referenceGrants: ReferenceGrantPolicy.NONE });
    const rule = route.addRule({ backends: [Backend.fromServiceName('far', { namespace: 'other', port: 80 })] });
    expect(() => Testing.synth(c)).toThrow(/needs a ReferenceGrant there/);
    rule.replaceBackends(a);
    expect(Testing.synth(c).filter(o => o.kind === 'ReferenceGrant')).toEqual([]);
  });

  test('on a GrpcRoute too', () => {
    const c = chart();
    const route = new GrpcRoute(c, 'G', { parents: [gatewayRef('gw')] });
    route.addRule({ backends: [Backend.fromServiceName('old', { namespace: 'far', port: 80 })] }).replaceBackends(a);
    expect(Testing.synth(c).filter(o => o.kind === 'ReferenceGrant')).toEqual([]);
  });

  test('fails if replaceBackends gives backends to a redirect rule, or breaks ReplacePrefixMatch', () => {
    const route = new HttpRoute(chart(), 'R', { parents: [gatewayRef('gw')] });
    const redirect = route.addRule({ filters: [Filter.requestRedirect({ scheme: RedirectScheme.HTTPS })] });
    expect(() => redirect.replaceBackends(a)).toThrow(/rules\[0\] has a RequestRedirect filter and backends/);
    const rewrite = route.addRule({ matches: [HttpMatch.pathPrefix('/a')], backends: [a] });
    expect(() => rewrite.replaceBackends(b.withFilters(Filter.urlRewrite({ path: PathModifier.replacePrefixMatch('/b') })))).not.toThrow();
    const two = route.addRule({ matches: [HttpMatch.pathPrefix('/c'), HttpMatch.pathPrefix('/d')], backends: [a] });
    expect(() => two.replaceBackends(b.withFilters(Filter.urlRewrite({ path: PathModifier.replacePrefixMatch('/b') })))).toThrow(/needs the rule to have exactly one match/);
  });
});

describe('GrpcRoute rule handles', () => {
  test('addRule returns the rule; replaceBackends changes what it renders', () => {
    const route = new GrpcRoute(chart(), 'G', { parents: [gatewayRef('gw')] });
    const rule = route.addRule({ name: 'orders', matches: [GrpcMatch.exact({ service: 'shop.Orders' })], backends: [a] });
    expect(route.rules).toEqual([rule]);
    const second = route.addRule({ name: 'users', backends: [b] });
    expect(route.rules.map(r => [r.index, r.name])).toEqual([[0, 'orders'], [1, 'users']]);
    expect(route.rules[1]).toBe(second);
    rule.replaceBackends(a.withWeight(1), b.withWeight(3));
    expect(ApiObject.of(route).toJson().spec.rules[0].backendRefs).toEqual([{ name: 'a', port: 80, weight: 1 }, { name: 'b', port: 80, weight: 3 }]);
  });

  test('fails if replaceBackends gives a backend a filter gRPC does not support', () => {
    const route = new GrpcRoute(chart(), 'G', { parents: [gatewayRef('gw')] });
    const rule = route.addRule({ backends: [a] });
    expect(() => rule.replaceBackends(b.withFilters(Filter.urlRewrite({ hostname: 'x.example.com' })))).toThrow(/URLRewrite filter, which GRPCRoute does not support/);
  });
});

describe('match accessors', () => {
  test('HttpMatch exposes its headers, query parameters, method and options', () => {
    const h = HeaderMatch.exact('x-a', '1');
    const q = QueryParamMatch.exact('v', '2');
    const m = HttpMatch.pathExact('/p', { headers: [h], queryParams: [q], method: HttpMethod.POST });
    expect(m.headers).toEqual([h]);
    expect(m.queryParams).toEqual([q]);
    expect(m.method).toBe(HttpMethod.POST);
    expect(m.options).toEqual({ headers: [h], queryParams: [q], method: HttpMethod.POST });
    expect(HttpMatch.pathPrefix('/').options).toEqual({});
  });

  test('GrpcMatch exposes service, method, type and headers', () => {
    const h = HeaderMatch.exact('x-a', '1');
    const m = GrpcMatch.regex({ service: 'shop\\..*' }, { headers: [h] });
    expect([m.service, m.method, m.type, m.headers]).toEqual(['shop\\..*', undefined, MatchType.REGULAR_EXPRESSION, [h]]);
    expect(GrpcMatch.headers(h).service).toBeUndefined();
  });
});

describe('Backend.withFilters / withoutWeightAndFilters', () => {
  test('append filters to a copy, and strip weight and filters from a copy', () => {
    const f1 = Filter.requestHeaders({ set: { 'x-a': '1' } });
    const f2 = Filter.responseHeaders({ set: { 'x-b': '2' } });
    const w = Backend.fromServiceName('s', { port: 80, weight: 5, filters: [f1] });
    expect(w.withFilters(f2).filters).toEqual([f1, f2]);
    expect(w.filters).toEqual([f1]);
    const bare = w.withoutWeightAndFilters();
    expect([bare.weight, bare.filters, bare.name, bare.port]).toEqual([undefined, [], 's', 80]);
  });
});

describe('replaceBackends and Service checks', () => {
  function withService() {
    const c = chart();
    const svc = new ApiObject(c, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: 80 }] } });
    const route = new HttpRoute(c, 'R', { parents: [gatewayRef('gw')] });
    return { c, svc, route };
  }

  test('a replaced backend is no longer checked; the new one is', () => {
    const { c, svc, route } = withService();
    const rule = route.addRule({ backends: [Backend.fromService(svc, { port: 80 }), Backend.fromService(svc, { port: 8080 })] });
    expect(() => Testing.synth(c)).toThrow(/rules\[0\]\.backends\[1\].*exposes port\(s\) 80, not 8080/);
    rule.replaceBackends(Backend.fromService(svc, { port: 80 }));
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('fails once, not once per replacement, when the new backend names a port the Service lacks', () => {
    const { c, svc, route } = withService();
    const rule = route.addRule({ backends: [Backend.fromService(svc, { port: 80 })] });
    rule.replaceBackends(Backend.fromService(svc, { port: 81 }));
    rule.replaceBackends(Backend.fromService(svc, { port: 81, weight: 2 }));
    let message = '';
    try {
      Testing.synth(c);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/not 81/g)).toHaveLength(1);
  });
});
