import { routeSpec } from './stored-kinds';
import { hostnameMatches, hostnameRank } from '../model';
import { ControllerState, ListenerState, RouteState } from './controller';
import { GrpcEntry, specificity as grpcSpecificity } from './grpc-engine';
import { HttpEntry } from './http-engine';
import { CompiledHttpMatch, ValueMatcher, compareHttpMatchSpecificity, describeHttpMatch, pathHasPrefix } from './http-match';
import { listenersOnPort } from './listener-selection';
import { ageDependsOnDocumentOrder, compareAge } from './object-store';
import type { RouteDecision } from './requests';
import { routeDecision } from './route-rules';
import { HostnameTable } from './route-table';

/** The plane's reconciled state and (cached) route tables, as the analyses of this module read them. */
export interface LoadedRoutes {
  /** The reconciled state. */
  readonly controller: ControllerState;
  /** HTTPRoute entries of a listener, by hostname, in precedence order. */
  httpTable(l: ListenerState): HostnameTable<HttpEntry>;
  /** GRPCRoute entries of a listener, by hostname, in precedence order. */
  grpcTable(l: ListenerState): HostnameTable<GrpcEntry>;
  /** TLSRoutes of a listener, by hostname, oldest first. */
  tlsTable(l: ListenerState): HostnameTable<RouteState>;
  /** The objects `assumeMissing` stood in for (empty without it). */
  readonly assumed: readonly { readonly kind: string; readonly namespace?: string; readonly name: string }[];
}

/**
 * One match of one route rule: the route, rule and match as a
 * {@link RouteDecision} names them (`match` is absent for TLS, TCP and UDP
 * routes, which have no matches), with the match in words.
 */
export interface RouteRuleRef extends RouteDecision {
  /** The match in one line, e.g. `PathPrefix /api, GET, header x-env=prod`. */
  readonly matches: string;
}

/** What takes the traffic a shadowed rule would get: a rule that takes precedence, or a listener that is more specific. */
export interface ShadowCause {
  /** The rule (match) that wins every request the shadowed one matches. @default - absent when a listener is the cause */
  readonly rule?: RouteRuleRef;
  /** The listener that takes every request for the shadowed hostname. @default - absent when a rule is the cause */
  readonly listener?: { readonly gateway: string; readonly name: string; readonly hostname?: string };
}

/**
 * A route rule (or one match of it) that can never win on a listener and
 * hostname, because something else takes every request it matches.
 */
export interface ShadowedRule {
  /** `namespace/name` of the Gateway. */
  readonly gateway: string;
  /** Listener name. */
  readonly listener: string;
  /** The hostname bucket, `*` for every host. */
  readonly hostname: string;
  /** The rule (match) that never wins. */
  readonly shadowed: RouteRuleRef;
  /** What wins instead. */
  readonly shadowedBy: ShadowCause;
  /** Why the cause takes the traffic, in words, e.g. `it matches every request this one matches and comes first: a PathPrefix path match ranks above a RegularExpression one`. */
  readonly reason: string;
  /** True when the order between the two was decided by document order (neither route has a creationTimestamp). */
  readonly dependsOnDocumentOrder: boolean;
  /** True when every match of the rule is shadowed on every listener and hostname the rule serves: the rule is dead. */
  readonly ruleNeverWins: boolean;
}

/** `namespace/name` of a listener's Gateway. */
function gatewayOf(l: ListenerState): string {
  return `${l.gateway.obj.namespace}/${l.gateway.obj.name}`;
}

/** The reference of a rule (or match) of a route. */
export function ruleRef(route: RouteState, rule: number, match: number | undefined, matches: string): RouteRuleRef {
  return { ...routeDecision(route, rule, match), matches };
}

/** `HTTPRoute apps/api rule 1 (name) match 0 [PathPrefix /]`. */
export function formatRuleRef(r: RouteRuleRef): string {
  return `${r.kind} ${r.namespace}/${r.name} rule ${r.rule}${r.ruleName ? ` (${r.ruleName})` : ''}${r.match !== undefined ? ` match ${r.match}` : ''} [${r.matches}]`;
}

/** Describes a gRPC match in one line. */
export function describeGrpcEntry(e: GrpcEntry): string {
  const op = e.type === 'Exact' ? '' : '~';
  const parts = [`${e.type === 'Exact' ? 'Exact' : 'RegularExpression'} ${e.service === undefined ? '*' : `${op}${e.service}`}/${e.method === undefined ? '*' : `${op}${e.method}`}`];
  for (const h of e.headers) parts.push(`header ${h.name}${h.type === 'Exact' ? '=' : '~'}${h.value}`);
  return parts.join(', ');
}

/** Whether every value matching `b` matches `a` (a header or query condition). */
function valueCovers(a: ValueMatcher, b: ValueMatcher): boolean {
  if (a.type === 'Exact') return b.type === 'Exact' && a.value === b.value;
  return b.type === 'Exact' ? a.re!.matches(b.value) : a.value === b.value;
}

function conditionsCover(a: readonly ValueMatcher[], b: readonly ValueMatcher[], sameName: (x: string, y: string) => boolean): boolean {
  return a.every((ac) => b.some((bc) => sameName(ac.name, bc.name) && valueCovers(ac, bc)));
}

/**
 * Whether every request that HTTP match `b` matches is also matched by `a`.
 * Conservative: it answers false when coverage cannot be decided (e.g. a
 * prefix against a regular expression other than `/`).
 */
export function httpMatchCovers(a: CompiledHttpMatch, b: CompiledHttpMatch): boolean {
  let path: boolean;
  if (a.pathType === 'Exact') {path = b.pathType === 'Exact' && a.pathValue === b.pathValue;} else if (a.pathType === 'PathPrefix') {
    if (b.pathType === 'Exact') path = pathHasPrefix(b.pathValue, a.prefix);
    else if (b.pathType === 'PathPrefix') path = a.prefix === '' || (b.prefix !== '' && pathHasPrefix(b.prefix, a.prefix));
    else path = a.prefix === '';
  } else {
    path = b.pathType === 'Exact' ? a.pathRe!.matches(b.pathValue) : b.pathType === 'RegularExpression' && a.pathValue === b.pathValue;
  }
  if (!path) return false;
  if (a.method && a.method !== b.method) return false;
  return conditionsCover(a.headers, b.headers, (x, y) => x.toLowerCase() === y.toLowerCase())
    && conditionsCover(a.query, b.query, (x, y) => x === y);
}

function grpcFieldCovers(type: 'Exact' | 'RegularExpression', value: string | undefined, re: { matches(s: string): boolean } | undefined, bType: string, bValue: string | undefined): boolean {
  if (value === undefined) return true;
  if (bValue === undefined) return false;
  if (type === 'Exact') return bType === 'Exact' && value === bValue;
  return bType === 'Exact' ? re!.matches(bValue) : value === bValue;
}

/** Whether every call that gRPC match `b` matches is also matched by `a` (conservative, as {@link httpMatchCovers}). */
function grpcMatchCovers(a: GrpcEntry, b: GrpcEntry): boolean {
  return grpcFieldCovers(a.type, a.service, a.serviceRe, b.type, b.service)
    && grpcFieldCovers(a.type, a.method, a.methodRe, b.type, b.method)
    && conditionsCover(a.headers, b.headers, (x, y) => x.toLowerCase() === y.toLowerCase());
}

/** Why `winner` comes before `loser` among routes of one hostname, in words; `specificity` says how the winner is more specific, if it is. */
function precedenceReason(winner: { route: RouteState; rule: number; match?: number }, loser: { route: RouteState; rule: number; match?: number }, specificity: string | undefined): string {
  if (specificity) return specificity;
  if (winner.route !== loser.route) {
    const w = winner.route.obj;
    const l = loser.route.obj;
    if (w.created !== undefined && l.created !== undefined && w.created !== l.created) return `equally specific, and its route is older (creationTimestamp ${new Date(w.created).toISOString()} before ${new Date(l.created).toISOString()})`;
    if (w.created !== undefined && l.created === undefined) return 'equally specific, and its route has a creationTimestamp while this one has none';
    if (ageDependsOnDocumentOrder(w, l)) return 'equally specific, and its route comes first in document order (neither route has a creationTimestamp)';
    return `equally specific and equally old, and its route ${w.namespace}/${w.name} comes first alphabetically`;
  }
  if (winner.rule !== loser.rule) return `equally specific, and it is an earlier rule (${winner.rule}) of the same route`;
  return `equally specific, and it is an earlier match (${winner.match}) of the same rule`;
}

/** How HTTP match `a` is more specific than `b`, in words (undefined when equally specific). */
function httpSpecificityReason(a: CompiledHttpMatch, b: CompiledHttpMatch): string | undefined {
  if (compareHttpMatchSpecificity(a, b) >= 0) return undefined;
  if (a.pathType !== b.pathType) return `a ${a.pathType} path match ranks above a ${b.pathType} one`;
  if (a.pathType === 'PathPrefix' && a.prefix.length !== b.prefix.length) return `its path prefix ${a.pathValue} is longer than ${b.pathValue}`;
  if (!!a.method !== !!b.method) return 'it matches the method';
  if (a.headers.length !== b.headers.length) return `it has more header matches (${a.headers.length} against ${b.headers.length})`;
  return `it has more query parameter matches (${a.query.length} against ${b.query.length})`;
}

function grpcSpecificityReason(a: GrpcEntry, b: GrpcEntry): string | undefined {
  if (grpcSpecificity(a, b) >= 0) return undefined;
  if ((a.service?.length ?? 0) !== (b.service?.length ?? 0)) return 'its service match is longer';
  if ((a.method?.length ?? 0) !== (b.method?.length ?? 0)) return 'its method match is longer';
  return `it has more header matches (${a.headers.length} against ${b.headers.length})`;
}

/** Whether a hostname pattern `outer` (undefined = every host) covers every host of `inner`. */
function patternCovers(outer: string | undefined, inner: string | undefined): boolean {
  if (!outer) return true;
  if (!inner) return false;
  return hostnameMatches(outer, inner);
}

/**
 * The listener that takes every request for `hostname` (a bucket of `l`)
 * instead of `l`: a ready listener of the same Gateway, port and protocol
 * whose hostname covers the bucket and is more specific than `l`'s.
 */
function listenerTakingHostname(l: ListenerState, hostname: string | undefined): ListenerState | undefined {
  const pattern = hostname ?? l.hostname;
  let best: ListenerState | undefined;
  for (const m of listenersOnPort(l.gateway, l.port)) {
    if (m === l || !m.ready || m.protocol !== l.protocol) continue;
    if (hostnameRank(m.hostname) <= hostnameRank(l.hostname) || !patternCovers(m.hostname, pattern)) continue;
    if (!best || hostnameRank(m.hostname) > hostnameRank(best.hostname)) best = m;
  }
  return best;
}

interface Finding {
  gateway: string;
  listener: string;
  hostname: string;
  route: RouteState;
  shadowed: RouteRuleRef;
  shadowedBy: ShadowCause;
  reason: string;
  dependsOnDocumentOrder: boolean;
}

/**
 * Every route rule (match) that can never win, on every listener and
 * hostname it serves, with what takes its traffic and why:
 *
 * - an HTTPRoute or GRPCRoute match when an entry ahead of it in precedence,
 *   in the same hostname bucket, matches every request it matches (a
 *   duplicate, a catch-all `PathPrefix /` ahead of regular expressions, ...);
 * - every entry of a hostname bucket that a more specific listener of the
 *   same Gateway and port takes (a route for `a.example.com` on a `*.example.com`
 *   listener when an `a.example.com` listener exists);
 * - a TLSRoute that an older TLSRoute with the same hostname precedes, and
 *   every TCPRoute/UDPRoute of a listener but the oldest.
 *
 * The analysis is conservative: a rule is reported only when it provably
 * never wins. Results are sorted by Gateway, listener, hostname and rank.
 */
export function findShadowedRules(loaded: LoadedRoutes): ShadowedRule[] {
  const findings: Finding[] = [];
  const served = new Map<string, { total: number; shadowed: number }>();
  const count = (route: RouteState, rule: number, shadowed: boolean) => {
    const key = `${route.kind}/${route.obj.namespace}/${route.obj.name}#${rule}`;
    const c = served.get(key) ?? { total: 0, shadowed: 0 };
    c.total++;
    if (shadowed) c.shadowed++;
    served.set(key, c);
  };
  const gateways = [...loaded.controller.gateways.values()].sort((a, b) => `${a.obj.namespace}/${a.obj.name}`.localeCompare(`${b.obj.namespace}/${b.obj.name}`));
  for (const gw of gateways) {
    for (const l of gw.serving) {
      if (!l.ready) continue;
      const base = { gateway: gatewayOf(l), listener: l.name };
      if (l.protocol === 'HTTP' || l.protocol === 'HTTPS') {
        for (const bucket of loaded.httpTable(l).all()) {
          analyseBucket(bucket, l, base, findings, count,
            (e) => ({ route: e.route, rule: e.rule, match: e.match }),
            (e) => ruleRef(e.route, e.rule, e.match, describeHttpMatch(e.compiled)),
            (a, b) => httpMatchCovers(a.compiled, b.compiled),
            (a, b) => httpSpecificityReason(a.compiled, b.compiled));
        }
        for (const bucket of loaded.grpcTable(l).all()) {
          analyseBucket(bucket, l, base, findings, count,
            (e) => ({ route: e.route, rule: e.rule, match: e.match }),
            (e) => ruleRef(e.route, e.rule, e.match, describeGrpcEntry(e)),
            grpcMatchCovers,
            grpcSpecificityReason);
        }
      } else if (l.protocol === 'TLS') {
        for (const bucket of loaded.tlsTable(l).all()) {
          const entries = bucket.entries.map((r) => ({ route: r }));
          analyseBucket({ hostname: bucket.hostname, entries }, l, base, findings, (r, _rule, s) => allRules(r, s, count),
            (e) => ({ route: e.route, rule: 0 }),
            (e) => ruleRef(e.route, 0, undefined, 'every connection'),
            () => true, () => undefined, true);
        }
      } else if (l.protocol === 'TCP' || l.protocol === 'UDP') {
        const kind = l.protocol === 'TCP' ? 'TCPRoute' : 'UDPRoute';
        const routes = [...new Set(l.attachments.filter((a) => a.route.kind === kind).map((a) => a.route))].sort((a, b) => compareAge(a.obj, b.obj));
        analyseBucket({ hostname: undefined, entries: routes.map((r) => ({ route: r })) }, l, base, findings, (r, _rule, s) => allRules(r, s, count),
          (e) => ({ route: e.route, rule: 0 }),
          (e) => ruleRef(e.route, 0, undefined, 'every connection'),
          () => true, () => undefined, true);
      }
    }
  }
  return findings.map((f) => {
    const c = served.get(`${f.route.kind}/${f.route.obj.namespace}/${f.route.obj.name}#${f.shadowed.rule}`);
    return {
      gateway: f.gateway,
      listener: f.listener,
      hostname: f.hostname,
      shadowed: f.shadowed,
      shadowedBy: f.shadowedBy,
      reason: f.reason,
      dependsOnDocumentOrder: f.dependsOnDocumentOrder,
      ruleNeverWins: c !== undefined && c.shadowed === c.total,
    };
  });
}

function allRules(route: RouteState, shadowed: boolean, count: (route: RouteState, rule: number, shadowed: boolean) => void): void {
  const rules = routeSpec(route.obj.obj)?.rules ?? [];
  for (let i = 0; i < Math.max(rules.length, 1); i++) count(route, i, shadowed);
}

function analyseBucket<E>(
  bucket: { hostname: string | undefined; entries: readonly E[] },
  l: ListenerState,
  base: { gateway: string; listener: string },
  findings: Finding[],
  count: (route: RouteState, rule: number, shadowed: boolean) => void,
  key: (e: E) => { route: RouteState; rule: number; match?: number },
  ref: (e: E) => RouteRuleRef,
  covers: (a: E, b: E) => boolean,
  moreSpecific: (a: E, b: E) => string | undefined,
  firstTakesAll = false,
): void {
  const hostname = bucket.hostname ?? '*';
  const taker = listenerTakingHostname(l, bucket.hostname);
  bucket.entries.forEach((e, i) => {
    const k = key(e);
    if (taker) {
      findings.push({
        ...base,
        hostname,
        route: k.route,
        shadowed: ref(e),
        shadowedBy: { listener: { gateway: gatewayOf(taker), name: taker.name, ...(taker.hostname ? { hostname: taker.hostname } : {}) } },
        reason: `its hostname ${taker.hostname ?? '*'} is more specific than listener ${l.name}'s (${l.hostname ?? '*'}), so it takes every ${l.protocol === 'TLS' ? 'connection' : 'request'} for ${hostname}`,
        dependsOnDocumentOrder: false,
      });
      count(k.route, k.rule, true);
      return;
    }
    const winner = firstTakesAll ? (i > 0 ? bucket.entries[0] : undefined) : bucket.entries.slice(0, i).find((a) => covers(a, e));
    if (winner === undefined) {
      count(k.route, k.rule, false);
      return;
    }
    const w = key(winner);
    const specific = moreSpecific(winner, e);
    const dependsOnDocumentOrder = w.route !== k.route && !specific && ageDependsOnDocumentOrder(w.route.obj, k.route.obj);
    const what = firstTakesAll
      ? (l.protocol === 'TCP' || l.protocol === 'UDP' ? `it takes every connection to listener ${l.name}` : `it takes every connection for ${hostname}`)
      : 'it matches every request this one matches';
    findings.push({
      ...base,
      hostname,
      route: k.route,
      shadowed: ref(e),
      shadowedBy: { rule: ref(winner) },
      reason: `${what} and comes first: ${precedenceReason(w, k, specific)}`,
      dependsOnDocumentOrder,
    });
    count(k.route, k.rule, true);
  });
}

/** What takes a shadowed rule's traffic, in a few words: a rule reference or `listener <name> (hostname <h>)`. */
export function formatShadowCause(c: ShadowCause): string {
  if (c.rule) return formatRuleRef(c.rule);
  return `listener ${c.listener!.name} (hostname ${c.listener!.hostname ?? '*'})`;
}

/** One line per finding: `Gateway <gw> listener <l> host <h>: <shadowed> never wins: <cause> takes its traffic: <reason>`. */
export function formatShadowedRule(f: ShadowedRule): string {
  return `Gateway ${f.gateway} listener ${f.listener} host ${f.hostname}: ${formatRuleRef(f.shadowed)} never wins: ${formatShadowCause(f.shadowedBy)} takes its traffic; ${f.reason}`;
}
