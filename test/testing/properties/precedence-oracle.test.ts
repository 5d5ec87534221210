import * as fc from 'fast-check';
import { SEED } from './arbitraries';
import { DataPlane } from '../../../src/testing';

/**
 * HTTP precedence against an independent oracle: a brute-force reference
 * matcher, written from the spec text (HTTPRouteSpec.hostnames and
 * HTTPRouteRule.matches, v1.6.1) without any of the plane's code, lists every
 * (route, rule, match) that matches a request and sorts them by the spec's
 * criteria. The plane must pick the first of that list, or answer 404 when it
 * is empty. Unlike the invariant properties, this catches an engine that is
 * wrong in a consistent way (a precedence criterion dropped, reversed or
 * reordered; a matcher too loose or too strict).
 *
 * Two choices the spec leaves open follow the plane's documented ones:
 * RegularExpression paths rank below every Exact and PathPrefix path and
 * equal among themselves, and a PathPrefix's length is counted without a
 * trailing `/` (`/a/` and `/a` are the same prefix). Every route has a
 * creationTimestamp (from a pool with ties), so no decision depends on
 * document order.
 */

const G = 'gateway.networking.k8s.io/v1';
const ROUTE_HOSTNAMES = ['a.example.com', 'b.example.com', '*.example.com', '*.a.example.com', 'x.a.example.com', '*.test'];
const REQUEST_HOSTS = ['a.example.com', 'b.example.com', 'x.a.example.com', 'y.a.example.com', 'c.example.com', 'api.test', 'example.com', 'other.org'];
const PATH_VALUES = ['/', '/a', '/a/', '/a/b', '/ab', '/b', '/a/b/c'];
const REQUEST_PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/', '/ab', '/ab/c', '/b', '/b/x', '/a/b/c', '/a/bc', '/a/7', '/c'];
/** Patterns from a fixed pool (tests only); the oracle evaluates them with JS RegExp, the plane with RE2. */
const REGEXES = ['/a/[0-9]+', '/.*', '/b(/.*)?', '/a/b/c', '/a.*'];
const METHODS = ['GET', 'POST'];
const HEADERS = ['x-env', 'x-canary'];
const HEADER_VALUES = ['prod', 'yes', 'v2'];
const QUERY = ['q', 'debug'];
const QUERY_VALUES = ['1', 'v'];
const TIMESTAMPS = ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-06-01T12:00:00Z', '2025-01-01T00:00:00Z'];

interface Match {
  readonly path?: { readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression'; readonly value: string };
  readonly method?: string;
  readonly headers?: { readonly type: 'Exact' | 'RegularExpression'; readonly name: string; readonly value: string }[];
  readonly queryParams?: { readonly type: 'Exact'; readonly name: string; readonly value: string }[];
}
interface Route {
  readonly namespace: string;
  readonly name: string;
  readonly created: string;
  readonly hostnames?: string[];
  readonly rules: { readonly matches?: Match[] }[];
}
interface Request {
  readonly host: string;
  readonly path: string;
  readonly query: { readonly [k: string]: string };
  readonly method: string;
  readonly headers: { readonly [k: string]: string };
}

const uniqueBy = <T>(key: (x: T) => string) => (xs: T[]) => xs.filter((x, i) => xs.findIndex((y) => key(y) === key(x)) === i);

const match: fc.Arbitrary<Match> = fc.record({
  path: fc.option(fc.oneof(
    fc.record({ type: fc.constant('Exact' as const), value: fc.constantFrom(...PATH_VALUES) }),
    fc.record({ type: fc.constant('PathPrefix' as const), value: fc.constantFrom(...PATH_VALUES) }),
    fc.record({ type: fc.constant('RegularExpression' as const), value: fc.constantFrom(...REGEXES) }),
  ), { nil: undefined, freq: 5 }),
  method: fc.option(fc.constantFrom(...METHODS), { nil: undefined, freq: 2 }),
  headers: fc.option(fc.array(fc.record({
    type: fc.constantFrom('Exact' as const, 'RegularExpression' as const),
    name: fc.constantFrom(...HEADERS, 'X-Env'),
    value: fc.constantFrom(...HEADER_VALUES),
  }).map((h) => (h.type === 'RegularExpression' ? { ...h, value: `${h.value}|v[0-9]` } : h)), { minLength: 1, maxLength: 2 }).map(uniqueBy((h) => h.name.toLowerCase())), { nil: undefined, freq: 3 }),
  queryParams: fc.option(fc.array(fc.record({ type: fc.constant('Exact' as const), name: fc.constantFrom(...QUERY), value: fc.constantFrom(...QUERY_VALUES) }), { minLength: 1, maxLength: 2 }).map(uniqueBy((q) => q.name)), { nil: undefined, freq: 4 }),
}, { requiredKeys: [] });

const routes: fc.Arbitrary<Route[]> = fc.uniqueArray(fc.record({
  namespace: fc.constantFrom('apps', 'default'),
  name: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6'),
  created: fc.constantFrom(...TIMESTAMPS),
  hostnames: fc.option(fc.uniqueArray(fc.constantFrom(...ROUTE_HOSTNAMES), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 2 }),
  rules: fc.array(fc.record({ matches: fc.option(fc.array(match, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 6 }) }, { requiredKeys: [] }), { minLength: 1, maxLength: 3 }),
}, { requiredKeys: ['namespace', 'name', 'created', 'rules'] }), { minLength: 1, maxLength: 6, selector: (r) => `${r.namespace}/${r.name}` });

const request: fc.Arbitrary<Request> = fc.record({
  host: fc.constantFrom(...REQUEST_HOSTS),
  path: fc.constantFrom(...REQUEST_PATHS),
  query: fc.dictionary(fc.constantFrom(...QUERY), fc.constantFrom(...QUERY_VALUES), { maxKeys: 2 }),
  method: fc.constantFrom(...METHODS, 'PUT'),
  headers: fc.dictionary(fc.constantFrom(...HEADERS), fc.constantFrom(...HEADER_VALUES, 'v7'), { maxKeys: 2 }),
});

// ---- the oracle -----------------------------------------------------------

/** A route hostname's hold on a host: [non-wildcard characters, characters], or undefined when it does not match. */
function hostnameScore(pattern: string, host: string): [number, number] | undefined {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h ? [p.length, p.length] : undefined;
  const labels = h.split('.');
  const suffix = p.slice(2).split('.');
  // a wildcard stands for one or more whole leading labels
  if (labels.length <= suffix.length) return undefined;
  return labels.slice(labels.length - suffix.length).join('.') === suffix.join('.') ? [0, p.length] : undefined;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function pathMatches(m: Match['path'], path: string): boolean {
  const type = m?.type ?? 'PathPrefix';
  const value = m?.value ?? '/';
  if (type === 'Exact') return path === value;
  if (type === 'RegularExpression') return new RegExp(`^(?:${value})$`).test(path);
  // element by element: /a covers /a, /a/ and /a/b but not /ab
  const want = segments(value);
  const got = segments(path);
  return want.every((s, i) => got[i] === s);
}

function matches(m: Match, req: Request): boolean {
  if (!pathMatches(m.path, req.path)) return false;
  if (m.method !== undefined && m.method !== req.method) return false;
  for (const h of m.headers ?? []) {
    const v = Object.entries(req.headers).find(([k]) => k.toLowerCase() === h.name.toLowerCase())?.[1];
    if (v === undefined) return false;
    if (h.type === 'Exact' ? v !== h.value : !new RegExp(`^(?:${h.value})$`).test(v)) return false;
  }
  for (const q of m.queryParams ?? []) if (req.query[q.name] !== q.value) return false;
  return true;
}

/** The spec's ordering key of a candidate: compared element by element, larger first. */
function key(host: [number, number], m: Match): number[] {
  const type = m.path?.type ?? 'PathPrefix';
  const value = m.path?.value ?? '/';
  const pathKey = type === 'Exact' ? [2, 0] : type === 'PathPrefix' ? [1, value.replace(/\/$/, '').length] : [0, 0];
  return [host[0], host[1], ...pathKey, m.method ? 1 : 0, (m.headers ?? []).length, (m.queryParams ?? []).length];
}

interface Decision { readonly route: string; readonly rule: number }

/** Every matching (route, rule, match), best first; the plane must pick the first. */
function oracle(rs: readonly Route[], req: Request): Decision[] {
  const candidates: { d: Decision; k: number[]; created: string; ref: string; rule: number }[] = [];
  for (const r of rs) {
    const host = r.hostnames === undefined
      ? [0, 0] as [number, number]
      : r.hostnames.map((h) => hostnameScore(h, req.host)).filter((s): s is [number, number] => s !== undefined).sort((a, b) => b[0] - a[0] || b[1] - a[1])[0];
    if (!host) continue;
    r.rules.forEach((rule, i) => {
      for (const m of rule.matches ?? [{}]) {
        if (matches(m, req)) candidates.push({ d: { route: `${r.namespace}/${r.name}`, rule: i }, k: key(host, m), created: r.created, ref: `${r.namespace}/${r.name}`, rule: i });
      }
    });
  }
  candidates.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return b.k[i] - a.k[i];
    if (a.created !== b.created) return a.created < b.created ? -1 : 1;
    if (a.ref !== b.ref) return a.ref < b.ref ? -1 : 1;
    return a.rule - b.rule;
  });
  return candidates.map((c) => c.d);
}

// ---- the plane ------------------------------------------------------------

function manifests(rs: readonly Route[]): unknown[] {
  return [
    { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } },
    { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
    ...['apps', 'default'].map((ns) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: ns, name: 'svc' }, spec: { ports: [{ port: 80 }] } })),
    ...rs.map((r) => ({
      apiVersion: G,
      kind: 'HTTPRoute',
      metadata: { namespace: r.namespace, name: r.name, creationTimestamp: r.created },
      spec: {
        parentRefs: [{ name: 'gw', namespace: 'infra' }],
        ...(r.hostnames ? { hostnames: r.hostnames } : {}),
        rules: r.rules.map((rule) => ({ ...(rule.matches ? { matches: rule.matches } : {}), backendRefs: [{ name: 'svc', port: 80 }] })),
      },
    })),
  ];
}

function pathAndQuery(req: Request): string {
  const q = Object.entries(req.query).map(([k, v]) => `${k}=${v}`).join('&');
  return q ? `${req.path}?${q}` : req.path;
}

const seen = { decisions: 0, notFound: 0, contested: 0 };

describe('HTTP precedence against a brute-force reference matcher', () => {
  test('the plane picks the route and rule the spec ranks first, or 404 when nothing matches', () => {
    fc.assert(fc.property(routes, fc.array(request, { minLength: 1, maxLength: 8 }), (rs, reqs) => {
      const plane = DataPlane.fromManifests(manifests(rs), { strict: true });
      for (const req of reqs) {
        const want = oracle(rs, req);
        const got = plane.http({ gateway: 'infra/gw', host: req.host, path: pathAndQuery(req), method: req.method, headers: req.headers });
        const decided = got.route ? { route: `${got.route.namespace}/${got.route.name}`, rule: got.route.rule } : undefined;
        if (want.length === 0) {
          seen.notFound++;
          expect({ req, decided, status: got.status }).toEqual({ req, decided: undefined, status: 404 });
        } else {
          seen.decisions++;
          if (new Set(want.map((d) => d.route)).size > 1) seen.contested++;
          expect({ req, decided }).toEqual({ req, decided: want[0] });
        }
      }
    }), { seed: SEED, numRuns: 150 });
    // The property must not hold vacuously: many decisions, many of them between several routes, and some
    // 404s. (Checked here rather than in afterAll, where a failure counts as an error, not a failed test.)
    expect(seen.decisions).toBeGreaterThan(200);
    expect(seen.contested).toBeGreaterThan(50);
    expect(seen.notFound).toBeGreaterThan(20);
  });
});

describe('the oracle itself', () => {
  const req = (path: string, extra: Partial<Request> = {}): Request => ({ host: 'a.example.com', path, query: {}, method: 'GET', headers: {}, ...extra });
  const r = (name: string, rules: Route['rules'], extra: Partial<Route> = {}): Route => ({ namespace: 'apps', name, created: TIMESTAMPS[0], rules, ...extra });

  test('ranks by the spec: hostname, then path, method, headers, query, age, name, rule order', () => {
    expect(oracle([r('p', [{ matches: [{ path: { type: 'PathPrefix', value: '/a' } }] }]), r('e', [{ matches: [{ path: { type: 'Exact', value: '/a/b' } }] }])], req('/a/b'))[0]).toEqual({ route: 'apps/e', rule: 0 });
    expect(oracle([r('w', [{}], { hostnames: ['*.example.com'] }), r('x', [{}], { hostnames: ['a.example.com'] })], req('/'))[0].route).toBe('apps/x');
    expect(oracle([r('m', [{ matches: [{ method: 'GET' }] }]), r('h', [{ matches: [{ headers: [{ type: 'Exact', name: 'x-env', value: 'prod' }] }] }])], req('/', { headers: { 'X-Env': 'prod' } }))[0].route).toBe('apps/m');
    expect(oracle([r('b', [{}], { created: TIMESTAMPS[2] }), r('a', [{}], { created: TIMESTAMPS[3] })], req('/'))[0].route).toBe('apps/b');
    expect(oracle([r('b', [{}]), r('a', [{}, {}])], req('/'))[0]).toEqual({ route: 'apps/a', rule: 0 });
    expect(oracle([r('p', [{ matches: [{ path: { type: 'PathPrefix', value: '/a' } }] }])], req('/ab'))).toEqual([]);
    expect(hostnameScore('*.example.com', 'example.com')).toBeUndefined();
    expect(hostnameScore('*.example.com', 'x.a.example.com')).toEqual([0, 13]);
  });
});
