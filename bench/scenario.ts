/**
 * A realistic, deterministic Gateway API configuration of any size for the
 * data plane benchmark: a few Gateways with several listeners each (HTTP on
 * ports 80 and 8080, wildcard and exact hostnames, allowedRoutes by
 * namespace selector and from All), team namespaces with Services, and N
 * HTTPRoutes spread over those namespaces and over hostnames, each with
 * several rules and matches (PathPrefix, Exact, RegularExpression, method,
 * headers, query parameters), filters and weighted backends. A few routes
 * reference a shared namespace through a ReferenceGrant.
 *
 * The number of distinct hostnames grows with N (about four routes share a
 * hostname), as in a cluster where more routes means more applications; the
 * handful of catch-all routes without hostnames stays constant.
 */

import type { HttpRequest } from '../src/testing';

/** A tiny deterministic generator (xorshift32) so the scenario is the same on every run. */
export class Lcg {
  private state: number;
  public constructor(seed: number) {
    this.state = (seed >>> 0) || 1;
  }
  /** The next number in [0, 1). */
  public next(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x / 4294967296;
  }
  /** An integer in [0, n). */
  public int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

const GROUP = 'gateway.networking.k8s.io/v1';

/** Where a route of the scenario attaches: Gateway, listener and the hostname domain it serves. */
interface Placement {
  readonly gateway: string;
  readonly sectionName?: string;
  readonly domain: string;
  /** Port a request for this placement goes to. */
  readonly port: number;
}

const PLACEMENTS: readonly Placement[] = [
  { gateway: 'public', sectionName: 'api', domain: 'api.example.com', port: 80 },
  { gateway: 'public', sectionName: 'api', domain: 'api.example.com', port: 80 },
  { gateway: 'public', sectionName: 'shop', domain: 'shop.example.com', port: 80 },
  { gateway: 'public', sectionName: 'shop', domain: 'shop.example.com', port: 80 },
  { gateway: 'public', sectionName: 'api-alt', domain: 'api.example.com', port: 8080 },
  { gateway: 'internal', domain: 'internal.example.com', port: 80 },
  { gateway: 'internal', domain: 'internal.example.com', port: 80 },
  { gateway: 'partner', domain: 'partner.example.com', port: 80 },
  { gateway: 'partner', sectionName: 'http', domain: 'partner.example.com', port: 80 },
  { gateway: 'partner', sectionName: 'alt', domain: 'partner.example.com', port: 8080 },
];

/** Number of team namespaces for N routes (10 at 1,000; 100 at 10,000). */
export function teamCount(routes: number): number {
  return Math.max(4, Math.ceil(routes / 100));
}

function team(t: number): string {
  return `team-${String(t).padStart(3, '0')}`;
}

/** The objects of the scenario with `routes` HTTPRoutes, in a fixed order. */
export function scenario(routes: number): object[] {
  const teams = teamCount(routes);
  const out: object[] = [];
  out.push({ apiVersion: GROUP, kind: 'GatewayClass', metadata: { name: 'bench' }, spec: { controllerName: 'example.com/bench' } });
  out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'infra' } });
  out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shared', labels: { 'gateway-access': 'true' } } });
  for (let t = 0; t < teams; t++) {
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: team(t), labels: { 'gateway-access': 'true', 'tier': t % 3 === 0 ? 'staging' : 'prod' } } });
  }
  const selector = { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } };
  out.push({
    apiVersion: GROUP, kind: 'Gateway', metadata: { name: 'public', namespace: 'infra' },
    spec: {
      gatewayClassName: 'bench',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
        { name: 'api', port: 80, protocol: 'HTTP', hostname: '*.api.example.com', allowedRoutes: { namespaces: selector } },
        { name: 'shop', port: 80, protocol: 'HTTP', hostname: '*.shop.example.com', allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'api-alt', port: 8080, protocol: 'HTTP', hostname: '*.api.example.com', allowedRoutes: { namespaces: selector } },
        { name: 'status', port: 8080, protocol: 'HTTP', hostname: 'status.example.com', allowedRoutes: { namespaces: { from: 'Same' } } },
      ],
    },
  });
  out.push({
    apiVersion: GROUP, kind: 'Gateway', metadata: { name: 'internal', namespace: 'infra' },
    spec: {
      gatewayClassName: 'bench',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.internal.example.com', allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'metrics', port: 9090, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
      ],
    },
  });
  out.push({
    apiVersion: GROUP, kind: 'Gateway', metadata: { name: 'partner', namespace: 'infra' },
    spec: {
      gatewayClassName: 'bench',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.partner.example.com', allowedRoutes: { namespaces: selector } },
        { name: 'alt', port: 8080, protocol: 'HTTP', hostname: '*.partner.example.com', allowedRoutes: { namespaces: selector } },
      ],
    },
  });
  // Services: five per team, two ports each; a shared one.
  const service = (namespace: string, name: string) => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80 }, { name: 'alt', port: 8080 }] },
  });
  out.push(service('infra', 'https-redirect'), service('infra', 'status-page'), service('shared', 'auth'));
  for (let t = 0; t < teams; t++) for (let s = 0; s < 5; s++) out.push(service(team(t), `svc-${s}`));
  // One ReferenceGrant lets every team's HTTPRoutes use the shared auth Service.
  out.push({
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ReferenceGrant', metadata: { name: 'teams-to-auth', namespace: 'shared' },
    spec: {
      from: Array.from({ length: Math.min(teams, 16) }, (_, t) => ({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: team(t) })),
      to: [{ group: '', kind: 'Service', name: 'auth' }],
    },
  });
  // Constant catch-all routes (no hostnames) on the infra-only listeners.
  out.push({
    apiVersion: GROUP, kind: 'HTTPRoute', metadata: { name: 'fallback', namespace: 'infra' },
    spec: {
      parentRefs: [{ name: 'public', sectionName: 'http' }],
      rules: [
        { matches: [{ path: { type: 'Exact', value: '/healthz' } }], backendRefs: [{ name: 'status-page', port: 80 }] },
        { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
      ],
    },
  });
  out.push({
    apiVersion: GROUP, kind: 'HTTPRoute', metadata: { name: 'status', namespace: 'infra' },
    spec: {
      parentRefs: [{ name: 'public', sectionName: 'status' }, { name: 'internal', sectionName: 'metrics' }],
      rules: [{ backendRefs: [{ name: 'status-page', port: 8080 }] }],
    },
  });
  for (let i = 0; i < routes; i++) out.push(route(i, teams));
  return out;
}

/** Index of the hostname a route uses: about four routes share one. */
function hostIndex(i: number): number {
  return Math.floor(i / 4);
}

/** Where route `i` attaches: every route of one hostname shares the placement. */
function placementOf(i: number): Placement {
  return PLACEMENTS[hostIndex(i) % PLACEMENTS.length];
}

function hostnameOf(i: number): string {
  return `app-${hostIndex(i)}.${placementOf(i).domain}`;
}

/** A well-mixed hash of a route index (so rare features are not correlated with team or placement). */
function mix(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Whether route `i` also serves a wildcard hostname of its team (about one route in 50). */
function hasWildcard(i: number): boolean {
  return mix(i) % 50 === 0;
}

/** The number of rules route `i` has (2 to 4). */
function ruleCount(i: number): number {
  return 2 + (i % 3);
}

function route(i: number, teams: number): object {
  const t = i % teams;
  const namespace = team(t);
  const p = placementOf(i);
  const hostnames = [hostnameOf(i)];
  if (hasWildcard(i)) hostnames.push(`*.t${t}.${p.domain}`);
  const svc = (s: number) => `svc-${(i + s) % 5}`;
  const rules: object[] = [];
  const prefix = `/r${i}`;
  rules.push({
    name: 'api',
    matches: [
      { path: { type: 'PathPrefix', value: `${prefix}/api` }, method: 'GET' },
      { path: { type: 'PathPrefix', value: `${prefix}/api` }, headers: [{ name: 'x-version', value: 'v2' }] },
    ],
    filters: [
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-team', value: namespace }], remove: ['x-debug'] } },
      // ReplaceFullPath: the CRD allows ReplacePrefixMatch only on a rule with exactly one PathPrefix match.
      { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/api' } } },
    ],
    backendRefs: [{ name: svc(0), port: 80, weight: 90 }, { name: svc(1), port: 80, weight: 10 }],
  });
  rules.push({
    matches: [
      { path: { type: 'Exact', value: `${prefix}/login` } },
      { path: { type: 'PathPrefix', value: `${prefix}/login` }, queryParams: [{ name: 'debug', value: '1' }] },
    ],
    filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'cache-control', value: 'no-store' }] } }],
    backendRefs: i % 25 === 0 && t < 16
      ? [{ name: 'auth', namespace: 'shared', port: 80 }]
      : [{ name: svc(2), port: 8080 }],
  });
  if (ruleCount(i) > 2) {
    rules.push({
      matches: [{ path: { type: 'RegularExpression', value: `${prefix}/items/[0-9]+` }, method: 'GET' }],
      backendRefs: [{ name: svc(3), port: 80 }],
    });
  }
  if (ruleCount(i) > 3) {
    rules.push({
      matches: [{ path: { type: 'PathPrefix', value: prefix }, headers: [{ name: 'x-canary', type: 'RegularExpression', value: 'always|yes' }] }],
      backendRefs: [{ name: svc(4), port: 80 }],
    });
  }
  const parentRefs = [{ name: p.gateway, namespace: 'infra', ...(p.sectionName ? { sectionName: p.sectionName } : {}) }];
  return { apiVersion: GROUP, kind: 'HTTPRoute', metadata: { name: `route-${i}`, namespace, labels: { app: `app-${hostIndex(i)}` } }, spec: { parentRefs, hostnames, rules } };
}

/**
 * `count` requests against the scenario with `routes` HTTPRoutes: most hit a
 * rule of a random route (each kind of match), some miss on path (404 or a
 * lower-precedence rule), some go to a hostname no route serves.
 */
export function requests(routes: number, count: number, seed: number): HttpRequest[] {
  const rng = new Lcg(seed);
  const out: HttpRequest[] = [];
  for (let n = 0; n < count; n++) {
    const i = rng.int(routes);
    const p = placementOf(i);
    const base = { gateway: `infra/${p.gateway}`, port: p.port, host: hostnameOf(i) };
    const prefix = `/r${i}`;
    const kind = rng.int(20);
    if (kind < 5) out.push({ ...base, path: `${prefix}/api/v1/users?page=${rng.int(9)}` });
    else if (kind < 7) out.push({ ...base, method: 'POST', path: `${prefix}/api/orders`, headers: { 'x-version': 'v2', 'x-debug': '1' } });
    else if (kind < 9) out.push({ ...base, path: `${prefix}/login` });
    else if (kind < 10) out.push({ ...base, path: `${prefix}/login/sso?debug=1` });
    else if (kind < 13) out.push({ ...base, path: `${prefix}/items/${rng.int(100000)}` });
    else if (kind < 15) out.push({ ...base, path: `${prefix}/home`, headers: { 'x-canary': 'always' } });
    else if (kind < 17) out.push({ ...base, method: 'DELETE', path: `${prefix}/nothing-here` });
    else if (kind < 18) out.push({ ...base, host: `nobody-${rng.int(1000)}.${p.domain}`, path: '/' });
    else if (kind < 19) out.push({ gateway: 'infra/public', port: 80, host: 'www.example.com', path: rng.int(2) ? '/healthz' : '/index.html' });
    else {
      // A route with a wildcard hostname (the next one after i), reached through a host under it.
      let j = i;
      for (let k = 0; k < routes && !hasWildcard(j); k++) j = (j + 1) % routes;
      const q = placementOf(j);
      out.push({ gateway: `infra/${q.gateway}`, port: q.port, host: `x.t${j % teamCount(routes)}.${q.domain}`, path: `/r${j}/api/x` });
    }
  }
  return out;
}

/** Requests that reach every listener of the scenario once (to build every routing table). */
export function listenerTouches(): HttpRequest[] {
  return [
    { gateway: 'infra/public', port: 80, host: 'www.example.com', path: '/' },
    { gateway: 'infra/public', port: 80, host: 'a.api.example.com', path: '/' },
    { gateway: 'infra/public', port: 80, host: 'a.shop.example.com', path: '/' },
    { gateway: 'infra/public', port: 8080, host: 'a.api.example.com', path: '/' },
    { gateway: 'infra/public', port: 8080, host: 'status.example.com', path: '/' },
    { gateway: 'infra/internal', port: 80, host: 'a.internal.example.com', path: '/' },
    { gateway: 'infra/internal', port: 9090, host: 'anything', path: '/' },
    { gateway: 'infra/partner', port: 80, host: 'a.partner.example.com', path: '/' },
    { gateway: 'infra/partner', port: 8080, host: 'a.partner.example.com', path: '/' },
  ];
}

/**
 * The scenario with `routes` HTTPRoutes after a change, for the routing diff
 * benchmark: in every tenth route the first backend of the first rule is
 * swapped for another Service (`<name>-next`), and in every tenth route
 * (offset by five) the first weighted rule splits 50/50. Deterministic; the
 * other routes are untouched.
 */
export function changedScenario(objects: readonly object[]): object[] {
  const copy = JSON.parse(JSON.stringify(objects)) as any[];
  let i = 0;
  for (const o of copy) {
    if (o.kind !== 'HTTPRoute') continue;
    const rules: any[] = o.spec.rules ?? [];
    if (i % 10 === 0 && rules[0]?.backendRefs?.[0]) rules[0].backendRefs[0].name = `${rules[0].backendRefs[0].name}-next`;
    if (i % 10 === 5) {
      const split = rules.find((r) => (r.backendRefs ?? []).length >= 2);
      if (split) split.backendRefs.forEach((b: any) => (b.weight = 50));
    }
    i++;
  }
  return copy;
}
