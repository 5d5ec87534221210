import { ControllerState, ListenerState, RouteState } from './controller';
import { Headers } from './headers';
import { CompiledHttpMatch, HttpMatchProgram, compareHttpMatchSpecificity, describeHttpMatch, httpMatchFailure, splitPath } from './http-match';
import { applyRule } from './http-rule';
import { bestListener, listenerForSni, listenersOnPort, selectGateway, stripPort } from './listener-selection';
import { ageDependsOnDocumentOrder, compareAge } from './object-store';
import { partiallyInvalidNotes } from './partially-invalid';
import { HttpRequest, HttpResult, MirrorTarget } from './requests';
import { gatewayRootCause, listenerRootCause, withCause } from './root-cause';
import { HostnameTable } from './route-table';
import { httpRouteSpec } from './stored-kinds';
import type { HTTPRouteMatch } from '../../generated/experimental';

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

/**
 * An entry as the routing tables hold it: the compiled match itself, with
 * the route, rule and match it came from (one object per match, not an
 * entry pointing at a separate compiled match).
 */
class HttpMatchEntry extends HttpMatchProgram implements HttpEntry {
  public constructor(public readonly route: RouteState, public readonly rule: number, public readonly match: number, m: HTTPRouteMatch) {
    super(m);
  }

  /** The compiled match: the entry itself. */
  public get compiled(): CompiledHttpMatch {
    return this;
  }
}

/** The match of a rule without matches. */
const DEFAULT_MATCHES: readonly HTTPRouteMatch[] = [{ path: { type: 'PathPrefix', value: '/' } }];

/** Compiles a route's rules into entries (one per match; a rule without matches has the default `PathPrefix /`). */
export function compileHttpRoute(route: RouteState): HttpEntry[] {
  const out: HttpEntry[] = [];
  (httpRouteSpec(route.obj.obj).rules ?? []).forEach((rule, ri) => {
    if (route.droppedRules.has(ri)) return;
    const matches: readonly HTTPRouteMatch[] = rule.matches && rule.matches.length > 0 ? rule.matches : DEFAULT_MATCHES;
    matches.forEach((m, mi) => out.push(new HttpMatchEntry(route, ri, mi, m)));
  });
  // An exact-size copy: the plane keeps this list per route, and an array grown by push keeps spare room.
  return out.slice();
}

/** The spec's precedence between two entries of one hostname bucket. */
function compareHttpEntries(a: HttpEntry, b: HttpEntry): number {
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
    if (!byHost) {
      explanation.push(`Host ${host ?? '(none)'} matches no HTTPS listener of ${gwName} on port ${port} (not even ${listener.name}, which the SNI selected): 404`);
      return { ...base, outcome: 'no-route', status: 404, listener: { gateway: gwName, name: listener.name } };
    }
    if (byHost !== listener) {
      explanation.push(`Host ${host ?? '(none)'} belongs to listener ${byHost.name}, not the one the TLS connection was made for: 421 Misdirected Request`);
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
  return applyRule(ctx, req, winner, { scheme, host, rawHost: req.host, path, rawQuery, method, headers, listener, listenerRef, dependsOnDocumentOrder, explanation });
}
