/**
 * The routing diff: what a change to Gateway API objects does to traffic.
 * Witness requests are derived from both versions (every Gateway, listener,
 * hostname, rule and match), evaluated on both planes, and every request
 * whose decision differs is reported with the route and rule that decided
 * before and after; status changes (Accepted, Programmed, attachedRoutes)
 * are reported beside them. It samples decisions: it is not a proof that
 * no other request changes (see docs/routing-diff.md).
 */
import type { App, Chart } from 'cdk8s';
import { formatShare, isWildcardHostname, sampleHost, wildcardsCovering } from '../model';
import type { ControllerState, ListenerState } from './controller';
import { DataPlane, type DataPlaneOptions, type DistributionRequest } from './data-plane';
import type { GrpcEntry } from './grpc-engine';
import type { HttpEntry } from './http-engine';
import type { ValueMatcher } from './http-match';
import { parseGatewaySelector } from './listener-selection';
import { listenerStatuses } from './listener-status';
import { planeOf } from './matchers';
import { missRe2, sampleRe2 } from './re2-sample';
import type { GatewaySelector, GrpcResult, HttpResult, RouteDecision, StreamResult } from './requests';

/** Options of {@link routingDiff}: how Charts and Apps are loaded, and which Gateway to compare. */
export interface RoutingDiffOptions extends DataPlaneOptions {
  /**
   * Compare only this Gateway (`'namespace/name'`): its witness requests and
   * its status, its listeners' and its routes'. A Gateway reconciled in
   * neither version is an error.
   * @default - every Gateway of either version
   */
  readonly gateway?: GatewaySelector;
}

/** One witness request: a request derived from a listener, hostname, rule or match of either version. */
export interface WitnessRequest {
  /** Protocol of the request. */
  readonly protocol: 'http' | 'grpc' | 'tls' | 'tcp' | 'udp';
  /** `namespace/name` of the Gateway it is sent to. */
  readonly gateway: string;
  /** Name of the listener it was derived from. */
  readonly listener: string;
  /** Listener port. */
  readonly port: number;
  /** `https` for HTTPS listeners (and gRPC over TLS), else `http`. @default - absent for TLS, TCP and UDP */
  readonly scheme?: 'http' | 'https';
  /** Host (the TLS server name for TLS). @default - absent for TCP and UDP */
  readonly host?: string;
  /** HTTP method. @default - absent for gRPC, TLS, TCP and UDP */
  readonly method?: string;
  /** Path with query (HTTP). @default - absent except for HTTP */
  readonly path?: string;
  /** gRPC service. @default - absent except for gRPC */
  readonly service?: string;
  /** gRPC method. @default - absent except for gRPC */
  readonly grpcMethod?: string;
  /** Request headers (gRPC metadata). */
  readonly headers: Readonly<Record<string, string>>;
  /** Why this request was derived, e.g. `PathPrefix /v1: a path below the prefix`. */
  readonly purpose: string;
}

/** The decision of one plane for one witness request, as the diff compares it. */
export interface RoutingDiffDecision {
  /** forwarded, redirect, direct-response, no-route or refused. */
  readonly outcome: string;
  /** HTTP status (gRPC: the status code); null when refused and for TLS, TCP and UDP. */
  readonly status: number | null;
  /** `namespace/name:port` of the backend when every such request goes to one backend; null when none, or when `split` has several. */
  readonly backend: string | null;
  /** Share of identical requests per backend (`namespace/name:port`, or an outcome such as `(500)` for a share sent to an invalid backend); empty when no backend is involved. */
  readonly split: Readonly<Record<string, number>>;
  /** The redirect, when the request is redirected. */
  readonly redirect: { readonly status: number; readonly location: string } | null;
  /** What the backend receives after filters (host, path with query, headers); null when nothing is forwarded or for TLS, TCP and UDP. */
  readonly forwarded: { readonly host: string | null; readonly path: string; readonly headers: Readonly<Record<string, string>> } | null;
  /** Share of requests mirrored per backend (`namespace/name`); empty without mirrors. */
  readonly mirrored: Readonly<Record<string, number>>;
}

/** A witness request whose decision differs between the two versions. */
export interface RoutingChange {
  /** The request: its URL (`https://api.example.com/v2`, `grpcs://host/pkg.Svc/Method`, `tls://host:443`, `tcp://:5432`), HTTP method (null unless HTTP or gRPC) and headers. */
  readonly request: { readonly url: string; readonly method: string | null; readonly headers: Readonly<Record<string, string>> };
  /** `namespace/name` of the Gateway. */
  readonly gateway: string;
  /** The listener the request was derived from. */
  readonly listener: string;
  /** The decision before. */
  readonly before: RoutingDiffDecision;
  /** The decision after. */
  readonly after: RoutingDiffDecision;
  /** The route, rule and match that decided, before and after (null when no route did). */
  readonly cause: { readonly before: RouteDecision | null; readonly after: RouteDecision | null };
}

/** A status condition or count that differs between the versions. */
export interface StatusChange {
  /** Kind of the object: Gateway (for the Gateway and its listeners), ListenerSet, or a route kind. */
  readonly kind: string;
  /** Namespace of the object. */
  readonly namespace: string;
  /** Name of the object. */
  readonly name: string;
  /** For a listener, its name. @default - absent unless a listener's status changed */
  readonly listener?: string;
  /** For a route, the parent: `Gateway ns/name` (with `section` / `port` when the parentRef names one). @default - absent unless a route's status changed */
  readonly parent?: string;
  /** `Accepted`, `Programmed`, `ResolvedRefs` or `attachedRoutes`. */
  readonly field: string;
  /** Before: `True`, `False (Reason)`, a count; null when the object (or condition) is absent. */
  readonly before: string | number | null;
  /** After, in the same form. */
  readonly after: string | number | null;
}

/** What {@link routingDiff} finds. */
export interface RoutingDiff {
  /** How many witness requests were evaluated on both versions. */
  readonly requests: number;
  /** The requests whose decision differs, sorted by Gateway, host, cause and URL. */
  readonly changes: RoutingChange[];
  /** Status changes of Gateways, listeners and routes, sorted. */
  readonly statusChanges: StatusChange[];
  /** What could not be sampled (regular expressions too complex for the generator), one line each. */
  readonly notes: string[];
}

/** What a diff can compare: a plane, or a cdk8s Chart or App. */
export type RoutingDiffSubject = DataPlane | Chart | App;

/** The path of the request per hostname that no rule is meant to match. */
export const UNMATCHED_PATH = '/cdk8s-gateway-diff/unmatched';

/** The host used for a listener and routes that name no hostname. */
const ANY_HOST = 'witness.invalid';

interface Probe {
  readonly method?: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly service?: string;
  readonly grpcMethod?: string;
  readonly purpose: string;
}

/** The probes of one listener (merged over both versions), by hostname bucket (`*` for routes that name no hostname). */
interface ListenerProbes {
  readonly gateway: string;
  readonly listener: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname?: string;
  readonly buckets: Map<string, Map<string, Probe>>;
  readonly grpcBuckets: Map<string, Map<string, Probe>>;
}

function addProbe(map: Map<string, Map<string, Probe>>, bucket: string, p: Probe): void {
  let m = map.get(bucket);
  if (!m) {
    m = new Map();
    map.set(bucket, m);
  }
  const key = JSON.stringify([p.method, p.path, p.headers, p.service, p.grpcMethod]);
  if (!m.has(key)) m.set(key, p);
}

/** The note for a regular expression the sampler cannot sample: what only it matches is not compared. */
function tooComplex(where: string, what: string, pattern: string, units: 'requests' | 'calls'): string {
  return `${where}: ${what} regular expression ${JSON.stringify(pattern)} is too complex to sample; ${units} it alone matches are not compared`;
}

/** A value that meets a header/query condition, or undefined when its pattern is too complex to sample. */
function hitValue(v: ValueMatcher): string | undefined {
  return v.type === 'Exact' ? v.value : sampleRe2(v.value);
}

/** A value that misses a header/query condition. */
function missValue(v: ValueMatcher, hit: string): string | undefined {
  return v.type === 'Exact' ? `${v.value}-miss` : missRe2(v.value, [`${hit}-miss`, 'miss', '', '0']);
}

function withQuery(path: string, query: readonly (readonly [string, string])[]): string {
  if (query.length === 0) return path;
  return `${path}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

function otherMethod(m: string): string {
  return m === 'GET' ? 'POST' : 'GET';
}

/** The witness probes of one HTTP match. */
function httpProbes(e: HttpEntry, notes: Set<string>): Probe[] {
  const m = e.compiled;
  const where = `HTTPRoute ${e.route.obj.namespace}/${e.route.obj.name} rule ${e.rule} match ${e.match}`;
  const paths: [string, string][] = [];
  if (m.pathType === 'Exact') {
    paths.push([m.pathValue, `Exact ${m.pathValue}: the path`]);
    paths.push([m.pathValue.endsWith('/') ? `${m.pathValue}witness` : `${m.pathValue}/witness`, `Exact ${m.pathValue}: a path below it`]);
  } else if (m.pathType === 'PathPrefix') {
    paths.push([m.prefix === '' ? '/' : m.pathValue, `PathPrefix ${m.pathValue}: the prefix`]);
    paths.push([`${m.prefix}/witness`, `PathPrefix ${m.pathValue}: a path below the prefix`]);
  } else {
    const s = sampleRe2(m.pathValue);
    if (s === undefined || !s.startsWith('/') || /[?#\s]/.test(s)) {
      notes.add(tooComplex(where, 'path', m.pathValue, 'requests'));
      return [];
    }
    paths.push([s, `RegularExpression ${m.pathValue}: a matching path`]);
  }
  const headers: Record<string, string> = {};
  for (const h of m.headers) {
    const v = hitValue(h);
    if (v === undefined) {
      notes.add(tooComplex(where, `header ${h.name}`, h.value, 'requests'));
      return [];
    }
    headers[h.name.toLowerCase()] = v;
  }
  const query: [string, string][] = [];
  for (const q of m.query) {
    const v = hitValue(q);
    if (v === undefined) {
      notes.add(tooComplex(where, `query parameter ${q.name}`, q.value, 'requests'));
      return [];
    }
    query.push([q.name, v]);
  }
  const method = m.method ?? 'GET';
  const out: Probe[] = paths.map(([p, purpose]) => ({ method, path: withQuery(p, query), headers, purpose }));
  const base = paths[0][0];
  if (m.method) out.push({ method: otherMethod(m.method), path: withQuery(base, query), headers, purpose: `method ${m.method}: another method` });
  for (const h of m.headers) {
    const miss = missValue(h, headers[h.name.toLowerCase()]);
    if (miss !== undefined) out.push({ method, path: withQuery(base, query), headers: { ...headers, [h.name.toLowerCase()]: miss }, purpose: `header ${h.name}: a value that misses` });
  }
  m.query.forEach((q, i) => {
    const miss = missValue(q, query[i][1]);
    if (miss !== undefined) out.push({ method, path: withQuery(base, query.map((x, j) => (j === i ? [x[0], miss] as const : x))), headers, purpose: `query ${q.name}: a value that misses` });
  });
  return out;
}

/** The witness probes of one gRPC match. */
function grpcProbes(e: GrpcEntry, notes: Set<string>): Probe[] {
  const where = `GRPCRoute ${e.route.obj.namespace}/${e.route.obj.name} rule ${e.rule} match ${e.match}`;
  const value = (v: string | undefined, fallback: string, what: string): string | undefined => {
    if (v === undefined) return fallback;
    if (e.type === 'Exact') return v;
    const s = sampleRe2(v);
    if (s === undefined || s === '' || /[/\s]/.test(s)) notes.add(tooComplex(where, what, v, 'calls'));
    return s === undefined || s === '' || /[/\s]/.test(s) ? undefined : s;
  };
  const service = value(e.service, 'witness.Service', 'service');
  const method = value(e.method, 'Witness', 'method');
  if (service === undefined || method === undefined) return [];
  const headers: Record<string, string> = {};
  for (const h of e.headers) {
    const v = hitValue(h);
    if (v === undefined) {
      notes.add(tooComplex(where, `header ${h.name}`, h.value, 'calls'));
      return [];
    }
    headers[h.name.toLowerCase()] = v;
  }
  const out: Probe[] = [{ path: '', service, grpcMethod: method, headers, purpose: 'the service and method' }];
  if (e.method !== undefined) out.push({ path: '', service, grpcMethod: `${method}Other`, headers, purpose: 'another method of the service' });
  for (const h of e.headers) {
    const miss = missValue(h, headers[h.name.toLowerCase()]);
    if (miss !== undefined) out.push({ path: '', service, grpcMethod: method, headers: { ...headers, [h.name.toLowerCase()]: miss }, purpose: `header ${h.name}: a value that misses` });
  }
  return out;
}

function gatewayKey(sel: GatewaySelector | undefined): string | undefined {
  if (sel === undefined) return undefined;
  const { namespace, name } = parseGatewaySelector(sel);
  return `${namespace}/${name}`;
}

/** Collects the probes of every listener of `plane` into `into`. */
function collectProbes(plane: DataPlane, into: Map<string, ListenerProbes>, notes: Set<string>, only: string | undefined): void {
  const ctx = plane._loadedRoutes();
  for (const gw of ctx.controller.gateways.values()) {
    const gwName = `${gw.obj.namespace}/${gw.obj.name}`;
    if (only !== undefined && gwName !== only) continue;
    for (const l of gw.serving) {
      const key = `${gwName}|${l.owner.kind}/${l.owner.namespace}/${l.owner.name}|${l.name}|${l.port}|${l.protocol}|${l.hostname ?? ''}`;
      let lp = into.get(key);
      if (!lp) {
        lp = { gateway: gwName, listener: l.name, port: l.port, protocol: l.protocol, ...(l.hostname ? { hostname: l.hostname } : {}), buckets: new Map(), grpcBuckets: new Map() };
        into.set(key, lp);
      }
      collectListener(ctx, l, lp, notes);
    }
  }
}

function collectListener(ctx: ReturnType<DataPlane['_loadedRoutes']>, l: ListenerState, lp: ListenerProbes, notes: Set<string>): void {
  if (l.protocol === 'HTTP' || l.protocol === 'HTTPS') {
    for (const b of ctx.httpTable(l).all()) {
      const bucket = b.hostname ?? '*';
      if (!lp.buckets.has(bucket)) lp.buckets.set(bucket, new Map());
      for (const e of b.entries) for (const p of httpProbes(e, notes)) addProbe(lp.buckets, bucket, p);
    }
    for (const b of ctx.grpcTable(l).all()) {
      const bucket = b.hostname ?? '*';
      if (!lp.grpcBuckets.has(bucket)) lp.grpcBuckets.set(bucket, new Map());
      for (const e of b.entries) for (const p of grpcProbes(e, notes)) addProbe(lp.grpcBuckets, bucket, p);
    }
  } else if (l.protocol === 'TLS') {
    for (const b of ctx.tlsTable(l).all()) {
      const bucket = b.hostname ?? '*';
      if (!lp.buckets.has(bucket)) lp.buckets.set(bucket, new Map());
    }
  }
}

/** The concrete host of a hostname bucket. */
function hostOfBucket(bucket: string, lp: ListenerProbes, taken: ReadonlySet<string>): string {
  if (bucket === '*') return lp.hostname ? sampleHost(lp.hostname, taken) : ANY_HOST;
  return isWildcardHostname(bucket) ? sampleHost(bucket, taken) : bucket;
}

/** The buckets whose entries see requests for `host`: its exact bucket, the wildcards covering it, the catch-all. */
function bucketsFor(host: string, buckets: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  if (buckets.has(host)) out.push(host);
  for (const w of wildcardsCovering(host)) if (buckets.has(w)) out.push(w);
  if (buckets.has('*')) out.push('*');
  return out;
}

/**
 * The witness requests of the two planes (see {@link RoutingDiff}): per
 * Gateway and listener, per hostname (a concrete host for each wildcard),
 * the requests derived from every rule and match that serves the host, plus
 * `/` and a path no rule is meant to match. Deterministic: sorted by
 * Gateway, port, host, then in derivation order.
 */
export function witnessRequests(planes: readonly DataPlane[], options: { readonly gateway?: GatewaySelector } = {}): { requests: WitnessRequest[]; notes: string[] } {
  const only = gatewayKey(options.gateway);
  const notes = new Set<string>();
  const listeners = new Map<string, ListenerProbes>();
  const exactListenerHosts = new Map<string, Set<string>>();
  for (const plane of planes) {
    collectProbes(plane, listeners, notes, only);
    for (const gw of plane._loadedRoutes().controller.gateways.values()) {
      const gwName = `${gw.obj.namespace}/${gw.obj.name}`;
      const set = exactListenerHosts.get(gwName) ?? new Set<string>();
      for (const l of gw.serving) if (l.hostname && !isWildcardHostname(l.hostname)) set.add(l.hostname.toLowerCase());
      exactListenerHosts.set(gwName, set);
    }
  }
  const out: WitnessRequest[] = [];
  const seen = new Set<string>();
  const push = (w: WitnessRequest) => {
    const key = JSON.stringify([w.protocol, w.gateway, w.port, w.scheme, w.host, w.method, w.path, w.service, w.grpcMethod, w.headers]);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(w);
  };
  const sortedListeners = [...listeners.values()].sort((a, b) => (a.gateway < b.gateway ? -1 : a.gateway > b.gateway ? 1 : 0) || a.port - b.port
    || a.protocol.localeCompare(b.protocol) || a.listener.localeCompare(b.listener));
  for (const lp of sortedListeners) {
    const base = { gateway: lp.gateway, listener: lp.listener, port: lp.port };
    if (lp.protocol === 'TCP' || lp.protocol === 'UDP') {
      push({ ...base, protocol: lp.protocol === 'TCP' ? 'tcp' : 'udp', headers: {}, purpose: `a ${lp.protocol} connection to port ${lp.port}` });
      continue;
    }
    if (lp.protocol !== 'HTTP' && lp.protocol !== 'HTTPS' && lp.protocol !== 'TLS') continue;
    const taken = new Set<string>([...(exactListenerHosts.get(lp.gateway) ?? []), ...[...lp.buckets.keys(), ...lp.grpcBuckets.keys()].filter((b) => b !== '*' && !isWildcardHostname(b))]);
    const bucketNames = [...new Set([...lp.buckets.keys(), ...lp.grpcBuckets.keys()])];
    if (bucketNames.length === 0) bucketNames.push(lp.hostname ?? '*');
    const hosts = [...new Set(bucketNames.map((b) => hostOfBucket(b, lp, taken)))].sort();
    if (lp.protocol === 'TLS') {
      for (const host of hosts) push({ ...base, protocol: 'tls', host, headers: {}, purpose: 'TLS server name of the hostname' });
      const unmatched = lp.hostname ? sampleHost(lp.hostname.startsWith('*.') ? lp.hostname : `*.${lp.hostname}`, [...taken, ...hosts]) : `unmatched.${ANY_HOST}`;
      push({ ...base, protocol: 'tls', host: unmatched, headers: {}, purpose: 'a TLS server name no route names' });
      continue;
    }
    const scheme = lp.protocol === 'HTTPS' ? 'https' : 'http';
    for (const host of hosts) {
      const hb = { ...base, scheme, host } as const;
      push({ ...hb, protocol: 'http', method: 'GET', path: '/', headers: {}, purpose: 'the root path' });
      for (const b of bucketsFor(host, lp.buckets)) {
        for (const p of lp.buckets.get(b)!.values()) push({ ...hb, protocol: 'http', method: p.method, path: p.path, headers: p.headers, purpose: p.purpose });
      }
      push({ ...hb, protocol: 'http', method: 'GET', path: UNMATCHED_PATH, headers: {}, purpose: 'a path no rule is meant to match' });
      for (const b of bucketsFor(host, lp.grpcBuckets)) {
        for (const p of lp.grpcBuckets.get(b)!.values()) push({ ...hb, protocol: 'grpc', service: p.service, grpcMethod: p.grpcMethod, headers: p.headers, purpose: p.purpose });
      }
      if (lp.grpcBuckets.size > 0) push({ ...hb, protocol: 'grpc', service: 'witness.Unmatched', grpcMethod: 'Unmatched', headers: {}, purpose: 'a method no rule is meant to match' });
    }
  }
  return { requests: out, notes: [...notes].sort() };
}

/** The URL of a witness request. */
export function witnessUrl(w: WitnessRequest): string {
  switch (w.protocol) {
    case 'http': return `${w.scheme}://${w.host}${w.port !== (w.scheme === 'https' ? 443 : 80) ? `:${w.port}` : ''}${w.path}`;
    case 'grpc': return `${w.scheme === 'https' ? 'grpcs' : 'grpc'}://${w.host}${w.port !== (w.scheme === 'https' ? 443 : 80) ? `:${w.port}` : ''}/${w.service}/${w.grpcMethod}`;
    case 'tls': return `tls://${w.host}:${w.port}`;
    default: return `${w.protocol}://:${w.port}`;
  }
}

const NOTHING: RoutingDiffDecision = { outcome: 'refused', status: null, backend: null, split: {}, redirect: null, forwarded: null, mirrored: {} };

/** Evaluates a witness on a plane, without advancing the plane's sequence of weighted picks. */
function decide(plane: DataPlane, w: WitnessRequest): { decision: RoutingDiffDecision; route: RouteDecision | null } {
  const seed = 1;
  let request: DistributionRequest;
  let result: HttpResult | GrpcResult | StreamResult;
  try {
    switch (w.protocol) {
      case 'http': {
        const r = { gateway: w.gateway, scheme: w.scheme, port: w.port, host: w.host, method: w.method, path: w.path, headers: w.headers, seed };
        request = { protocol: 'http', ...r };
        result = plane.http(r);
        break;
      }
      case 'grpc': {
        const r = { gateway: w.gateway, scheme: w.scheme, port: w.port, host: w.host, service: w.service!, method: w.grpcMethod!, headers: w.headers, seed };
        request = { protocol: 'grpc', ...r };
        result = plane.grpc(r);
        break;
      }
      case 'tls': {
        const r = { gateway: w.gateway, port: w.port, sni: w.host, seed };
        request = { protocol: 'tls', ...r };
        result = plane.tls(r);
        break;
      }
      default: {
        const r = { gateway: w.gateway, port: w.port, seed };
        request = { protocol: w.protocol, ...r };
        result = w.protocol === 'tcp' ? plane.tcp(r) : plane.udp(r);
      }
    }
  } catch {
    // The Gateway is not in this version (or not reconciled): the request reaches nothing.
    return { decision: NOTHING, route: null };
  }
  const dist = plane.distributionByPort(request);
  const backends = Object.keys(dist.byPort).filter((k) => !k.startsWith('('));
  const split: Record<string, number> = backends.length === 0 ? {} : sortedRecord(dist.byPort);
  const http = result as HttpResult;
  const grpc = result as GrpcResult;
  const status = http.status ?? grpc.code ?? null;
  const fwd = (result as HttpResult).request;
  return {
    decision: {
      outcome: result.outcome,
      status,
      backend: backends.length === 1 && dist.byPort[backends[0]] === 1 ? backends[0] : null,
      split,
      redirect: result.outcome === 'redirect' && http.location !== undefined ? { status: http.status!, location: http.location } : null,
      forwarded: fwd && (w.protocol === 'http' || w.protocol === 'grpc') ? { host: fwd.host ?? null, path: fwd.path, headers: sortedRecord(fwd.headers) } : null,
      mirrored: sortedRecord(dist.mirrored),
    },
    route: result.route ?? null,
  };
}

function sortedRecord<V>(r: { readonly [k: string]: V }): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

/** The plane of a diff subject: a plane as is; a Chart or App loaded with `options` (by default `assumeMissing: true` and without synth validation, as the matchers load them). */
export function diffPlane(subject: unknown, options: DataPlaneOptions = {}): DataPlane {
  if (subject instanceof DataPlane) return subject;
  const { gateway: _gateway, ...load } = options as RoutingDiffOptions;
  return planeOf(subject, { assumeMissing: true, validate: false, ...load });
}

/**
 * What changing `before` into `after` does to traffic: the witness requests
 * of both versions (see {@link witnessRequests}) evaluated on both, every
 * request whose decision (outcome, status, backend, split, redirect, what the
 * backend receives, mirrors) differs, and the status changes of Gateways,
 * listeners and routes. Each argument is a {@link DataPlane}, a cdk8s Chart
 * or a cdk8s App (loaded with `options`; by default `assumeMissing: true`
 * and without synth validation). It samples decisions: requests that no
 * witness stands for are not compared.
 *
 * @example
 * const diff = testing.routingDiff(baseChart, headChart);
 * diff.changes.map((c) => `${c.request.url}: ${c.before.backend} -> ${c.after.backend}`);
 */
export function routingDiff(before: RoutingDiffSubject, after: RoutingDiffSubject, options: RoutingDiffOptions = {}): RoutingDiff {
  const a = diffPlane(before, options);
  const b = diffPlane(after, options);
  const only = gatewayKey(options.gateway);
  if (only !== undefined) {
    const known = [...new Set([a, b].flatMap((p) => [...p._loadedRoutes().controller.gateways.keys()]))].sort();
    if (!known.includes(only)) throw new Error(`routingDiff: gateway ${only} is in neither version (Gateways reconciled: ${known.join(', ') || 'none'})`);
  }
  const { requests, notes } = witnessRequests([a, b], options);
  const changes: (RoutingChange & { readonly host: string })[] = [];
  for (const w of requests) {
    const x = decide(a, w);
    const y = decide(b, w);
    if (JSON.stringify(x.decision) === JSON.stringify(y.decision)) continue;
    changes.push({
      host: w.host ?? `(port ${w.port})`,
      request: { url: witnessUrl(w), method: w.protocol === 'http' ? w.method ?? 'GET' : w.protocol === 'grpc' ? 'POST' : null, headers: w.headers },
      gateway: w.gateway,
      listener: w.listener,
      before: x.decision,
      after: y.decision,
      cause: { before: x.route, after: y.route },
    });
  }
  changes.sort((p, q) => cmp(p.gateway, q.gateway) || cmp(p.host, q.host) || cmp(causeText(p), causeText(q)));
  return {
    requests: requests.length,
    changes: changes.map(({ host: _host, ...c }) => c),
    statusChanges: statusChanges(a, b, gatewayKey(options.gateway)),
    notes,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `HTTPRoute ns/name rule 1 (name)`, or `(no route)`. */
export function formatCause(r: RouteDecision | null): string {
  return r ? `${r.kind} ${r.namespace}/${r.name} rule ${r.rule}${r.ruleName ? ` (${r.ruleName})` : ''}` : '(no route)';
}

/** The cause of a change in one line: the route and rule, or `before → after` when they differ. */
export function causeText(c: RoutingChange): string {
  const b = formatCause(c.cause.before);
  const a = formatCause(c.cause.after);
  return b === a ? b : `${b} → ${a}`;
}

/** The host of a change's request (`(port N)` for TCP and UDP). */
export function changeHost(c: RoutingChange): string {
  const m = /^[a-z]+:\/\/([^/:]*)(?::(\d+))?/.exec(c.request.url);
  return m && m[1] ? m[1] : `(port ${m?.[2] ?? '?'})`;
}

// ---- status changes ----

/** Which status value a {@link StatusChange} is about: everything but the values. */
type StatusEntry = Omit<StatusChange, 'before' | 'after'>;

function conditionValue(c: { status: string; reason: string } | undefined): string | null {
  if (!c) return null;
  return c.status === 'True' ? 'True' : `${c.status} (${c.reason})`;
}

function statusValues(ctl: ControllerState, only: string | undefined): Map<string, { entry: StatusEntry; value: string | number | null }> {
  const out = new Map<string, { entry: StatusEntry; value: string | number | null }>();
  const put = (entry: StatusEntry, value: string | number | null) => out.set(JSON.stringify(entry), { entry, value });
  for (const gw of ctl.gateways.values()) {
    const key = `${gw.obj.namespace}/${gw.obj.name}`;
    if (only !== undefined && key !== only) continue;
    const id = { kind: 'Gateway', namespace: gw.obj.namespace, name: gw.obj.name };
    for (const field of ['Accepted', 'Programmed']) put({ ...id, field }, conditionValue(gw.conditions.get(field)));
    const statuses = listenerStatuses(gw.serving);
    gw.serving.forEach((l, i) => {
      const owner = { kind: l.owner.kind, namespace: l.owner.namespace, name: l.owner.name, listener: l.name };
      for (const field of ['Accepted', 'Programmed', 'ResolvedRefs']) put({ ...owner, field }, conditionValue(l.conditions.get(field)));
      put({ ...owner, field: 'attachedRoutes' }, statuses[i].attachedRoutes);
    });
  }
  for (const r of ctl.routes.values()) {
    for (const p of r.parents) {
      const ref = p.parentRef;
      const gwKey = `${ref.namespace ?? r.obj.namespace}/${ref.name}`;
      if (only !== undefined && (ref.kind ?? 'Gateway') === 'Gateway' && gwKey !== only) continue;
      const parent = `${ref.kind ?? 'Gateway'} ${gwKey}${ref.sectionName ? ` section ${ref.sectionName}` : ''}${ref.port !== undefined ? ` port ${ref.port}` : ''}`;
      for (const field of ['Accepted', 'ResolvedRefs']) {
        const c = (p.conditions ?? []).find((x) => x.type === field);
        put({ kind: r.kind, namespace: r.obj.namespace, name: r.obj.name, parent, field }, conditionValue(c));
      }
    }
  }
  return out;
}

function statusChanges(a: DataPlane, b: DataPlane, only: string | undefined): StatusChange[] {
  const x = statusValues(a._loadedRoutes().controller, only);
  const y = statusValues(b._loadedRoutes().controller, only);
  const out: StatusChange[] = [];
  for (const key of new Set([...x.keys(), ...y.keys()])) {
    const entry = (x.get(key) ?? y.get(key))!.entry;
    const before = x.get(key)?.value ?? null;
    const after = y.get(key)?.value ?? null;
    if (before === after) continue;
    out.push({ ...entry, before, after });
  }
  const order = (s: StatusChange) => [s.kind, s.namespace, s.name, s.listener ?? '', s.parent ?? '', s.field];
  return out.sort((p, q) => {
    const op = order(p);
    const oq = order(q);
    for (let i = 0; i < op.length; i++) if (op[i] !== oq[i]) return cmp(op[i], oq[i]);
    return 0;
  });
}

// ---- rendering ----

/** A decision in a few words: `forwarded 200 to ns/a:80`, `split 95% ns/a:80, 5% ns/b:80`, `redirect 301 to …`, `no-route 404`, `refused`. */
export function describeDecision(d: RoutingDiffDecision): string {
  const status = d.status !== null ? ` ${d.status}` : '';
  if (d.redirect) return `redirect ${d.redirect.status} to ${d.redirect.location}`;
  const shares = Object.entries(d.split);
  if (d.outcome === 'forwarded' || shares.length > 0) {
    const to = d.backend ?? shares.sort((p, q) => q[1] - p[1] || cmp(p[0], q[0])).map(([k, v]) => `${formatShare(v)} ${k}`).join(', ');
    return `${d.outcome}${status} ${d.backend ? 'to' : 'split'} ${to}`;
  }
  return `${d.outcome}${status}`;
}

function describeForwarded(f: RoutingDiffDecision['forwarded']): string {
  if (!f) return '(nothing)';
  const headers = Object.entries(f.headers).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `${f.host ?? ''}${f.path}${headers ? ` [${headers}]` : ''}`;
}

/** The lines saying how two decisions differ, one per field that changed. */
export function decisionDifferences(before: RoutingDiffDecision, after: RoutingDiffDecision): string[] {
  const out: string[] = [];
  const same = (p: unknown, q: unknown) => JSON.stringify(p) === JSON.stringify(q);
  if (before.outcome !== after.outcome || before.status !== after.status) out.push(`outcome: ${before.outcome}${before.status !== null ? ` ${before.status}` : ''} → ${after.outcome}${after.status !== null ? ` ${after.status}` : ''}`);
  if (!same(before.split, after.split) || before.backend !== after.backend) out.push(`backends: ${describeShares(before)} → ${describeShares(after)}`);
  if (!same(before.redirect, after.redirect)) out.push(`redirect: ${before.redirect ? `${before.redirect.status} ${before.redirect.location}` : '(none)'} → ${after.redirect ? `${after.redirect.status} ${after.redirect.location}` : '(none)'}`);
  if (!same(before.forwarded, after.forwarded) && before.forwarded && after.forwarded) out.push(`backend receives: ${describeForwarded(before.forwarded)} → ${describeForwarded(after.forwarded)}`);
  if (!same(before.mirrored, after.mirrored)) out.push(`mirrored: ${describeMap(before.mirrored)} → ${describeMap(after.mirrored)}`);
  return out;
}

function describeShares(d: RoutingDiffDecision): string {
  if (d.backend) return d.backend;
  return describeMap(d.split);
}

function describeMap(m: Readonly<Record<string, number>>): string {
  const e = Object.entries(m).sort((p, q) => q[1] - p[1] || cmp(p[0], q[0]));
  return e.length ? e.map(([k, v]) => `${formatShare(v)} ${k}`).join(', ') : '(none)';
}

function requestLine(c: RoutingChange): string {
  const headers = Object.entries(c.request.headers).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `${c.request.method ? `${c.request.method} ` : ''}${c.request.url}${headers ? ` [${headers}]` : ''}`;
}

function statusWhere(s: StatusChange): string {
  return `${s.kind} ${s.namespace}/${s.name}${s.listener ? ` listener ${s.listener}` : ''}${s.parent ? ` parent ${s.parent}` : ''}`;
}

function statusValue(v: string | number | null): string {
  return v === null ? '(absent)' : String(v);
}

/**
 * The diff as text, grouped by Gateway, host and cause (the route and rule
 * that decided before and after), then the status changes and a summary line.
 */
export function formatRoutingDiff(d: RoutingDiff): string {
  const lines: string[] = [];
  let gateway: string | undefined;
  let host: string | undefined;
  let cause: string | undefined;
  for (const c of d.changes) {
    if (c.gateway !== gateway) {
      gateway = c.gateway;
      host = undefined;
      lines.push(`Gateway ${c.gateway}`);
    }
    const h = changeHost(c);
    if (h !== host) {
      host = h;
      cause = undefined;
      lines.push(`  host ${h}`);
    }
    const t = causeText(c);
    if (t !== cause) {
      cause = t;
      lines.push(`    ${t}`);
    }
    lines.push(`      ${requestLine(c)}`);
    for (const diff of decisionDifferences(c.before, c.after)) lines.push(`        ${diff}`);
  }
  if (d.statusChanges.length > 0) {
    lines.push('Status changes');
    for (const s of d.statusChanges) lines.push(`  ${statusWhere(s)}: ${s.field} ${statusValue(s.before)} → ${statusValue(s.after)}`);
  }
  if (d.notes.length > 0) {
    lines.push('Not compared');
    for (const n of d.notes) lines.push(`  ${n}`);
  }
  const hosts = new Set(d.changes.map((c) => `${c.gateway} ${changeHost(c)}`)).size;
  lines.push(d.changes.length === 0 && d.statusChanges.length === 0
    ? `no routing changes (${d.requests} requests compared)`
    : `${d.changes.length} of ${d.requests} requests change (${hosts} host${hosts === 1 ? '' : 's'}), ${d.statusChanges.length} status change${d.statusChanges.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Options of {@link formatRoutingDiffMarkdown}. */
export interface RoutingDiffMarkdownOptions {
  /**
   * Rows of the table of changed requests at most; the rest are counted in a
   * line under the table (a pull-request comment has a size limit: GitHub's
   * is 65,536 characters).
   * @default 200
   */
  readonly maxRows?: number;
}

/**
 * The diff as Markdown for a pull-request comment: a table of changed
 * requests (at most `maxRows`, the rest counted), a table of status changes,
 * and what could not be sampled in a collapsed list.
 */
export function formatRoutingDiffMarkdown(d: RoutingDiff, options: RoutingDiffMarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 200;
  const lines: string[] = [];
  if (d.changes.length === 0 && d.statusChanges.length === 0) lines.push(`**Routing diff:** no routing changes (${d.requests} requests compared).`);
  else lines.push(`**Routing diff:** ${d.changes.length} of ${d.requests} requests change, ${d.statusChanges.length} status change${d.statusChanges.length === 1 ? '' : 's'}.`);
  if (d.changes.length > 0) {
    lines.push('', '| Gateway | Host | Request | Before | After | Decided by |', '|---|---|---|---|---|---|');
    for (const c of d.changes.slice(0, maxRows)) {
      const extra = (x: RoutingDiffDecision, y: RoutingDiffDecision) => (JSON.stringify(x.forwarded) !== JSON.stringify(y.forwarded) && x.forwarded ? `; backend receives ${describeForwarded(x.forwarded)}` : '');
      lines.push(`| ${cell(c.gateway)} | ${cell(changeHost(c))} | \`${cell(requestLine(c))}\` | ${cell(describeDecision(c.before) + extra(c.before, c.after))} | ${cell(describeDecision(c.after) + extra(c.after, c.before))} | ${cell(causeText(c))} |`);
    }
  }
  if (d.changes.length > maxRows) {
    const rest = d.changes.length - maxRows;
    lines.push('', `… and ${rest} more changed request${rest === 1 ? '' : 's'}, not shown (\`cdk8s-gateway diff\` without --markdown, or --json, lists every one).`);
  }
  if (d.statusChanges.length > 0) {
    lines.push('', '| Object | Status | Before | After |', '|---|---|---|---|');
    for (const s of d.statusChanges) lines.push(`| ${cell(statusWhere(s))} | ${s.field} | ${cell(statusValue(s.before))} | ${cell(statusValue(s.after))} |`);
  }
  if (d.notes.length > 0) {
    lines.push('', '<details><summary>Not compared</summary>', '');
    for (const n of d.notes) lines.push(`- ${cell(n)}`);
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
