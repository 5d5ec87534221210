import { DataPlane, formatShadowedRule } from '../../src/testing';
import { compileHttpMatch } from '../../src/testing/http-match';
import { httpMatchCovers } from '../../src/testing/shadowing';

const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const base = [
  { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } },
  {
    apiVersion: G,
    kind: 'Gateway',
    metadata: { namespace: 'infra', name: 'gw' },
    spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }] },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'a' }, spec: { ports: [{ port: 80 }] } },
];
const route = (name: string, rules: any[], extra: any = {}) => ({
  apiVersion: G,
  kind: 'HTTPRoute',
  metadata: { namespace: 'apps', name, ...(extra.created ? { creationTimestamp: extra.created } : {}) },
  spec: { parentRefs: [{ name: 'gw', namespace: 'infra', ...(extra.sectionName ? { sectionName: extra.sectionName } : {}) }], ...(extra.hostnames ? { hostnames: extra.hostnames } : {}), rules },
});
const to = [{ name: 'a', port: 80 }];
const m = (x: any) => compileHttpMatch(x);

describe('httpMatchCovers', () => {
  test.each([
    ['PathPrefix / covers any path', { path: { type: 'PathPrefix', value: '/' } }, { path: { type: 'RegularExpression', value: '/a.*' } }, true],
    ['a prefix covers a longer prefix under it, element-wise', { path: { type: 'PathPrefix', value: '/api' } }, { path: { type: 'PathPrefix', value: '/api/v1/' } }, true],
    ['a prefix does not cover a sibling that shares characters', { path: { type: 'PathPrefix', value: '/api' } }, { path: { type: 'PathPrefix', value: '/apiv1' } }, false],
    ['a prefix covers an exact path under it', { path: { type: 'PathPrefix', value: '/api' } }, { path: { type: 'Exact', value: '/api/x' } }, true],
    ['an exact path covers only itself', { path: { type: 'Exact', value: '/a' } }, { path: { type: 'Exact', value: '/a' } }, true],
    ['a regular expression covers an exact path it matches', { path: { type: 'RegularExpression', value: '/a/[0-9]+' } }, { path: { type: 'Exact', value: '/a/42' } }, true],
    ['a regular expression does not cover a prefix (undecided, so no)', { path: { type: 'RegularExpression', value: '/.*' } }, { path: { type: 'PathPrefix', value: '/a' } }, false],
    ['a method condition needs the same method', { method: 'GET' }, { method: 'POST' }, false],
    ['no method covers any method', {}, { method: 'POST' }, true],
    ['a header condition needs the same condition (names case-insensitive)', { headers: [{ name: 'X-Env', value: 'prod' }] }, { headers: [{ name: 'x-env', value: 'prod' }, { name: 'y', value: '1' }] }, true],
    ['a header condition is not covered by its absence', { headers: [{ name: 'x-env', value: 'prod' }] }, {}, false],
    ['a header regex covers an exact value it matches', { headers: [{ name: 'x', type: 'RegularExpression', value: 'p.*' }] }, { headers: [{ name: 'x', value: 'prod' }] }, true],
    ['query parameter names are case-sensitive', { queryParams: [{ name: 'Q', value: '1' }] }, { queryParams: [{ name: 'q', value: '1' }] }, false],
  ])('%s', (_name, a, b, expected) => {
    expect(httpMatchCovers(m(a), m(b))).toBe(expected);
  });
});

describe('DataPlane.shadowedRules()', () => {
  test('a duplicate match in a younger route never wins; the finding names both, the listener and the hostname', () => {
    const p = DataPlane.fromManifests([...base,
      route('old', [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: to }], { created: '2024-01-01T00:00:00Z' }),
      route('new', [{ matches: [{ path: { type: 'PathPrefix', value: '/api/' } }], backendRefs: to }], { created: '2024-06-01T00:00:00Z' })]);
    const found = p.shadowedRules();
    expect(found).toEqual([{
      gateway: 'infra/gw',
      listener: 'http',
      hostname: '*',
      shadowed: { kind: 'HTTPRoute', namespace: 'apps', name: 'new', rule: 0, match: 0, matches: 'PathPrefix /api/' },
      shadowedBy: { rule: { kind: 'HTTPRoute', namespace: 'apps', name: 'old', rule: 0, match: 0, matches: 'PathPrefix /api' } },
      reason: 'it matches every request this one matches and comes first: equally specific, and its route is older (creationTimestamp 2024-01-01T00:00:00.000Z before 2024-06-01T00:00:00.000Z)',
      dependsOnDocumentOrder: false,
      ruleNeverWins: true,
    }]);
    expect(formatShadowedRule(found[0])).toBe('Gateway infra/gw listener http host *: HTTPRoute apps/new rule 0 match 0 [PathPrefix /api/] never wins: '
      + 'HTTPRoute apps/old rule 0 match 0 [PathPrefix /api] takes its traffic; it matches every request this one matches and comes first: equally specific, and its route is older (creationTimestamp 2024-01-01T00:00:00.000Z before 2024-06-01T00:00:00.000Z)');
    // The plane agrees: the request goes to the older route.
    expect(p.http('http://x/api/1').route?.name).toBe('old');
  });

  test('a rule with one live match is not dead; its shadowed match is still reported', () => {
    const p = DataPlane.fromManifests([...base,
      route('r', [
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: to },
        { matches: [{ path: { type: 'RegularExpression', value: '/x.*' } }, { path: { type: 'Exact', value: '/only' }, method: 'GET' }], backendRefs: to },
      ])]);
    const found = p.shadowedRules();
    expect(found.map((f) => [f.shadowed.rule, f.shadowed.match, f.ruleNeverWins])).toEqual([[1, 0, false]]);
    expect(found[0].reason).toBe('it matches every request this one matches and comes first: a PathPrefix path match ranks above a RegularExpression one');
  });

  test('a more specific match that is not covered is not reported; document order is flagged', () => {
    const p = DataPlane.fromManifests([...base,
      route('a', [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: to }]),
      route('b', [{ matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x', value: '1' }] }], backendRefs: to }]),
      route('c', [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: to }])]);
    const found = p.shadowedRules();
    expect(found.map((f) => [f.shadowed.name, f.shadowedBy.rule?.name, f.dependsOnDocumentOrder])).toEqual([['c', 'a', true]]);
  });

  test('a hostname that a more specific listener takes is shadowed by that listener', () => {
    const gw = {
      ...base[1],
      spec: {
        gatewayClassName: 'cls',
        listeners: [
          { name: 'any', port: 80, protocol: 'HTTP', allowedRoutes: all },
          { name: 'shop', port: 80, protocol: 'HTTP', hostname: 'shop.example.com', allowedRoutes: all },
        ],
      },
    };
    const p = DataPlane.fromManifests([base[0], gw, base[2],
      route('r', [{ backendRefs: to }], { sectionName: 'any', hostnames: ['shop.example.com', 'www.example.com'] })]);
    const found = p.shadowedRules();
    expect(found).toEqual([expect.objectContaining({
      listener: 'any',
      hostname: 'shop.example.com',
      ruleNeverWins: false,
      shadowedBy: { listener: { gateway: 'infra/gw', name: 'shop', hostname: 'shop.example.com' } },
      reason: "its hostname shop.example.com is more specific than listener any's (*), so it takes every request for shop.example.com",
    })]);
    expect(() => p.http('http://shop.example.com/')).not.toThrow();
    expect(p.http('http://shop.example.com/').outcome).toBe('no-route');
    expect(p.http('http://www.example.com/').backend?.name).toBe('a');
  });

  test('nothing is reported when every rule can win', () => {
    const p = DataPlane.fromManifests([...base,
      route('r', [
        { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: to },
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: to },
      ])]);
    expect(p.shadowedRules()).toEqual([]);
  });
});
