import { backendProtocol, exchange } from './backend-simulation';
import { ControllerState, ListenerState, RouteState } from './controller';
import { Headers } from './headers';
import { applyHeaderModifier, evaluateCors, mirrorFraction, modifyPath, redirectLocation, redirectStatus } from './http-filters';
import { CompiledHttpMatch, compareHttpMatchSpecificity, compileHttpMatch, describeHttpMatch, httpMatchFailure, splitPath } from './http-match';
import { bestListener, listenerForSni, listenersOnPort, selectGateway, stripPort } from './listener-selection';
import { ageDependsOnDocumentOrder, compareAge } from './object-store';
import { partiallyInvalidNotes } from './partially-invalid';
import { backendCertificateProblem, policyCaCertificates, servingCertificate } from './references';
import { BackendTarget, ForwardedRequest, HttpRequest, HttpResult, MirrorTarget, RouteDecision } from './requests';
import { gatewayRootCause, listenerRootCause, withCause } from './root-cause';
import { HostnameTable } from './route-table';
import { httpRouteSpec } from './stored-kinds';
import { pickWeighted } from './weights';
import type { HTTPBackendRef, HTTPHeaderFilter, HTTPRouteFilter, HTTPRouteMatch } from '../../generated/experimental';

/** One compiled match of one HTTPRoute rule. */
export interface HttpEntry {
  /** The route. */
  readonly route: RouteState;
  /** Index in `spec.rules`. */
  readonly rule: number;
  /** Index in the rule's `matches`. */
  readonly match: number;
  /** The compiled match. */
  readonly compiled: CompiledHttpMatch;
}

/** Compiles a route's rules into entries (one per match; a rule without matches has the default `PathPrefix /`). */
export function compileHttpRoute(route: RouteState): HttpEntry[] {
  const out: HttpEntry[] = [];
  (httpRouteSpec(route.obj.obj).rules ?? []).forEach((rule, ri) => {
    if (route.droppedRules.has(ri)) return;
    const matches: HTTPRouteMatch[] = rule.matches && rule.matches.length > 0 ? rule.matches : [{ path: { type: 'PathPrefix', value: '/' } }];
    matches.forEach((m, mi) => out.push({ route, rule: ri, match: mi, compiled: compileHttpMatch(m) }));
  });
  return out;
}

/** The spec's precedence between two entries of one hostname bucket. */
export function compareHttpEntries(a: HttpEntry, b: HttpEntry): number {
  return compareHttpMatchSpecificity(a.compiled, b.compiled)
    || (a.route === b.route ? 0 : compareAge(a.route.obj, b.route.obj))
    || a.rule - b.rule
    || a.match - b.match;
}

/** Builds the table of one listener from its attached HTTPRoutes. */
export function buildHttpTable(listener: ListenerState, compiled: (r: RouteState) => HttpEntry[]): HostnameTable<HttpEntry> {
  const t = new HostnameTable<HttpEntry>();
  for (const a of listener.attachments) {
    if (a.route.kind !== 'HTTPRoute') continue;
    for (const e of compiled(a.route)) t.add(a.hostnames, e);
  }
  t.sort(compareHttpEntries);
  return t;
}

/** What the HTTP engine needs from the plane. */
export interface HttpContext {
  /** The reconciled state. */
  readonly controller: ControllerState;
  /** The (cached) route table of a listener. */
  httpTable(l: ListenerState): HostnameTable<HttpEntry>;
  /** A number in [0, 1): from `seed` when given, else the next of the plane's sequence. */
  random(seed: number | undefined): number;
}

interface Outcome {
  result: HttpResult;
}

function routeDecision(e: HttpEntry): RouteDecision {
  const rule = e.route.obj.obj.spec.rules?.[e.rule];
  return { kind: e.route.kind, namespace: e.route.obj.namespace, name: e.route.obj.name, rule: e.rule, ...(rule?.name ? { ruleName: rule.name } : {}), match: e.match };
}

function label(e: HttpEntry): string {
  return `${e.route.kind} ${e.route.obj.namespace}/${e.route.obj.name} rule ${e.rule}${e.route.obj.obj.spec.rules?.[e.rule]?.name ? ` (${e.route.obj.obj.spec.rules[e.rule].name})` : ''} match ${e.match} [${describeHttpMatch(e.compiled)}]`;
}

/**
 * Evaluates one HTTP request: Gateway and listener selection (SNI, then Host),
 * the spec's precedence among the matches of attached HTTPRoutes, filters,
 * and the weighted backend choice. `trace` adds every candidate to the
 * explanation.
 */
export function evaluateHttp(ctx: HttpContext, req: HttpRequest, trace: boolean): HttpResult {
  const explanation: string[] = [];
  const scheme = req.scheme ?? 'http';
  const port = req.port ?? (scheme === 'https' ? 443 : 80);
  const method = (req.method ?? 'GET').toUpperCase();
  const host = stripPort(req.host)?.toLowerCase();
  const protocols = scheme === 'https' ? ['HTTPS'] : ['HTTP'];
  const base = { responseHeaders: {}, mirrors: [] as MirrorTarget[], dependsOnDocumentOrder: false, explanation };
  const gw = selectGateway(ctx.controller, req.gateway, port, protocols);
  const gwName = `${gw.obj.namespace}/${gw.obj.name}`;
  if (!gw.conditions.isTrue('Programmed')) {
    explanation.push(`Gateway ${gwName} is not programmed: connection refused; ${gatewayRootCause(gw)}`);
    return { ...base, outcome: 'refused' };
  }
  let listener: ListenerState | undefined;
  if (scheme === 'https') {
    const sni = (req.sni ?? host)?.toLowerCase();
    listener = listenerForSni(listenersOnPort(gw, port), port, sni);
    if (listener && listener.protocol !== 'HTTPS') {
      explanation.push(`SNI ${sni ?? '(none)'} selects TLS listener ${listener.name} (${listener.tlsMode}) of ${gwName}, the most specific HTTPS/TLS listener for that name on port ${port}: the connection is handed to its TLSRoutes, not served as HTTPS (evaluate it with tls())`);
      return { ...base, outcome: 'refused', listener: { gateway: gwName, name: listener.name } };
    }
    if (!listener) {
      explanation.push(withCause(`no ready HTTPS listener of ${gwName} on port ${port} serves SNI ${sni ?? '(none)'}: TLS handshake fails`, listenerRootCause(gw, port, protocols, sni)));
      return { ...base, outcome: 'refused' };
    }
    explanation.push(`SNI ${sni ?? '(none)'} selects listener ${listener.name} (hostname ${listener.hostname ?? '(any)'}) of ${gwName}`);
    const byHost = bestListener(listenersOnPort(gw, port), port, protocols, host);
    if (byHost !== listener) {
      explanation.push(`Host ${host ?? '(none)'} belongs to ${byHost ? `listener ${byHost.name}` : 'no listener'}, not the one the TLS connection was made for: 421 Misdirected Request`);
      return { ...base, outcome: 'direct-response', status: 421, listener: { gateway: gwName, name: listener.name } };
    }
  } else {
    listener = bestListener(listenersOnPort(gw, port), port, protocols, host);
    if (!listener) {
      const onPort = listenersOnPort(gw, port).some((l) => l.ready && l.port === port && protocols.includes(l.protocol));
      if (!onPort) {
        explanation.push(withCause(`no ready HTTP listener of ${gwName} on port ${port}: connection refused`, listenerRootCause(gw, port, protocols, host)));
        return { ...base, outcome: 'refused' };
      }
      explanation.push(`no HTTP listener of ${gwName} on port ${port} matches host ${host ?? '(none)'}: 404`);
      return { ...base, outcome: 'no-route', status: 404 };
    }
    explanation.push(`Host ${host ?? '(none)'} selects listener ${listener.name} (hostname ${listener.hostname ?? '(any)'}) of ${gwName}`);
  }
  const listenerRef = { gateway: gwName, name: listener.name };
  const { path, rawQuery, query } = splitPath(req.path ?? '/');
  const headers = Headers.from(req.headers);
  const input = { path, query, method, headers };

  if (trace) explanation.push(...partiallyInvalidNotes(ctx.controller, listener, 'HTTPRoute'));
  const table = ctx.httpTable(listener);
  let winner: HttpEntry | undefined;
  let winnerBucket: unknown;
  let dependsOnDocumentOrder = false;
  for (const bucket of table.buckets(host)) {
    for (const e of bucket.entries) {
      if (winner) {
        if (!trace && bucket.entries !== undefined && compareHttpMatchSpecificity(e.compiled, winner.compiled) !== 0) break;
        const failure = httpMatchFailure(e.compiled, input);
        // Only a route of the winner's hostname bucket can tie with it; the later buckets lost on hostname.
        if (!failure && bucket === winnerBucket && e.route !== winner.route && compareHttpMatchSpecificity(e.compiled, winner.compiled) === 0 && ageDependsOnDocumentOrder(winner.route.obj, e.route.obj)) {
          dependsOnDocumentOrder = true;
        }
        if (trace) explanation.push(failure ? `  no match: ${label(e)}: ${failure}` : `  lost: ${label(e)}: matches, but has lower precedence`);
        continue;
      }
      const failure = httpMatchFailure(e.compiled, input);
      if (failure) {
        if (trace) explanation.push(`  no match: ${label(e)}: ${failure}`);
        continue;
      }
      winner = e;
      winnerBucket = bucket;
      explanation.push(`hostname ${bucket.hostname ?? '(any)'}: ${label(winner)} wins`);
    }
    if (winner && !trace) break;
  }
  if (dependsOnDocumentOrder) explanation.push('note: a tie between routes was broken by document order (neither has a creationTimestamp)');
  if (!winner) {
    // Without a winner every candidate was looked at anyway; say why each failed.
    if (!trace) return evaluateHttp(ctx, req, true);
    explanation.push(`no HTTPRoute match on listener ${listener.name} for ${method} ${host ?? '(no host)'}${path}: 404`);
    return { ...base, outcome: 'no-route', status: 404, listener: listenerRef };
  }
  return applyRule(ctx, req, winner, { scheme, host, rawHost: req.host, path, rawQuery, method, headers, listener, listenerRef, dependsOnDocumentOrder, explanation }).result;
}

interface RuleInput {
  scheme: string;
  host: string | undefined;
  /** The Host header as sent (with any port). */
  rawHost: string | undefined;
  path: string;
  rawQuery: string;
  method: string;
  headers: Headers;
  listener: ListenerState;
  listenerRef: { gateway: string; name: string };
  dependsOnDocumentOrder: boolean;
  explanation: string[];
}

function applyRule(ctx: HttpContext, req: HttpRequest, e: HttpEntry, inp: RuleInput): Outcome {
  const rule = httpRouteSpec(e.route.obj.obj).rules![e.rule];
  const route = routeDecision(e);
  const { explanation } = inp;
  const matchedPrefix = e.compiled.pathType === 'PathPrefix' ? e.compiled.pathValue : undefined;
  const headers = inp.headers.clone();
  let host = inp.rawHost;
  let path = inp.path;
  // The forwarded request has one host: a filter that sets the Host header sets it, and a hostname rewrite
  // also rewrites a Host header the request carries; whichever filter comes last wins.
  let hostHeader = headers.get('host');
  const modifyRequestHeaders = (modifier: HTTPHeaderFilter | undefined): void => {
    applyHeaderModifier(headers, modifier);
    const h = headers.get('host');
    if (h !== undefined && h !== hostHeader) host = h;
    hostHeader = h;
  };
  const rewriteHost = (hostname: string): void => {
    host = hostname;
    if (headers.has('host')) headers.set('host', hostname);
    hostHeader = headers.get('host');
  };
  const response = Headers.from(req.backendResponseHeaders);
  const responseMods: (HTTPHeaderFilter | undefined)[] = [];
  const mirrors: MirrorTarget[] = [];
  const base = { listener: inp.listenerRef, route, dependsOnDocumentOrder: inp.dependsOnDocumentOrder, explanation };
  let corsHeaders: Record<string, string> = {};
  const filters = rule.filters ?? [];
  for (const f of filters) {
    switch (f.type) {
      case 'RequestHeaderModifier':
        modifyRequestHeaders(f.requestHeaderModifier);
        break;
      case 'ResponseHeaderModifier':
        responseMods.push(f.responseHeaderModifier);
        break;
      case 'URLRewrite':
        if (f.urlRewrite?.hostname) rewriteHost(f.urlRewrite.hostname);
        path = modifyPath(path, f.urlRewrite?.path, matchedPrefix);
        break;
      case 'RequestMirror':
        addMirror(e.route, f, mirrors);
        break;
      case 'CORS': {
        const c = evaluateCors(f.cors ?? {}, inp.method, inp.headers);
        corsHeaders = c.headers;
        if (c.preflight) {
          explanation.push(`CORS preflight answered by the Gateway${Object.keys(c.headers).length ? '' : ' (origin not allowed: no CORS headers)'}`);
          const rh = new Headers();
          for (const [k, v] of Object.entries(c.headers)) rh.set(k, v);
          return { result: { ...base, outcome: 'direct-response', status: 200, responseHeaders: rh.toObject(), mirrors } };
        }
        break;
      }
      case 'RequestRedirect': {
        const location = redirectLocation(f.requestRedirect ?? {}, { scheme: inp.scheme, host: inp.host, path: inp.path, rawQuery: inp.rawQuery, listenerPort: inp.listener.port }, matchedPrefix);
        const status = redirectStatus(f.requestRedirect);
        explanation.push(`RequestRedirect: ${status} to ${location}`);
        const rh = new Headers();
        rh.set('location', location);
        return { result: { ...base, outcome: 'redirect', status, location, responseHeaders: rh.toObject(), mirrors } };
      }
      case 'ExtensionRef':
        explanation.push(`ExtensionRef filter ${f.extensionRef?.group}/${f.extensionRef?.kind} ${f.extensionRef?.name} is not supported by the in-memory data plane: 500`);
        return { result: { ...base, outcome: 'direct-response', status: 500, responseHeaders: {}, mirrors } };
      default:
        // ExternalAuth (experimental) and any filter type the plane does not model: refused, never ignored.
        explanation.push(`${f.type} filter is not implemented by the in-memory data plane: 500`);
        return { result: { ...base, outcome: 'direct-response', status: 500, responseHeaders: {}, mirrors } };
    }
  }
  const backends: HTTPBackendRef[] = rule.backendRefs ?? [];
  const weights = backends.map((b) => b.weight ?? 1);
  const idx = pickWeighted(weights, ctx.random(req.seed));
  const finish = (status: number, outcome: 'forwarded' | 'direct-response', backend?: BackendTarget, fwd?: ForwardedRequest, attempts?: number): Outcome => {
    for (const m of responseMods) applyHeaderModifier(response, m);
    for (const k in corsHeaders) response.set(k, corsHeaders[k]);
    const result: HttpResult = {
      outcome,
      status,
      backend,
      request: fwd,
      responseHeaders: response.toObject(),
      mirrors,
      listener: base.listener,
      route: base.route,
      dependsOnDocumentOrder: base.dependsOnDocumentOrder,
      attempts,
      explanation,
    };
    return { result };
  };
  if (idx < 0) {
    explanation.push(backends.length === 0 ? 'the rule has no backendRefs: 500' : 'every backendRef has weight 0: 500');
    return finish(500, 'direct-response');
  }
  const chosen = backends[idx];
  const res = e.route.backends.get(chosen);
  if (!res || !res.ok) {
    explanation.push(`backendRef ${chosen.namespace ?? e.route.obj.namespace}/${chosen.name} is invalid (${res?.reason}: ${res?.message}): 500`);
    return finish(500, 'direct-response');
  }
  for (const f of chosen.filters ?? []) {
    if (f.type === 'RequestHeaderModifier') {modifyRequestHeaders(f.requestHeaderModifier);} else if (f.type === 'ResponseHeaderModifier') {responseMods.push(f.responseHeaderModifier);} else if (f.type === 'RequestMirror') {addMirror(e.route, f, mirrors);} else if (f.type === 'URLRewrite') {
      if (f.urlRewrite?.hostname) rewriteHost(f.urlRewrite.hostname);
      path = modifyPath(path, f.urlRewrite?.path, matchedPrefix);
    } else {
      // A backend-level filter the plane does not model (ExtensionRef, ExternalAuth, ...): refused, never ignored.
      explanation.push(`backend-level ${f.type} filter on ${chosen.name} is not implemented by the in-memory data plane: 500`);
      return finish(500, 'direct-response');
    }
  }
  const target: BackendTarget = { namespace: res.namespace, name: res.name, port: res.port };
  const tls = res.service ? ctx.controller.backendTlsPolicyFor(res.namespace, res.service, res.port) : { invalid: false, policy: undefined };
  if (tls.invalid) {
    explanation.push(`Service ${res.namespace}/${res.name}:${res.port} is targeted by a BackendTLSPolicy that is not accepted: the Gateway cannot verify the backend, 500`);
    return finish(500, 'direct-response');
  }
  const policy = tls.policy;
  if (policy && res.service) {
    const cacheKey = `${policy.obj.namespace}/${policy.obj.name}|${res.service.name}`;
    let problem = ctx.controller.backendTlsProblems.get(cacheKey);
    if (problem === undefined) {
      const cert = servingCertificate(ctx.controller.store, res.service);
      problem = (cert ? backendCertificateProblem(cert, policyCaCertificates(ctx.controller.store, policy.obj), policy.obj.obj.spec.validation) : undefined) ?? '';
      ctx.controller.backendTlsProblems.set(cacheKey, problem);
    }
    if (problem) {
      explanation.push(`BackendTLSPolicy ${policy.obj.namespace}/${policy.obj.name}: ${problem}; the TLS handshake to the backend fails: 503`);
      return finish(503, 'direct-response');
    }
  }
  const appProtocol = (res.service?.obj.spec?.ports ?? []).find((p) => p?.port === res.port)?.appProtocol;
  const fwd: ForwardedRequest = {
    host,
    path: path + (inp.rawQuery ? `?${inp.rawQuery}` : ''),
    method: inp.method,
    headers: headers.toObject(),
    ...(policy ? { sni: policy.obj.obj.spec.validation?.hostname } : {}),
    protocol: backendProtocol(appProtocol, policy !== undefined),
  };
  explanation.push(`forwarded to Service ${res.namespace}/${res.name}:${res.port} over ${fwd.protocol}${backends.length > 1 ? ` (weight ${weights[idx]} of ${weights.reduce((a, b) => a + b, 0)})` : ''}`);
  const ex = exchange(rule, { latency: req.backendLatency, statuses: req.backendStatuses });
  if (ex.attempts > 1 || ex.status !== 200) explanation.push(...ex.log);
  return finish(ex.status, ex.timedOut ? 'direct-response' : 'forwarded', target, fwd, ex.attempts);
}

function addMirror(route: RouteState, f: HTTPRouteFilter, mirrors: MirrorTarget[]): void {
  const mirror = f.requestMirror;
  if (!mirror?.backendRef) return;
  const r = route.backends.get(mirror.backendRef);
  if (!r || !r.ok) return;
  mirrors.push({ namespace: r.namespace, name: r.name, port: r.port, fraction: mirrorFraction(mirror) });
}
