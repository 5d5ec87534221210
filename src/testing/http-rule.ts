/**
 * What one HTTPRoute rule does to a request that matched it: the rule's
 * filters (header and URL rewrites, mirrors, CORS, redirects, and those the
 * plane refuses), the weighted choice of a backendRef and that backend's
 * filters, the BackendTLSPolicy check, and the request the backend receives.
 */
import { backendShares, backendWeight, backendsTakingTraffic, formatShare, pickBackend } from '../model';
import { backendProtocol, exchange } from './backend-simulation';
import type { ListenerState, PolicyState, RouteState } from './controller';
import { Headers } from './headers';
import type { HttpContext, HttpEntry } from './http-engine';
import { applyHeaderModifier, evaluateCors, mirrorFraction, modifyPath, redirectLocation, redirectStatus } from './http-filters';
import type { StoredObject } from './object-store';
import { backendCertificateProblem, policyCaCertificates, servingCertificate } from './references';
import type { BackendResolution } from './references';
import { BackendTarget, ForwardedRequest, HttpRequest, HttpResult, MirrorTarget, RouteDecision } from './requests';
import { routeDecision } from './route-rules';
import { StoredKinds, httpRouteSpec } from './stored-kinds';
import type { HTTPBackendRef, HTTPHeaderFilter, HTTPRouteFilter, HTTPRouteRule, HTTPURLRewriteFilter } from '../../generated/experimental';

/** The request as the engine parsed it, with the listener that took it. */
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

/** The fields every result of the rule shares. */
interface ResultBase {
  readonly listener: { gateway: string; name: string };
  readonly route: RouteDecision;
  readonly dependsOnDocumentOrder: boolean;
  readonly explanation: string[];
}

/**
 * The request on its way to the backend as filters rewrite it, and what the
 * response will carry (response header modifiers, CORS headers, mirrors).
 */
class RequestInFlight {
  public readonly headers: Headers;
  public host: string | undefined;
  public path: string;
  public readonly responseMods: (HTTPHeaderFilter | undefined)[] = [];
  public readonly mirrors: MirrorTarget[] = [];
  public corsHeaders: Record<string, string> = {};
  public readonly method: string;
  public readonly rawQuery: string;
  // The forwarded request has one host: a filter that sets the Host header sets it, and a hostname rewrite
  // also rewrites a Host header the request carries; whichever filter comes last wins.
  private hostHeader: string | undefined;

  public constructor(inp: RuleInput, private readonly route: RouteState, private readonly matchedPrefix: string | undefined) {
    this.headers = inp.headers.clone();
    this.host = inp.rawHost;
    this.path = inp.path;
    this.method = inp.method;
    this.rawQuery = inp.rawQuery;
    this.hostHeader = this.headers.get('host');
  }

  /** Applies a filter that may stand on a rule or on a backendRef; false for a filter of any other type. */
  public apply(f: HTTPRouteFilter): boolean {
    switch (f.type) {
      case 'RequestHeaderModifier':
        this.modifyRequestHeaders(f.requestHeaderModifier);
        return true;
      case 'ResponseHeaderModifier':
        this.responseMods.push(f.responseHeaderModifier);
        return true;
      case 'URLRewrite':
        this.rewrite(f.urlRewrite);
        return true;
      case 'RequestMirror':
        this.mirror(f);
        return true;
      default:
        return false;
    }
  }

  private modifyRequestHeaders(modifier: HTTPHeaderFilter | undefined): void {
    applyHeaderModifier(this.headers, modifier);
    const h = this.headers.get('host');
    if (h !== undefined && h !== this.hostHeader) this.host = h;
    this.hostHeader = h;
  }

  private rewrite(rewrite: HTTPURLRewriteFilter | undefined): void {
    if (rewrite?.hostname) {
      this.host = rewrite.hostname;
      if (this.headers.has('host')) this.headers.set('host', rewrite.hostname);
      this.hostHeader = this.headers.get('host');
    }
    this.path = modifyPath(this.path, rewrite?.path, this.matchedPrefix);
  }

  private mirror(f: HTTPRouteFilter): void {
    const mirror = f.requestMirror;
    if (!mirror?.backendRef) return;
    const r = this.route.backends.get(mirror.backendRef);
    if (!r || !r.ok) return;
    this.mirrors.push({ namespace: r.namespace, name: r.name, port: r.port, fraction: mirrorFraction(mirror) });
  }
}

/** Applies the rule of entry `e` to the request: an answer from a filter, or the backend's. */
export function applyRule(ctx: HttpContext, req: HttpRequest, e: HttpEntry, inp: RuleInput): HttpResult {
  const rule = httpRouteSpec(e.route.obj.obj).rules![e.rule];
  const matchedPrefix = e.compiled.pathType === 'PathPrefix' ? e.compiled.pathValue : undefined;
  const fwd = new RequestInFlight(inp, e.route, matchedPrefix);
  const response = Headers.from(req.backendResponseHeaders);
  const base: ResultBase = { listener: inp.listenerRef, route: routeDecision(e.route, e.rule, e.match), dependsOnDocumentOrder: inp.dependsOnDocumentOrder, explanation: inp.explanation };
  for (const f of rule.filters ?? []) {
    if (fwd.apply(f)) continue;
    const answer = ruleFilterAnswer(f, fwd, inp, base, matchedPrefix);
    if (answer) return answer;
  }
  return forward(ctx, req, e, rule, fwd, (status, outcome, target) => respond(fwd, response, base, status, outcome, target), base.explanation, inp.listenerRef.gateway);
}

/** A filter only a rule has: CORS (answers a preflight), RequestRedirect, and those the plane refuses with a 500. */
function ruleFilterAnswer(f: HTTPRouteFilter, fwd: RequestInFlight, inp: RuleInput, base: ResultBase, matchedPrefix: string | undefined): HttpResult | undefined {
  const { explanation } = inp;
  switch (f.type) {
    case 'CORS': {
      const c = evaluateCors(f.cors ?? {}, inp.method, inp.headers);
      fwd.corsHeaders = c.headers;
      if (!c.preflight) return undefined;
      explanation.push(`CORS preflight answered by the Gateway${Object.keys(c.headers).length ? '' : ' (origin not allowed: no CORS headers)'}`);
      const rh = new Headers();
      for (const [k, v] of Object.entries(c.headers)) rh.set(k, v);
      return { ...base, outcome: 'direct-response', status: 200, responseHeaders: rh.toObject(), mirrors: fwd.mirrors };
    }
    case 'RequestRedirect': {
      const location = redirectLocation(f.requestRedirect ?? {}, { scheme: inp.scheme, host: inp.host, path: inp.path, rawQuery: inp.rawQuery, listenerPort: inp.listener.port }, matchedPrefix);
      const status = redirectStatus(f.requestRedirect);
      explanation.push(`RequestRedirect: ${status} to ${location}`);
      const rh = new Headers();
      rh.set('location', location);
      return { ...base, outcome: 'redirect', status, location, responseHeaders: rh.toObject(), mirrors: fwd.mirrors };
    }
    case 'ExtensionRef':
      explanation.push(`ExtensionRef filter ${f.extensionRef?.group}/${f.extensionRef?.kind} ${f.extensionRef?.name} is not supported by the in-memory data plane: 500`);
      return { ...base, outcome: 'direct-response', status: 500, responseHeaders: {}, mirrors: fwd.mirrors };
    default:
      // ExternalAuth (experimental) and any filter type the plane does not model: refused, never ignored.
      explanation.push(`${f.type} filter is not implemented by the in-memory data plane: 500`);
      return { ...base, outcome: 'direct-response', status: 500, responseHeaders: {}, mirrors: fwd.mirrors };
  }
}

/** How the rule's outcome is answered: the status, and the backend and exchange when the request reached one. */
type Respond = (status: number, outcome: 'forwarded' | 'direct-response', target?: { backend: BackendTarget; request: ForwardedRequest; attempts: number }) => HttpResult;

/** The result once the response header modifiers and CORS headers are applied to the backend's response. */
function respond(
  fwd: RequestInFlight, response: Headers, base: ResultBase,
  status: number, outcome: 'forwarded' | 'direct-response', target?: { backend: BackendTarget; request: ForwardedRequest; attempts: number },
): HttpResult {
  for (const m of fwd.responseMods) applyHeaderModifier(response, m);
  for (const k in fwd.corsHeaders) response.set(k, fwd.corsHeaders[k]);
  return {
    outcome,
    status,
    backend: target?.backend,
    request: target?.request,
    responseHeaders: response.toObject(),
    mirrors: fwd.mirrors,
    listener: base.listener,
    route: base.route,
    dependsOnDocumentOrder: base.dependsOnDocumentOrder,
    attempts: target?.attempts,
    explanation: base.explanation,
  };
}

/** Chooses a backendRef by weight, applies its filters, checks its BackendTLSPolicy and sends the request. */
function forward(ctx: HttpContext, req: HttpRequest, e: HttpEntry, rule: HTTPRouteRule, fwd: RequestInFlight, finish: Respond, explanation: string[], gateway: string): HttpResult {
  const backends: HTTPBackendRef[] = rule.backendRefs ?? [];
  const idx = pickBackend(backends, ctx.random(req.seed));
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
  const refused = applyBackendFilters(chosen, fwd);
  if (refused) {
    // A backend-level filter the plane does not model (ExtensionRef, ExternalAuth, ...): refused, never ignored.
    explanation.push(`backend-level ${refused.type} filter on ${chosen.name} is not implemented by the in-memory data plane: 500`);
    return finish(500, 'direct-response');
  }
  const tls = backendTls(ctx, res, explanation, gateway);
  if (tls.failed !== undefined) return finish(tls.failed, 'direct-response');
  const { policy } = tls;
  const appProtocol = (res.service?.obj.spec?.ports ?? []).find((p) => p?.port === res.port)?.appProtocol;
  const request: ForwardedRequest = {
    host: fwd.host,
    path: fwd.path + (fwd.rawQuery ? `?${fwd.rawQuery}` : ''),
    method: fwd.method,
    headers: fwd.headers.toObject(),
    ...(policy ? { sni: policy.obj.obj.spec.validation?.hostname } : {}),
    protocol: backendProtocol(appProtocol, policy !== undefined),
  };
  explanation.push(`forwarded to Service ${res.namespace}/${res.name}:${res.port} over ${request.protocol}${backendsTakingTraffic(backends) > 1 ? ` (weight ${backendWeight(backends[idx])} of ${backends.reduce((a, b) => a + backendWeight(b), 0)}, ${formatShare(backendShares(backends)[idx])})` : ''}`);
  const ex = exchange(rule, { latency: req.backendLatency, statuses: req.backendStatuses });
  if (ex.attempts > 1 || ex.status !== 200) explanation.push(...ex.log);
  const backend: BackendTarget = { namespace: res.namespace, name: res.name, port: res.port };
  return finish(ex.status, ex.timedOut ? 'direct-response' : 'forwarded', { backend, request, attempts: ex.attempts });
}

/** Applies the chosen backendRef's filters in order; returns the first the plane does not model (the request then fails). */
function applyBackendFilters(chosen: HTTPBackendRef, fwd: RequestInFlight): HTTPRouteFilter | undefined {
  for (const f of chosen.filters ?? []) {
    if (!fwd.apply(f)) return f;
  }
  return undefined;
}

/**
 * The BackendTLSPolicy of the chosen Service port, or the status the request
 * fails with: 500 when policies target the port but none is accepted, 503
 * when the backend's certificate does not pass the policy's validation.
 */
function backendTls(ctx: HttpContext, res: BackendResolution, explanation: string[], gateway: string): { policy?: PolicyState; failed?: number } {
  const tls = res.service ? ctx.controller.backendTlsPolicyFor(res.namespace, res.service, res.port) : { invalid: false, policy: undefined };
  if (tls.invalid) {
    explanation.push(`Service ${res.namespace}/${res.name}:${res.port} is targeted by a BackendTLSPolicy that is not accepted: the Gateway cannot verify the backend, 500`);
    return { failed: 500 };
  }
  const policy = tls.policy;
  if (policy?.overflow.has(gateway)) {
    explanation.push(`BackendTLSPolicy ${policy.obj.namespace}/${policy.obj.name} already lists 16 ancestor Gateways and cannot take ${gateway}: the policy is unimplementable here, 500`);
    return { failed: 500 };
  }
  if (!policy || !res.service) return { policy };
  const problem = backendTlsProblem(ctx, policy, res.service);
  if (problem) {
    explanation.push(`BackendTLSPolicy ${policy.obj.namespace}/${policy.obj.name}: ${problem}; the TLS handshake to the backend fails: 503`);
    return { failed: 503 };
  }
  return { policy };
}

/** Why the Service's serving certificate fails the policy's validation (`''` when it passes), computed once per policy and Service. */
function backendTlsProblem(ctx: HttpContext, policy: PolicyState, service: StoredObject<StoredKinds['Service']>): string {
  const cacheKey = `${policy.obj.namespace}/${policy.obj.name}|${service.name}`;
  let problem = ctx.controller.backendTlsProblems.get(cacheKey);
  if (problem === undefined) {
    const cert = servingCertificate(ctx.controller.store, service);
    problem = (cert ? backendCertificateProblem(cert, policyCaCertificates(ctx.controller.store, policy.obj), policy.obj.obj.spec.validation) : undefined) ?? '';
    ctx.controller.backendTlsProblems.set(cacheKey, problem);
  }
  return problem;
}
