/**
 * fast-check arbitraries for the data plane property tests: small "worlds" of
 * Gateway API objects that respect the v1.6.1 CRD schemas (names, hostnames,
 * paths starting with '/', ports 1..65535, weights, filters, matches), drawn
 * from small pools of hostnames and paths so that routes overlap and compete,
 * requests aimed at those worlds, and garbage documents.
 */

import * as fc from 'fast-check';
import type { HttpRequest } from '../../../src/testing';

const V1 = 'gateway.networking.k8s.io/v1';

/** Seed of every property (override with FC_SEED to explore; fast-check prints the seed and path of a failure). */
export const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261126;

/** Namespaces of a world (each has a Namespace object with labels). */
export const NAMESPACES = ['default', 'apps', 'infra'] as const;

/** A hostname whose first label has the most characters a DNS label may have (63). */
export const LABEL_63_HOST = `${'l'.repeat(63)}.example.com`;

/** A hostname of the most characters a DNS name may have (253), under example.com. */
export const NAME_253_HOST = `${['m'.repeat(63), 'm'.repeat(63), 'm'.repeat(63), 'm'.repeat(49)].join('.')}.example.com`;

/**
 * Concrete hostnames requests use; some fall under the wildcards of the pools below, some sit on their
 * label boundaries: the parent domain of a wildcard (`example.com`), a name that ends in a wildcard's
 * suffix without its dot (`badexample.com`), a deeper subdomain, a 63-character label, a 253-character name.
 */
export const REQUEST_HOSTS = [
  'a.example.com', 'b.example.com', 'x.a.example.com', 'c.example.com', 'api.test', 'other.test', 'unknown.org',
  'example.com', 'badexample.com', 'y.x.a.example.com', LABEL_63_HOST, NAME_253_HOST,
] as const;

const ROUTE_HOSTNAMES = ['a.example.com', 'b.example.com', '*.example.com', '*.a.example.com', 'api.test', '*.test', LABEL_63_HOST, 'example.com'];
const LISTENER_HOSTNAMES = [undefined, undefined, undefined, '*.example.com', 'a.example.com', '*.test', 'b.example.com', '*.a.example.com'];
const PATHS = ['/', '/a', '/a/', '/a/b', '/b', '/a/b/c', '/ab'];
const REGEXES = ['/a/[0-9]+', '/.*', '/b(/.*)?', '/a/b/c'];
const HEADER_NAMES = ['x-env', 'X-Version', 'x-canary'];
const HEADER_VALUES = ['prod', 'v2', 'yes', 'a b'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const PORTS = [80, 8080];
const TIMESTAMPS = ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-06-01T12:00:00Z', '2025-01-01T00:00:00Z'];
const SERVICES = ['svc-a', 'svc-b', 'svc-c', 'missing'];

/** A DNS-1123 label as the schemas require for names. */
export const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);

/** A DNS label of 1 to 63 characters, most often short, sometimes exactly 63. */
const longLabel = fc.oneof(
  { arbitrary: dnsLabel, weight: 8 },
  { arbitrary: fc.stringMatching(/^[a-z]$/).map((c) => c.repeat(63)), weight: 1 },
  { arbitrary: fc.integer({ min: 13, max: 62 }).map((n) => `${'q'.repeat(n - 1)}9`), weight: 1 },
);

/** A Gateway API hostname (optionally a wildcard), valid for the CRD pattern: up to 253 characters, labels up to 63. */
export const hostname = fc.oneof(
  { arbitrary: fc.tuple(fc.boolean(), fc.array(dnsLabel, { minLength: 1, maxLength: 4 })), weight: 6 },
  { arbitrary: fc.tuple(fc.boolean(), fc.array(longLabel, { minLength: 1, maxLength: 5 })), weight: 3 },
  { arbitrary: fc.tuple(fc.boolean(), fc.constant([NAME_253_HOST])), weight: 1 },
)
  .map(([wild, labels]) => `${wild ? '*.' : ''}${labels.join('.')}`)
  .filter((h) => h.length <= 253);

/** A path value for Exact / PathPrefix matches: starts with '/', no '//' or '/./', as the CEL rules want. */
export const pathValue = fc.array(fc.stringMatching(/^[a-zA-Z0-9_~-]{1,8}$/), { maxLength: 4 })
  .chain((segs) => fc.boolean().map((trailing) => `/${segs.join('/')}${trailing && segs.length ? '/' : ''}`));

/** A port 1..65535. */
export const port = fc.integer({ min: 1, max: 65535 });

/** `arb` with probability `present`, else undefined. */
function maybe<T>(arb: fc.Arbitrary<T>, present = 0.5): fc.Arbitrary<T | undefined> {
  const w = Math.round(present * 100);
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - w }, { arbitrary: arb, weight: w });
}

function prune<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o));
}

/** Options of {@link world}. */
export interface WorldOptions {
  /** Give some objects creationTimestamps from a small pool (ties included). */
  readonly timestamps?: boolean;
  /** Also generate GRPCRoutes, TLS/TCP/UDP routes, ReferenceGrants and ListenerSets. */
  readonly allKinds?: boolean;
  /** Draw ports, hostnames and paths from the whole schema-valid space instead of the small overlapping pools. */
  readonly wide?: boolean;
  /** Most HTTPRoutes. @default 6 */
  readonly maxRoutes?: number;
  /** Fewest HTTPRoutes. @default 0 */
  readonly minRoutes?: number;
}

/** A generated world: its documents, and where requests can go. */
export interface World {
  readonly docs: any[];
  /** `namespace/name` of each Gateway with the ports its HTTP listeners use. */
  readonly gateways: { readonly ref: string; readonly ports: number[] }[];
}

const headerMatch = (wide: boolean) => fc.record({
  name: wide ? fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/) : fc.constantFrom(...HEADER_NAMES),
  type: fc.constantFrom('Exact', 'RegularExpression'),
  value: fc.constantFrom(...HEADER_VALUES),
}).map((h) => (h.type === 'RegularExpression' ? { ...h, value: `${h.value.split(' ')[0]}|v[0-9]` } : h));

const httpMatch = (wide: boolean) => fc.record({
  path: maybe(fc.oneof(
    fc.record({ type: fc.constant('PathPrefix'), value: wide ? pathValue : fc.constantFrom(...PATHS) }),
    fc.record({ type: fc.constant('Exact'), value: wide ? pathValue : fc.constantFrom(...PATHS) }),
    fc.record({ type: fc.constant('RegularExpression'), value: fc.constantFrom(...REGEXES) }),
  ), 0.8),
  method: maybe(fc.constantFrom(...METHODS), 0.2),
  headers: maybe(fc.array(headerMatch(wide), { minLength: 1, maxLength: 2 }).map(uniqueByName), 0.2),
  queryParams: maybe(fc.array(fc.record({ name: fc.constantFrom('q', 'debug'), value: fc.constantFrom('1', 'v') }), { minLength: 1, maxLength: 1 }), 0.15),
}, { requiredKeys: [] });

const backendRef = (namespaces: readonly string[]) => fc.record({
  name: fc.oneof({ arbitrary: fc.constantFrom(...SERVICES.slice(0, 3)), weight: 9 }, { arbitrary: fc.constant('missing'), weight: 1 }),
  namespace: maybe(fc.constantFrom(...namespaces), 0.1),
  port: fc.oneof({ arbitrary: fc.constantFrom(80, 8080), weight: 9 }, { arbitrary: fc.constant(9999), weight: 1 }),
  // weight 0 (the backend takes no traffic) about one time in six, so that rules with some or all weights at 0 occur
  weight: maybe(fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 2 }), 0.6),
}, { requiredKeys: ['name', 'port'] });

const headerMods = fc.record({
  set: maybe(fc.array(fc.record({ name: fc.constantFrom('x-set', 'X-Env'), value: fc.constantFrom('one', 'two') }), { minLength: 1, maxLength: 2 }).map(uniqueByName)),
  add: maybe(fc.array(fc.record({ name: fc.constantFrom('x-add', 'x-env'), value: fc.constantFrom('one', 'two') }), { minLength: 1, maxLength: 2 }).map(uniqueByName)),
  remove: maybe(fc.uniqueArray(fc.constantFrom('x-env', 'x-canary', 'x-version'), { minLength: 1, maxLength: 2 })),
}, { requiredKeys: [] });

function uniqueByName<T extends { name: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = x.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A rule of an HTTPRoute: matches, filters (each type at most once; a
 * redirect never with backendRefs or a rewrite; ReplacePrefixMatch only when
 * every match is a PathPrefix, as the CEL rules require) and backendRefs.
 */
const httpRule = (wide: boolean, namespaces: readonly string[]) => fc.record({
  matches: maybe(fc.array(httpMatch(wide), { minLength: 1, maxLength: 3 }), 0.85),
  backendRefs: fc.oneof({ arbitrary: fc.array(backendRef(namespaces), { minLength: 1, maxLength: 3 }), weight: 9 }, { arbitrary: fc.constant([]), weight: 1 }),
  requestHeaders: maybe(headerMods, 0.3),
  responseHeaders: maybe(headerMods, 0.2),
  redirect: maybe(fc.record({
    scheme: maybe(fc.constantFrom('http', 'https')),
    hostname: maybe(fc.constantFrom('moved.example.com', 'b.example.com')),
    port: maybe(fc.constantFrom(80, 443, 8443)),
    statusCode: maybe(fc.constantFrom(301, 302)),
  }, { requiredKeys: [] }), 0.15),
  rewrite: maybe(fc.record({
    hostname: maybe(fc.constantFrom('internal.example.com')),
    full: maybe(fc.constantFrom('/new', '/')),
    prefix: maybe(fc.constantFrom('/v2', '/')),
  }, { requiredKeys: [] }), 0.2),
  mirror: maybe(fc.record({ name: fc.constantFrom(...SERVICES), port: fc.constant(80), percent: maybe(fc.oneof(fc.constantFrom(0, 1, 99, 100), fc.integer({ min: 0, max: 100 }))) }, { requiredKeys: ['name', 'port'] }), 0.2),
  name: maybe(fc.constantFrom('main', 'canary', 'legacy'), 0.2),
}, { requiredKeys: ['backendRefs'] }).map((r) => {
  const rule: any = {};
  if (r.name) rule.name = r.name;
  if (r.matches) rule.matches = r.matches;
  const filters: any[] = [];
  if (r.requestHeaders && Object.keys(r.requestHeaders).length) filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: r.requestHeaders });
  if (r.responseHeaders && Object.keys(r.responseHeaders).length) filters.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: r.responseHeaders });
  if (r.mirror) {
    const { percent, ...ref } = r.mirror;
    filters.push({ type: 'RequestMirror', requestMirror: { backendRef: ref, ...(percent !== undefined ? { percent } : {}) } });
  }
  const allPrefix = (r.matches ?? [{}]).every((m: any) => (m.path?.type ?? 'PathPrefix') === 'PathPrefix');
  if (r.redirect) {
    filters.push({ type: 'RequestRedirect', requestRedirect: r.redirect });
  } else {
    if (r.rewrite && (r.rewrite.hostname || r.rewrite.full || r.rewrite.prefix)) {
      const urlRewrite: any = {};
      if (r.rewrite.hostname) urlRewrite.hostname = r.rewrite.hostname;
      if (r.rewrite.prefix && allPrefix && (r.matches ?? []).length <= 1) urlRewrite.path = { type: 'ReplacePrefixMatch', replacePrefixMatch: r.rewrite.prefix };
      else if (r.rewrite.full) urlRewrite.path = { type: 'ReplaceFullPath', replaceFullPath: r.rewrite.full };
      if (Object.keys(urlRewrite).length) filters.push({ type: 'URLRewrite', urlRewrite });
    }
    if (r.backendRefs.length) rule.backendRefs = r.backendRefs;
  }
  if (filters.length) rule.filters = filters;
  return rule;
});

const listener = (wide: boolean) => fc.record({
  port: wide ? port : fc.constantFrom(...PORTS),
  hostname: wide ? maybe(hostname) : fc.constantFrom(...LISTENER_HOSTNAMES),
  from: fc.constantFrom('All', 'All', 'Same', 'Selector'),
});

const timestamp = (on: boolean) => (on ? maybe(fc.constantFrom(...TIMESTAMPS), 0.6) : fc.constant(undefined));

function meta(name: string, namespace: string | undefined, created: string | undefined): any {
  return { name, ...(namespace ? { namespace } : {}), ...(created ? { creationTimestamp: created } : {}) };
}

/** A world of Gateways, Services, Namespaces and routes (see {@link WorldOptions}). */
export function world(options: WorldOptions = {}): fc.Arbitrary<World> {
  const wide = options.wide ?? false;
  const ts = options.timestamps ?? false;
  const gatewayArb = fc.record({
    namespace: fc.constantFrom('infra', 'default'),
    listeners: fc.array(listener(wide), { minLength: 1, maxLength: 4 }),
    created: timestamp(ts),
  });
  const parentRefArb = (gateways: number) => fc.record({
    gateway: fc.integer({ min: 0, max: gateways - 1 }),
    section: maybe(fc.integer({ min: 0, max: 3 }), 0.4),
    port: maybe(fc.constantFrom(...PORTS), 0.1),
  }, { requiredKeys: ['gateway'] });
  const routeArb = (gateways: number) => fc.record({
    namespace: fc.constantFrom(...NAMESPACES),
    parents: fc.array(parentRefArb(gateways), { minLength: 1, maxLength: 2 }),
    hostnames: maybe(fc.uniqueArray(wide ? hostname : fc.constantFrom(...ROUTE_HOSTNAMES), { minLength: 1, maxLength: 3 }), 0.75),
    rules: fc.array(httpRule(wide, NAMESPACES), { minLength: 1, maxLength: 4 }),
    created: timestamp(ts),
  }, { requiredKeys: ['namespace', 'parents', 'rules', 'created'] });

  return fc.array(gatewayArb, { minLength: 1, maxLength: 2 }).chain((gws) => fc.record({
    gws: fc.constant(gws),
    routes: fc.array(routeArb(gws.length), { minLength: options.minRoutes ?? 0, maxLength: options.maxRoutes ?? 6 }),
    grants: fc.boolean(),
    extra: options.allKinds ? extraKinds(gws.map((g, i) => ({ name: `gw-${i}`, namespace: g.namespace }))) : fc.constant([] as any[]),
  })).map(({ gws, routes, grants, extra }) => {
    const docs: any[] = [];
    docs.push({ apiVersion: V1, kind: 'GatewayClass', metadata: { name: 'prop' }, spec: { controllerName: 'example.com/prop' } });
    NAMESPACES.forEach((ns, i) => docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: i % 2 ? 'x' : 'y' } } }));
    for (const ns of NAMESPACES) {
      for (const svc of SERVICES.filter((s) => s !== 'missing')) {
        docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: svc, namespace: ns }, spec: { ports: [{ name: 'http', port: 80 }, { name: 'alt', port: 8080 }] } });
      }
    }
    const gateways: World['gateways'] = [];
    const listenerCounts: number[] = [];
    gws.forEach((g, gi) => {
      const name = `gw-${gi}`;
      const seenListener = new Set<string>();
      const unique = g.listeners.filter((l) => {
        const k = `${l.port}/${l.hostname ?? ''}`; // port, protocol and hostname must be unique among listeners
        if (seenListener.has(k)) return false;
        seenListener.add(k);
        return true;
      });
      const listeners = unique.map((l, li) => prune({
        name: `l${li}`,
        port: l.port,
        protocol: 'HTTP',
        hostname: l.hostname,
        allowedRoutes: { namespaces: l.from === 'Selector' ? { from: 'Selector', selector: { matchLabels: { team: 'x' } } } : { from: l.from } },
      }));
      docs.push({ apiVersion: V1, kind: 'Gateway', metadata: meta(name, g.namespace, g.created), spec: { gatewayClassName: 'prop', listeners } });
      gateways.push({ ref: `${g.namespace}/${name}`, ports: [...new Set(listeners.map((l) => l.port))] });
      listenerCounts.push(listeners.length);
    });
    routes.forEach((r, ri) => {
      // One reference per Gateway (several need distinct sectionNames or ports).
      const parents = r.parents.filter((p, i) => r.parents.findIndex((q) => q.gateway === p.gateway) === i);
      // Rule names must be unique within a route.
      const names = new Set<string>();
      const rules = r.rules.map((rule: any) => {
        if (rule.name === undefined) return rule;
        if (names.has(rule.name)) {
          const { name: _dropped, ...rest } = rule;
          return rest;
        }
        names.add(rule.name);
        return rule;
      });
      const parentRefs = parents.map((p) => prune({
        name: `gw-${p.gateway}`,
        namespace: gws[p.gateway].namespace,
        sectionName: p.section !== undefined && p.section < listenerCounts[p.gateway] ? `l${p.section}` : undefined,
        port: p.port,
      }));
      docs.push({ apiVersion: V1, kind: 'HTTPRoute', metadata: meta(`route-${ri}`, r.namespace, r.created), spec: prune({ parentRefs, hostnames: r.hostnames, rules }) });
    });
    if (grants) {
      for (const ns of NAMESPACES) {
        docs.push({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'ReferenceGrant',
          metadata: { name: 'from-apps', namespace: ns },
          spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] },
        });
      }
    }
    docs.push(...extra);
    return { docs, gateways };
  });
}

/** GRPCRoutes, TLS/TCP/UDP routes, a TLS Gateway, a ListenerSet and a BackendTLSPolicy, for the loading property. */
function extraKinds(gateways: readonly { name: string; namespace: string }[]): fc.Arbitrary<any[]> {
  const parent = fc.constantFrom(...gateways);
  const grpc = fc.record({
    parent,
    hostnames: maybe(fc.uniqueArray(fc.constantFrom(...ROUTE_HOSTNAMES), { minLength: 1, maxLength: 2 })),
    rules: fc.array(fc.record({
      matches: maybe(fc.array(fc.record({
        method: maybe(fc.record({
          type: fc.constantFrom('Exact', 'RegularExpression'),
          service: maybe(fc.constantFrom('pkg.Svc', 'grpc.health.v1.Health')),
          method: maybe(fc.constantFrom('Get', 'Check')),
        }, { requiredKeys: ['type'] }).filter((m) => m.service !== undefined || m.method !== undefined)),
        headers: maybe(fc.array(headerMatch(false), { minLength: 1, maxLength: 1 })),
      }, { requiredKeys: [] }), { minLength: 1, maxLength: 2 })),
      backendRefs: fc.array(backendRef(NAMESPACES), { maxLength: 2 }),
    }, { requiredKeys: ['backendRefs'] }), { minLength: 1, maxLength: 3 }),
  });
  const l4 = fc.record({
    kind: fc.constantFrom('TLSRoute', 'TCPRoute', 'UDPRoute'),
    port: fc.constantFrom(443, 5432, 5433, 53),
    tlsHost: fc.constantFrom('db.example.com', 'web.example.com'),
    backends: fc.array(backendRef(NAMESPACES), { minLength: 1, maxLength: 2 }),
  });
  return fc.record({
    grpcs: fc.array(grpc, { minLength: 1, maxLength: 3 }),
    l4s: fc.array(l4, { minLength: 1, maxLength: 4 }),
    listenerSet: fc.option(fc.record({ port, hostname: maybe(hostname) }), { nil: undefined }),
    policy: fc.boolean(),
  }).map(({ grpcs, l4s, listenerSet, policy }) => {
    const docs: any[] = [];
    grpcs.forEach((g, i) => docs.push({
      apiVersion: V1,
      kind: 'GRPCRoute',
      metadata: { name: `grpc-${i}`, namespace: 'apps' },
      spec: prune({ parentRefs: [g.parent], hostnames: g.hostnames, rules: g.rules.map((r) => prune({ matches: r.matches, backendRefs: r.backendRefs.length ? r.backendRefs : undefined })) }),
    }));
    docs.push({
      apiVersion: V1,
      kind: 'Gateway',
      metadata: { name: 'l4', namespace: 'infra' },
      spec: {
        gatewayClassName: 'prop',
        allowedListeners: { namespaces: { from: 'All' } },
        listeners: [
          { name: 'tls', port: 443, protocol: 'TLS', hostname: '*.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
          { name: 'tls-db', port: 443, protocol: 'TLS', hostname: 'db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
          { name: 'tcp', port: 5432, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } },
          { name: 'tcp-replica', port: 5433, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } },
          { name: 'udp', port: 53, protocol: 'UDP', allowedRoutes: { namespaces: { from: 'All' } } },
        ],
      },
    });
    l4s.forEach((r, i) => docs.push({
      apiVersion: V1,
      kind: r.kind,
      metadata: { name: `l4-${i}`, namespace: 'apps' },
      spec: prune({
        parentRefs: [{ name: 'l4', namespace: 'infra', port: r.port }],
        hostnames: r.kind === 'TLSRoute' ? [r.tlsHost] : undefined,
        rules: [{ backendRefs: r.backends.map(({ weight, ...b }) => prune({ ...b, weight })) }],
      }),
    }));
    if (listenerSet) {
      docs.push({
        apiVersion: V1,
        kind: 'ListenerSet',
        metadata: { name: 'extra', namespace: 'apps' },
        spec: { parentRef: { name: 'l4', namespace: 'infra' }, listeners: [prune({ name: 'extra', port: listenerSet.port, protocol: 'HTTP', hostname: listenerSet.hostname })] },
      });
    }
    if (policy) {
      docs.push({
        apiVersion: V1,
        kind: 'BackendTLSPolicy',
        metadata: { name: 'tls-a', namespace: 'apps' },
        spec: { targetRefs: [{ group: '', kind: 'Service', name: 'svc-a' }], validation: { hostname: 'svc-a.apps.svc', wellKnownCACertificates: 'System' } },
      });
    }
    return docs;
  });
}

/** A request to one of a world's Gateways, on one of its ports, with a host and path from the pools. */
export function httpRequest(w: World, hosts: fc.Arbitrary<string | undefined> = fc.option(fc.constantFrom(...REQUEST_HOSTS), { nil: undefined, freq: 8 })): fc.Arbitrary<HttpRequest> {
  return fc.integer({ min: 0, max: w.gateways.length - 1 }).chain((g) => fc.record({
    gateway: fc.constant(w.gateways[g].ref),
    port: fc.constantFrom(...w.gateways[g].ports),
    host: hosts,
    method: fc.constantFrom(...METHODS),
    path: fc.tuple(fc.constantFrom('/', '/a', '/a/', '/a/b', '/a/7', '/a/b/c', '/ab', '/b/x', '/zzz'), fc.constantFrom('', '?q=1', '?debug=v&q=v')).map(([p, q]) => p + q),
    headers: fc.dictionary(fc.constantFrom(...HEADER_NAMES), fc.constantFrom(...HEADER_VALUES, 'v3'), { maxKeys: 2 }),
  }));
}

/** Several requests to a world. */
export function httpRequests(w: World, max = 12): fc.Arbitrary<HttpRequest[]> {
  return fc.array(httpRequest(w), { minLength: 1, maxLength: max });
}

/**
 * Garbage documents: anything at all, objects of modelled kinds with random
 * or wrongly typed fields, and valid-looking objects with one field broken.
 */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.record({
    apiVersion: fc.constantFrom(V1, 'gateway.networking.k8s.io/v1beta1', 'v1', '', 7),
    kind: fc.constantFrom('Gateway', 'HTTPRoute', 'GRPCRoute', 'GatewayClass', 'ReferenceGrant', 'ListenerSet', 'BackendTLSPolicy', 'Service', 'Namespace', 'Unknown', ''),
    metadata: fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 2 }), fc.record({ name: fc.oneof(dnsLabel, fc.string(), fc.integer()), namespace: fc.oneof(fc.constant(undefined), dnsLabel, fc.integer()), creationTimestamp: fc.oneof(fc.constant(undefined), fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) }, { requiredKeys: [] })),
    spec: fc.anything({ maxDepth: 4 }),
    status: fc.anything({ maxDepth: 2 }),
  }, { requiredKeys: [] }),
  fc.record({
    name: dnsLabel,
    listeners: fc.array(fc.record({ name: fc.oneof(dnsLabel, fc.string()), port: fc.oneof(port, fc.integer(), fc.string()), protocol: fc.constantFrom('HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP', 'SCTP', 'http'), hostname: fc.oneof(fc.constant(undefined), hostname, fc.string()) }, { requiredKeys: [] }), { maxLength: 3 }),
  }).map(({ name, listeners }) => ({ apiVersion: V1, kind: 'Gateway', metadata: { name, namespace: 'infra' }, spec: { gatewayClassName: 'prop', listeners } })),
  fc.record({
    name: dnsLabel,
    path: fc.oneof(fc.string(), pathValue),
    type: fc.oneof(fc.constantFrom('Exact', 'PathPrefix', 'RegularExpression', 'Glob'), fc.string()),
    weight: fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.double()),
  }).map(({ name, path, type, weight }) => ({
    apiVersion: V1,
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'apps' },
    spec: { parentRefs: [{ name: 'gw-0', namespace: 'infra' }], rules: [{ matches: [{ path: { type, value: path } }], backendRefs: [{ name: 'svc-a', port: 80, weight }] }] },
  })),
);
