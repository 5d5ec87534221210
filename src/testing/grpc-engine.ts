import { RE2JS } from 're2js';
import { pickBackend } from '../model';
import { ControllerState, ListenerState, RouteState } from './controller';
import { Headers, firstMatchPerHeaderName } from './headers';
import { applyHeaderModifier, mirrorFraction } from './http-filters';
import { ValueMatcher, compileRe2 } from './http-match';
import { bestListener, listenerForSni, listenersOnPort, selectGateway, stripPort } from './listener-selection';
import { ageDependsOnDocumentOrder, compareAge } from './object-store';
import { partiallyInvalidNotes } from './partially-invalid';
import { GrpcRequest, GrpcResult, MirrorTarget } from './requests';
import { gatewayRootCause, listenerRootCause, withCause } from './root-cause';
import { routeDecision } from './route-rules';
import { HostnameTable } from './route-table';
import { grpcRouteSpec } from './stored-kinds';
import type { GRPCBackendRef, GRPCRouteFilter, GRPCRouteMatch } from '../../generated/experimental';

/** One compiled match of one GRPCRoute rule. */
export interface GrpcEntry {
  /** The route. */
  readonly route: RouteState;
  /** Index in `spec.rules`. */
  readonly rule: number;
  /** Index in the rule's `matches`. */
  readonly match: number;
  /** Method match type. */
  readonly type: 'Exact' | 'RegularExpression';
  /** Service to match. @default - every service */
  readonly service?: string;
  /** Method to match. @default - every method */
  readonly method?: string;
  /** Compiled service pattern. @default - absent unless the match type is RegularExpression */
  readonly serviceRe?: RE2JS;
  /** Compiled method pattern. @default - absent unless the match type is RegularExpression */
  readonly methodRe?: RE2JS;
  /** Header conditions. */
  readonly headers: readonly ValueMatcher[];
}

/** gRPC status codes used by the plane. */
const GRPC_OK = 0;
/** No route matched the method. */
const GRPC_UNIMPLEMENTED = 12;
/** The chosen backend is invalid. */
const GRPC_UNAVAILABLE = 14;

/** Compiles a GRPCRoute into entries (a rule without matches matches every method). */
export function compileGrpcRoute(route: RouteState): GrpcEntry[] {
  const out: GrpcEntry[] = [];
  (grpcRouteSpec(route.obj.obj).rules ?? []).forEach((rule, ri) => {
    if (route.droppedRules.has(ri)) return;
    const matches: GRPCRouteMatch[] = rule.matches && rule.matches.length > 0 ? rule.matches : [{}];
    matches.forEach((m, mi) => {
      const type = m.method?.type ?? 'Exact';
      out.push({
        route,
        rule: ri,
        match: mi,
        type,
        service: m.method?.service,
        method: m.method?.method,
        serviceRe: type === 'RegularExpression' && m.method?.service !== undefined ? compileRe2(m.method.service) : undefined,
        methodRe: type === 'RegularExpression' && m.method?.method !== undefined ? compileRe2(m.method.method) : undefined,
        headers: firstMatchPerHeaderName(m.headers ?? []).map((h) => ({ name: h.name, type: h.type ?? 'Exact', value: h.value, re: (h.type ?? 'Exact') === 'RegularExpression' ? compileRe2(h.value) : undefined })),
      });
    });
  });
  return out;
}

/** Precedence between two gRPC matches on specificity alone (negative when `a` is more specific); 0 when equal. */
export function specificity(a: GrpcEntry, b: GrpcEntry): number {
  // The spec's order: characters in the service match, then in the method match, then header matches.
  return ((b.service?.length ?? 0) - (a.service?.length ?? 0))
    || ((b.method?.length ?? 0) - (a.method?.length ?? 0))
    || (b.headers.length - a.headers.length);
}

/** Precedence between two entries of one hostname bucket. */
function compareGrpcEntries(a: GrpcEntry, b: GrpcEntry): number {
  return specificity(a, b) || (a.route === b.route ? 0 : compareAge(a.route.obj, b.route.obj)) || a.rule - b.rule || a.match - b.match;
}

/** Builds the GRPCRoute table of one listener. */
export function buildGrpcTable(listener: ListenerState, compiled: (r: RouteState) => GrpcEntry[]): HostnameTable<GrpcEntry> {
  const t = new HostnameTable<GrpcEntry>();
  for (const a of listener.attachments) {
    if (a.route.kind !== 'GRPCRoute') continue;
    for (const e of compiled(a.route)) t.add(a.hostnames, e);
  }
  t.sort(compareGrpcEntries);
  return t;
}

function failure(e: GrpcEntry, service: string, method: string, headers: Headers): string | undefined {
  if (e.type === 'Exact') {
    if (e.service !== undefined && e.service !== service) return `service ${service} is not ${e.service}`;
    if (e.method !== undefined && e.method !== method) return `method ${method} is not ${e.method}`;
  } else {
    if (e.serviceRe && !e.serviceRe.matches(service)) return `service ${service} does not match /${e.service}/`;
    if (e.methodRe && !e.methodRe.matches(method)) return `method ${method} does not match /${e.method}/`;
  }
  for (const h of e.headers) {
    const v = headers.get(h.name);
    if (v === undefined) return `header ${h.name} is absent`;
    if (h.re ? !h.re.matches(v) : v !== h.value) return `header ${h.name}: ${JSON.stringify(v)} does not match`;
  }
  return undefined;
}

/** What the gRPC engine needs from the plane. */
export interface GrpcContext {
  /** The reconciled state. */
  readonly controller: ControllerState;
  /** The (cached) route table of a listener. */
  grpcTable(l: ListenerState): HostnameTable<GrpcEntry>;
  /** A number in [0, 1): from `seed` when given, else the next of the plane's sequence. */
  random(seed: number | undefined): number;
}

/** Evaluates one gRPC call against the GRPCRoutes of the selected listener. */
export function evaluateGrpc(ctx: GrpcContext, req: GrpcRequest, trace: boolean): GrpcResult {
  const explanation: string[] = [];
  const scheme = req.scheme ?? 'http';
  const port = req.port ?? (scheme === 'https' ? 443 : 80);
  const protocols = scheme === 'https' ? ['HTTPS'] : ['HTTP'];
  const host = stripPort(req.host)?.toLowerCase();
  const base = { responseHeaders: {}, mirrors: [] as MirrorTarget[], dependsOnDocumentOrder: false, explanation };
  const gw = selectGateway(ctx.controller, req.gateway, port, protocols);
  const gwName = `${gw.obj.namespace}/${gw.obj.name}`;
  const listener = !gw.conditions.isTrue('Programmed') ? undefined
    : scheme === 'https' ? listenerForSni(listenersOnPort(gw, port), port, (req.sni ?? host)?.toLowerCase()) : bestListener(listenersOnPort(gw, port), port, protocols, host);
  if (listener && listener.protocol === 'TLS') {
    explanation.push(`SNI ${(req.sni ?? host) ?? '(none)'} selects TLS listener ${listener.name} (${listener.tlsMode}) of ${gwName}, the most specific HTTPS/TLS listener for that name on port ${port}: the connection is handed to its TLSRoutes, not served as gRPC over HTTPS`);
    return { ...base, outcome: 'refused', listener: { gateway: gwName, name: listener.name } };
  }
  if (!listener) {
    const onPort = listenersOnPort(gw, port).some((l) => l.ready && l.port === port && protocols.includes(l.protocol));
    explanation.push(onPort ? `no listener of ${gwName} on port ${port} matches host ${host ?? '(none)'}` : withCause(`no ready listener of ${gwName} on port ${port}: refused`, gw.conditions.isTrue('Programmed') ? listenerRootCause(gw, port, protocols, scheme === 'https' ? (req.sni ?? host) : host) : `Gateway ${gwName} is not programmed: ${gatewayRootCause(gw)}`));
    return onPort && scheme === 'http' ? { ...base, outcome: 'no-route', code: GRPC_UNIMPLEMENTED } : { ...base, outcome: 'refused' };
  }
  const listenerRef = { gateway: gwName, name: listener.name };
  explanation.push(`host ${host ?? '(none)'} selects listener ${listener.name} of ${gwName}`);
  if (trace) explanation.push(...partiallyInvalidNotes(ctx.controller, listener, 'GRPCRoute'));
  const headers = Headers.from(req.headers);
  let winner: GrpcEntry | undefined;
  let winnerBucket: unknown;
  let dependsOnDocumentOrder = false;
  for (const bucket of ctx.grpcTable(listener).buckets(host)) {
    for (const e of bucket.entries) {
      const f = failure(e, req.service, req.method, headers);
      if (winner) {
        // Only a route of the winner's hostname bucket can tie with it; the later buckets lost on hostname.
        if (!f && bucket === winnerBucket && e.route !== winner.route && specificity(e, winner) === 0 && ageDependsOnDocumentOrder(winner.route.obj, e.route.obj)) dependsOnDocumentOrder = true;
        if (trace) explanation.push(f ? `  no match: GRPCRoute ${e.route.obj.namespace}/${e.route.obj.name} rule ${e.rule} match ${e.match}: ${f}` : `  lost: GRPCRoute ${e.route.obj.namespace}/${e.route.obj.name} rule ${e.rule} match ${e.match}: matches, but has lower precedence`);
        continue;
      }
      if (f) {
        if (trace) explanation.push(`  no match: GRPCRoute ${e.route.obj.namespace}/${e.route.obj.name} rule ${e.rule} match ${e.match}: ${f}`);
        continue;
      }
      winner = e;
      winnerBucket = bucket;
      explanation.push(`hostname ${bucket.hostname ?? '(any)'}: GRPCRoute ${e.route.obj.namespace}/${e.route.obj.name} rule ${e.rule} match ${e.match} wins`);
    }
    if (winner && !trace) break;
  }
  if (!winner) {
    explanation.push(`no GRPCRoute matches ${req.service}/${req.method}: UNIMPLEMENTED`);
    return { ...base, outcome: 'no-route', code: GRPC_UNIMPLEMENTED, listener: listenerRef };
  }
  const rule = grpcRouteSpec(winner.route.obj.obj).rules![winner.rule];
  const route = routeDecision(winner.route, winner.rule, winner.match);
  const response = new Headers();
  const mirrors: MirrorTarget[] = [];
  const fwdHeaders = headers.clone();
  const applyFilters = (filters: readonly GRPCRouteFilter[] | undefined) => {
    for (const f of filters ?? []) {
      if (f.type === 'RequestHeaderModifier') {applyHeaderModifier(fwdHeaders, f.requestHeaderModifier);} else if (f.type === 'ResponseHeaderModifier') {applyHeaderModifier(response, f.responseHeaderModifier);} else if (f.type === 'RequestMirror') {
        const mirror = f.requestMirror;
        const r = mirror ? winner!.route.backends.get(mirror.backendRef) : undefined;
        if (r?.ok) mirrors.push({ namespace: r.namespace, name: r.name, port: r.port, fraction: mirrorFraction(mirror!) });
      }
    }
  };
  const unsupported = (rule.filters ?? []).find((f) => f.type === 'ExtensionRef');
  if (unsupported) {
    explanation.push(`ExtensionRef filter ${unsupported.extensionRef?.group}/${unsupported.extensionRef?.kind} ${unsupported.extensionRef?.name} is not supported by the in-memory data plane: UNAVAILABLE`);
    return { listener: listenerRef, route, mirrors, dependsOnDocumentOrder, explanation, outcome: 'direct-response', code: GRPC_UNAVAILABLE, responseHeaders: {} };
  }
  applyFilters(rule.filters);
  const backends: GRPCBackendRef[] = rule.backendRefs ?? [];
  const idx = pickBackend(backends, ctx.random(req.seed));
  const common = { listener: listenerRef, route, mirrors, dependsOnDocumentOrder, explanation };
  const res = idx >= 0 ? winner.route.backends.get(backends[idx]) : undefined;
  if (!res || !res.ok) {
    explanation.push(idx < 0 ? 'no backend with weight > 0: UNAVAILABLE' : `backendRef ${backends[idx].name} is invalid (${res?.reason}): UNAVAILABLE`);
    return { ...common, outcome: 'direct-response', code: GRPC_UNAVAILABLE, responseHeaders: response.toObject() };
  }
  applyFilters(backends[idx].filters);
  explanation.push(`forwarded to Service ${res.namespace}/${res.name}:${res.port}`);
  return {
    ...common,
    outcome: 'forwarded',
    code: GRPC_OK,
    backend: { namespace: res.namespace, name: res.name, port: res.port },
    request: { host, path: `/${req.service}/${req.method}`, method: 'POST', headers: fwdHeaders.toObject() },
    responseHeaders: response.toObject(),
  };
}
