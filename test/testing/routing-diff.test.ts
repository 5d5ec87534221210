import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { testing } from '../../src';
import { routingDiff, witnessRequests, witnessUrl, changeHost, formatRoutingDiff, formatRoutingDiffMarkdown, type RoutingChange } from '../../src/testing/routing-diff';
import { seedComplete, seedCompleteChanged } from '../support/seed-diff';
import { describeWithShared } from '../support/shared';

const G = 'gateway.networking.k8s.io/v1';
const plane = (objects: unknown[]) => testing.DataPlane.fromManifests(objects, { assumeMissing: true });
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describeWithShared('routingDiff on the seed guide\'s complete example and a changed copy', (shared) => {
  const before = seedComplete(shared);
  const after = seedCompleteChanged(shared);
  const diff = routingDiff(plane(before), plane(after));
  const at = (url: string): RoutingChange => {
    const c = diff.changes.find((x) => x.request.url === url);
    if (!c) throw new Error(`no change for ${url}; changes: ${diff.changes.map((x) => x.request.url).join(', ')}`);
    return c;
  };

  test('the swapped backend: /v2 (and below) goes to api-v2-new instead of api-v2, on HTTP and HTTPS, decided by the same rule', () => {
    for (const url of ['http://api.example.com/v2', 'https://api.example.com/v2', 'https://api.example.com/v2/witness']) {
      const c = at(url);
      expect(c.before).toMatchObject({ outcome: 'forwarded', status: 200, backend: 'production/api-v2:80', split: { 'production/api-v2:80': 1 } });
      expect(c.after).toMatchObject({ outcome: 'forwarded', status: 200, backend: 'production/api-v2-new:80', split: { 'production/api-v2-new:80': 1 } });
      expect(c.cause.before).toMatchObject({ kind: 'HTTPRoute', namespace: 'production', name: 'api', rule: 0 });
      expect(c.cause.after).toMatchObject({ kind: 'HTTPRoute', namespace: 'production', name: 'api', rule: 0 });
    }
    expect(at('https://api.example.com/v2').listener).toBe('https');
    expect(at('http://api.example.com/v2').gateway).toBe('gateway-system/production-gateway');
  });

  test('the moved weights: /v1 splits 80/20 instead of 95/5 (a share change is a change, though the picked backend may not change)', () => {
    const c = at('https://api.example.com/v1');
    expect(c.before.split).toEqual({ 'production/api-v1-canary:80': 0.05, 'production/api-v1-stable:80': 0.95 });
    expect(c.after.split).toEqual({ 'production/api-v1-canary:80': 0.2, 'production/api-v1-stable:80': 0.8 });
    expect(c.before.backend).toBeNull();
    expect(c.after.backend).toBeNull();
  });

  test('the added hostname: shop.example.com was a 404 and is now served by the frontend route', () => {
    const c = at('https://shop.example.com/');
    expect(c.before).toMatchObject({ outcome: 'no-route', status: 404, backend: null, split: {} });
    expect(c.after).toMatchObject({ outcome: 'forwarded', status: 200, backend: 'production/frontend:80' });
    expect(c.cause).toEqual({ before: null, after: expect.objectContaining({ name: 'frontend', rule: 0 }) });
    // The exact hostname now takes /healthz from the wildcard health route (the most specific hostname wins).
    expect(at('https://shop.example.com/healthz').before.backend).toBe('gateway-system/health-service:80');
    expect(at('https://shop.example.com/healthz').after.backend).toBe('production/frontend:80');
  });

  test('the Exact match widened to a prefix: a path below /healthz was a 404 on a wildcard host and now reaches the health check', () => {
    const c = at('https://host.example.com/healthz/witness');
    expect(c.before).toMatchObject({ outcome: 'no-route', status: 404 });
    expect(c.after).toMatchObject({ outcome: 'forwarded', backend: 'gateway-system/health-service:80' });
    // /healthz itself is unchanged there
    expect(diff.changes.find((x) => x.request.url === 'https://host.example.com/healthz')).toBeUndefined();
  });

  test('nothing for untouched hosts: www.example.com (its own route takes /healthz/... before and after) and example.com (no listener)', () => {
    expect([...new Set(diff.changes.map(changeHost))].sort()).toEqual(['api.example.com', 'host.example.com', 'shop.example.com']);
    const untouched = diff.changes.filter((c) => ['www.example.com', 'example.com'].includes(changeHost(c)));
    expect(untouched).toEqual([]);
    // but they were compared: the witnesses cover www.example.com
    const { requests } = witnessRequests([plane(before), plane(after)]);
    expect(requests.some((w) => w.host === 'www.example.com' && w.path === '/healthz/witness')).toBe(true);
    expect(diff.statusChanges).toEqual([]);
  });

  test('identical inputs: no change, no status change; the same inputs give the same diff', () => {
    const same = routingDiff(plane(before), plane(clone(before)));
    expect(same.changes).toEqual([]);
    expect(same.statusChanges).toEqual([]);
    expect(same.requests).toBeGreaterThan(20);
    expect(JSON.stringify(routingDiff(plane(before), plane(after)))).toBe(JSON.stringify(diff));
  });

  test('text groups by Gateway, host and cause; Markdown is a table', () => {
    const text = formatRoutingDiff(diff);
    expect(text).toContain('Gateway gateway-system/production-gateway\n  host api.example.com\n    HTTPRoute production/api rule 0\n      GET http://api.example.com/v2\n        backends: production/api-v2:80 → production/api-v2-new:80');
    expect(text).toContain('backends: 95% production/api-v1-stable:80, 5% production/api-v1-canary:80 → 80% production/api-v1-stable:80, 20% production/api-v1-canary:80');
    expect(text).toContain('  host shop.example.com\n    (no route) → HTTPRoute production/frontend rule 0');
    expect(text).not.toContain('www.example.com');
    expect(text.trimEnd().split('\n').pop()).toBe(`${diff.changes.length} of ${diff.requests} requests change (3 hosts), 0 status changes`);
    const md = formatRoutingDiffMarkdown(diff).split('\n');
    expect(md).toContain('| Gateway | Host | Request | Before | After | Decided by |');
    expect(md).toContain('| gateway-system/production-gateway | api.example.com | `GET http://api.example.com/v2` | forwarded 200 to production/api-v2:80 | forwarded 200 to production/api-v2-new:80 | HTTPRoute production/api rule 0 |');
    expect(md.filter((l) => l.startsWith('| gateway-system/'))).toHaveLength(diff.changes.length);
    // at most maxRows rows (200 by default), the rest counted under the table
    const capped = formatRoutingDiffMarkdown(diff, { maxRows: 3 }).split('\n');
    expect(capped.filter((l) => l.startsWith('| gateway-system/'))).toHaveLength(3);
    expect(capped).toContain(`… and ${diff.changes.length - 3} more changed requests, not shown (\`cdk8s-gateway diff\` without --markdown, or --json, lists every one).`);
    expect(formatRoutingDiffMarkdown(diff, { maxRows: diff.changes.length })).not.toContain('more changed request');
    expect(formatRoutingDiffMarkdown(diff, { maxRows: diff.changes.length - 1 })).toContain('… and 1 more changed request, not shown');
  });
});

// A Gateway with every kind of listener, and routes whose matches need every kind of witness.
const gateway = {
  apiVersion: G,
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'infra' },
  spec: {
    gatewayClassName: 'x',
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP' },
      { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { certificateRefs: [{ name: 'cert' }] } },
      { name: 'exact', port: 443, protocol: 'HTTPS', hostname: 'host.example.com', tls: { certificateRefs: [{ name: 'cert' }] } },
      { name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      { name: 'pg', port: 5432, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ],
  },
};
const web = {
  apiVersion: G,
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'infra' },
  spec: {
    parentRefs: [{ name: 'gw', sectionName: 'http' }],
    hostnames: ['web.test'],
    rules: [
      { matches: [{ path: { type: 'Exact', value: '/exact' } }], backendRefs: [{ name: 'exact', port: 80 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/pre' } }], backendRefs: [{ name: 'pre', port: 80 }] },
      { matches: [{ path: { type: 'RegularExpression', value: '/re/[0-9]+' } }], backendRefs: [{ name: 're', port: 80 }] },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/h' }, method: 'POST', headers: [{ name: 'X-Env', value: 'prod' }, { name: 'x-v', type: 'RegularExpression', value: 'v[0-9]' }], queryParams: [{ name: 'q', value: '1' }] }],
        backendRefs: [{ name: 'h', port: 80 }],
      },
      { matches: [{ path: { type: 'RegularExpression', value: '/w\\b.*' } }], backendRefs: [{ name: 'w', port: 80 }] },
    ],
  },
};
const wild = { apiVersion: G, kind: 'HTTPRoute', metadata: { name: 'wild', namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw', sectionName: 'https' }], rules: [{ backendRefs: [{ name: 'wild', port: 80 }] }] } };
const grpc = { apiVersion: G, kind: 'GRPCRoute', metadata: { name: 'echo', namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw', sectionName: 'http' }], hostnames: ['grpc.test'], rules: [{ matches: [{ method: { service: 'echo.Echo', method: 'Say' } }], backendRefs: [{ name: 'echo', port: 9000 }] }] } };
const tls = { apiVersion: G, kind: 'TLSRoute', metadata: { name: 'db', namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw', sectionName: 'tls' }], hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 8443 }] }] } };
const tcp = { apiVersion: G, kind: 'TCPRoute', metadata: { name: 'pg', namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw', sectionName: 'pg' }], rules: [{ backendRefs: [{ name: 'pg', port: 5432 }] }] } };
const udp = { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'UDPRoute', metadata: { name: 'dns', namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw', sectionName: 'dns' }], rules: [{ backendRefs: [{ name: 'dns', port: 53 }] }] } };
const all: any[] = [gateway, web, wild, grpc, tls, tcp, udp];

describe('witness requests', () => {
  const { requests, notes } = witnessRequests([plane(all)]);
  const urls = requests.map((w) => `${w.method ? `${w.method} ` : ''}${witnessUrl(w)}${Object.keys(w.headers).length ? ` ${JSON.stringify(w.headers)}` : ''}`);

  test('every object loads (the fixture is what the witnesses are derived from)', () => {
    expect(plane(all).diagnostics).toEqual([]);
  });

  test('Exact: the path and a path below it; PathPrefix: the prefix and a path below it; RegularExpression: a matching path', () => {
    expect(urls).toEqual(expect.arrayContaining(['GET http://web.test/exact', 'GET http://web.test/exact/witness', 'GET http://web.test/pre', 'GET http://web.test/pre/witness', 'GET http://web.test/re/0']));
  });

  test('method, headers and query: the values the match needs, and one request per condition with a value that misses', () => {
    expect(urls).toEqual(expect.arrayContaining([
      'POST http://web.test/h?q=1 {"x-env":"prod","x-v":"v0"}',
      'GET http://web.test/h?q=1 {"x-env":"prod","x-v":"v0"}',
      'POST http://web.test/h?q=1 {"x-env":"prod-miss","x-v":"v0"}',
      'POST http://web.test/h?q=1 {"x-env":"prod","x-v":"v0-miss"}',
      'POST http://web.test/h?q=1-miss {"x-env":"prod","x-v":"v0"}',
    ]));
  });

  test('per hostname: the root path and a path no rule is meant to match', () => {
    expect(urls).toEqual(expect.arrayContaining(['GET http://web.test/', 'GET http://web.test/cdk8s-gateway-diff/unmatched']));
  });

  test('a wildcard gets a concrete host that is not the exact hostname of another listener (host.example.com is taken)', () => {
    const https = requests.filter((w) => w.listener === 'https').map((w) => w.host);
    expect(new Set(https)).toEqual(new Set(['host1.example.com']));
    expect(requests.some((w) => w.listener === 'exact')).toBe(true);
  });

  test('gRPC service and method, another method of the service, and a method no rule names', () => {
    expect(urls).toEqual(expect.arrayContaining(['grpc://grpc.test/echo.Echo/Say', 'grpc://grpc.test/echo.Echo/SayOther', 'grpc://grpc.test/witness.Unmatched/Unmatched']));
  });

  test('TLS server names (the route\'s and one no route names), TCP and UDP ports', () => {
    expect(urls).toEqual(expect.arrayContaining(['tls://db.example.com:8443', 'tcp://:5432', 'udp://:53']));
    expect(requests.filter((w) => w.protocol === 'tls')).toHaveLength(2);
  });

  test('a pattern too complex to sample is said, naming the route, rule and match', () => {
    expect(notes).toEqual(['HTTPRoute infra/web rule 4 match 0: path regular expression "/w\\\\b.*" is too complex to sample; requests it alone matches are not compared']);
  });

  test('deterministic: the same planes give the same requests in the same order', () => {
    expect(witnessRequests([plane(all)]).requests).toEqual(requests);
  });
});

describe('routingDiff on synthetic changes', () => {
  test('each protocol: a changed backend is a change with its cause', () => {
    const after = clone(all);
    after[3].spec.rules[0].backendRefs[0].name = 'echo2';
    after[4].spec.rules[0].backendRefs[0].name = 'db2';
    after[5].spec.rules[0].backendRefs[0].name = 'pg2';
    after[6].spec.rules[0].backendRefs[0].name = 'dns2';
    const d = routingDiff(plane(all), plane(after));
    const byUrl = Object.fromEntries(d.changes.map((c) => [c.request.url, c]));
    expect(byUrl['grpc://grpc.test/echo.Echo/Say'].after.backend).toBe('infra/echo2:9000');
    expect(byUrl['grpc://grpc.test/echo.Echo/Say'].request.method).toBe('POST');
    expect(byUrl['tls://db.example.com:8443'].after.backend).toBe('infra/db2:8443');
    expect(byUrl['tcp://:5432']).toMatchObject({ request: { method: null, headers: {} }, before: { backend: 'infra/pg:5432' }, after: { backend: 'infra/pg2:5432' }, cause: { after: { kind: 'TCPRoute' } } });
    expect(byUrl['udp://:53'].after.backend).toBe('infra/dns2:53');
    expect(d.changes.filter((c) => c.request.url.startsWith('http'))).toEqual([]);
  });

  test('a filter that changes what the backend receives (path rewrite, a header set) is a change though the backend is the same', () => {
    const after = clone(all);
    after[1].spec.rules[1].filters = [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v3' } } }];
    after[1].spec.rules[0].filters = [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }] } }];
    const d = routingDiff(plane(all), plane(after));
    const pre = d.changes.find((c) => c.request.url === 'http://web.test/pre/witness')!;
    expect(pre.before.backend).toBe(pre.after.backend);
    expect(pre.before.forwarded?.path).toBe('/pre/witness');
    expect(pre.after.forwarded?.path).toBe('/v3/witness');
    const exact = d.changes.find((c) => c.request.url === 'http://web.test/exact')!;
    expect(exact.after.forwarded?.headers['x-env']).toBe('prod');
    expect(exact.before.forwarded?.headers['x-env']).toBeUndefined();
    expect(formatRoutingDiff(d)).toContain('backend receives: web.test/pre/witness → web.test/v3/witness');
  });

  test('a redirect is a change with its status and location', () => {
    const after = clone(all);
    after[1].spec.rules[0] = { matches: [{ path: { type: 'Exact', value: '/exact' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'new.test', statusCode: 301 } }] };
    const c = routingDiff(plane(all), plane(after)).changes.find((x) => x.request.url === 'http://web.test/exact')!;
    expect(c.before.redirect).toBeNull();
    expect(c.after).toMatchObject({ outcome: 'redirect', status: 301, redirect: { status: 301, location: 'http://new.test/exact' }, split: {} });
  });

  test('status changes: a route that stops being Accepted, the listener\'s attachedRoutes, and no request change invented for them', () => {
    const after = clone(all);
    after[3].spec.parentRefs = [{ name: 'gw', sectionName: 'nope' }];
    const d = routingDiff(plane(all), plane(after));
    expect(d.statusChanges).toEqual(expect.arrayContaining([
      { kind: 'GRPCRoute', namespace: 'infra', name: 'echo', parent: 'Gateway infra/gw section http', field: 'Accepted', before: 'True', after: null },
      { kind: 'GRPCRoute', namespace: 'infra', name: 'echo', parent: 'Gateway infra/gw section nope', field: 'Accepted', before: null, after: 'False (NoMatchingParent)' },
      { kind: 'Gateway', namespace: 'infra', name: 'gw', listener: 'http', field: 'attachedRoutes', before: 2, after: 1 },
    ]));
    expect(d.changes.find((c) => c.request.url === 'grpc://grpc.test/echo.Echo/Say')).toMatchObject({ before: { outcome: 'forwarded' }, after: { outcome: 'no-route' } });
    expect(formatRoutingDiff(d)).toContain('Status changes\n');
    expect(formatRoutingDiffMarkdown(d)).toContain('| GRPCRoute infra/echo parent Gateway infra/gw section http | Accepted | True | (absent) |');
  });

  test('a Gateway that is gone: its requests are refused after, and its Programmed condition is reported', () => {
    const other = { ...clone(gateway), metadata: { name: 'gw2', namespace: 'infra' } };
    const route2 = { ...clone(wild), metadata: { name: 'w2', namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw2', sectionName: 'http' }], hostnames: ['two.test'], rules: [{ backendRefs: [{ name: 'two', port: 80 }] }] } };
    const d = routingDiff(plane([...all, other, route2]), plane(all));
    const c = d.changes.find((x) => x.request.url === 'http://two.test/')!;
    expect(c).toMatchObject({ gateway: 'infra/gw2', before: { outcome: 'forwarded' }, after: { outcome: 'refused', status: null } });
    expect(d.statusChanges).toEqual(expect.arrayContaining([{ kind: 'Gateway', namespace: 'infra', name: 'gw2', field: 'Programmed', before: 'True', after: null }]));
    // --gateway: only the other Gateway's requests and statuses
    const only = routingDiff(plane([...all, other, route2]), plane(all), { gateway: 'infra/gw' });
    expect(only.changes).toEqual([]);
    expect(only.statusChanges).toEqual([]);
    expect(() => routingDiff(plane(all), plane(all), { gateway: 'infra/none' })).toThrow('routingDiff: gateway infra/none is in neither version (Gateways reconciled: infra/gw)');
  });

  test('Charts and Apps are loaded with assumeMissing (as the matchers load them)', () => {
    const chartOf = (objects: any[], app?: App): Chart => {
      const chart = app ? new Chart(app, `c${app.charts.length}`) : Testing.chart();
      objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o));
      return chart;
    };
    const after = clone(all);
    after[5].spec.rules[0].backendRefs[0].name = 'pg2';
    expect(routingDiff(chartOf(all), chartOf(after)).changes.map((c) => c.request.url)).toEqual(['tcp://:5432']);
    const appA = Testing.app();
    chartOf(all, appA);
    const appB = Testing.app();
    chartOf(after, appB);
    expect(routingDiff(appA, appB).changes.map((c) => c.request.url)).toEqual(['tcp://:5432']);
    expect(() => routingDiff({} as any, appB)).toThrow(/testing.DataPlane, a cdk8s Chart or a cdk8s App/);
  });
});

describe('URLs, notes and Markdown cells', () => {
  const gw = {
    apiVersion: G,
    kind: 'Gateway',
    metadata: { name: 'alt', namespace: 'infra' },
    spec: { gatewayClassName: 'x', listeners: [{ name: 'alt', port: 8080, protocol: 'HTTP' }, { name: 'alts', port: 8443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } }] },
  };
  const route = (backend: string) => ({
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { name: 'r', namespace: 'infra' },
    spec: {
      parentRefs: [{ name: 'alt' }],
      hostnames: ['alt.test'],
      rules: [
        { matches: [{ path: { type: 'Exact', value: '/p' }, headers: [{ name: 'x-pipe', value: 'a|b' }] }], backendRefs: [{ name: backend, port: 80 }] },
        { matches: [{ path: { type: 'RegularExpression', value: '\\pL+' } }], backendRefs: [{ name: backend, port: 80 }] },
      ],
    },
  });

  test('a port other than the scheme\'s default is in the URL (http 8080, https 8443); 80 and 443 are not', () => {
    const urls = witnessRequests([plane([gw, route('one')])]).requests.map(witnessUrl);
    expect(urls).toEqual(expect.arrayContaining(['http://alt.test:8080/p', 'https://alt.test:8443/p']));
    expect(urls.filter((u) => /:(80|443)\//.test(u))).toEqual([]);
  });

  test('Markdown escapes a | in a cell; what was not sampled is listed under the tables and in the text', () => {
    const d = routingDiff(plane([gw, route('one')]), plane([gw, route('two')]));
    const md = formatRoutingDiffMarkdown(d);
    expect(md).toContain('`GET http://alt.test:8080/p [x-pipe: a\\|b]`');
    expect(md).not.toContain('[x-pipe: a|b]');
    expect(md).toContain('<details><summary>Not compared</summary>');
    expect(md).toContain('- HTTPRoute infra/r rule 1 match 0: path regular expression "\\\\pL+" is too complex to sample');
    expect(formatRoutingDiff(d)).toContain('Not compared\n  HTTPRoute infra/r rule 1 match 0: path regular expression');
    expect(d.notes).toHaveLength(1);
  });

  test('no change: one line each, text and Markdown', () => {
    const d = routingDiff(plane([gw, route('one')]), plane([gw, route('one')]));
    expect(formatRoutingDiff(d)).toBe(`Not compared\n  ${d.notes[0]}\nno routing changes (${d.requests} requests compared)\n`);
    expect(formatRoutingDiffMarkdown(d)).toBe(`**Routing diff:** no routing changes (${d.requests} requests compared).\n\n<details><summary>Not compared</summary>\n\n- ${d.notes[0]}\n\n</details>\n`);
  });
});
