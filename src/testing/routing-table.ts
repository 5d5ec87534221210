import { GATEWAY_API_GROUP, ROUTE_KINDS, backendShares, isConnectionRoute, backendWeight, formatShare, isGatewayParent, normalizeParentRef } from '../model';
import { ListenerState, RouteState } from './controller';
import { specificity as grpcSpecificity } from './grpc-engine';
import { mirrorFraction, redirectStatus } from './http-filters';
import { compareHttpMatchSpecificity, describeHttpMatch } from './http-match';
import { ageDependsOnDocumentOrder, compareAge } from './object-store';
import { LoadedRoutes, RouteRuleRef, ShadowedRule, describeGrpcEntry, findShadowedRules, formatShadowCause, ruleRef } from './shadowing';
import { AnyBackendRef, AnyRouteFilter, AnyRouteRule, routeSpec } from './stored-kinds';
import type { HTTPHeaderFilter, HTTPPathModifier, HTTPRequestRedirectFilter, HTTPRouteFilter } from '../../generated/experimental';

/** Options of {@link DataPlane.routingTable}. */
export interface RoutingTableOptions {
  /**
   * `text`: a stable, readable string for `toMatchSnapshot()` and code review;
   * `json`: the same content as a {@link RoutingTable} object.
   * @default 'text'
   */
  readonly format?: 'text' | 'json';
}

/** A backend of a routing table entry. */
export interface RoutingTableBackend {
  /** `namespace/name:port` for a Service, `group/Kind namespace/name:port` otherwise. */
  readonly target: string;
  /** The backendRef's weight. */
  readonly weight: number;
  /** Share of the rule's requests, 0 to 1 (weight over the sum of weights). */
  readonly fraction: number;
  /** Why the backend cannot take traffic (requests sent to it fail), when it cannot. @default - absent when the backend can take traffic */
  readonly invalid?: string;
  /** Backend-level filters, one line each. @default - absent when the backendRef has no filters */
  readonly filters?: string[];
}

/** One match of one route rule on one listener and hostname, in precedence order. */
export interface RoutingTableEntry {
  /** 1-based position in the hostname's precedence order. */
  readonly rank: number;
  /** The rule and match. */
  readonly rule: RouteRuleRef;
  /** Rule-level filters, one line each (header changes, rewrites, mirrors, CORS, ...). */
  readonly filters: string[];
  /** Backends with weights; empty for a redirect. */
  readonly backends: RoutingTableBackend[];
  /** The redirect the rule answers with, when it redirects. @default - absent when the rule does not redirect */
  readonly redirect?: { readonly status: number; readonly to: string };
  /** What a request gets when the rule has no usable backend (`500`, `UNAVAILABLE`). @default - absent when the rule has a usable backend or redirects */
  readonly failure?: string;
  /** Timeouts and retries of the rule, one line each. @default - absent when the rule sets no timeouts or retries */
  readonly policies?: string[];
  /** When the entry can never win: what takes its traffic, and why. @default - absent when the entry can win */
  readonly shadowed?: { readonly by: string; readonly reason: string };
  /** True when its place relative to the entry before it was decided by document order (no creationTimestamp on either route). @default - absent when its order does not depend on document order */
  readonly orderFromDocuments?: boolean;
}

/** The entries of one hostname of a listener. */
export interface RoutingTableHost {
  /** Hostname (`*.example.com` for a wildcard), or `*` for every host. */
  readonly hostname: string;
  /** Route kind of the entries: `HTTPRoute`, `GRPCRoute`, `TLSRoute`, `TCPRoute` or `UDPRoute`. */
  readonly kind: string;
  /** Entries, highest precedence first. */
  readonly entries: RoutingTableEntry[];
}

/** One listener of a Gateway (its own or from a ListenerSet). */
export interface RoutingTableListener {
  /** Listener name. */
  readonly name: string;
  /** Port. */
  readonly port: number;
  /** Protocol. */
  readonly protocol: string;
  /** Hostname; absent for every host. @default - every hostname */
  readonly hostname?: string;
  /** TLS mode of HTTPS/TLS listeners. @default - absent for HTTP, TCP and UDP listeners */
  readonly tlsMode?: string;
  /** `namespace/name` of the ListenerSet that declares it, when not the Gateway. @default - absent for the Gateway's own listeners */
  readonly listenerSet?: string;
  /** Why the listener takes no traffic, when it does not. @default - absent when the listener takes traffic */
  readonly notReady?: string;
  /** Routes by hostname. */
  readonly hosts: RoutingTableHost[];
}

/** A Gateway of the routing table. */
export interface RoutingTableGateway {
  /** Namespace. */
  readonly namespace: string;
  /** Name. */
  readonly name: string;
  /** `spec.gatewayClassName`. */
  readonly gatewayClassName: string;
  /** Why the Gateway takes no traffic (not Programmed), when it does not. @default - absent when the Gateway is Programmed */
  readonly notProgrammed?: string;
  /** Listeners sorted by port, protocol, hostname and name. */
  readonly listeners: RoutingTableListener[];
}

/** A route that is not attached to some or all of its parents. */
export interface RoutingTableUnattachedRoute {
  /** Route kind. */
  readonly kind: string;
  /** Namespace. */
  readonly namespace: string;
  /** Name. */
  readonly name: string;
  /** One line per parentRef that did not accept the route: the parent and the reason. */
  readonly reasons: string[];
}

/** Every Gateway, listener, hostname and route rule the plane routes with, as data. */
export interface RoutingTable {
  /** Gateways the plane reconciles, sorted by namespace/name. */
  readonly gateways: RoutingTableGateway[];
  /** Routes not attached to some or all of their parents, sorted by kind, namespace and name. */
  readonly unattached: RoutingTableUnattachedRoute[];
  /** Other facts that explain the table (Gateways not reconciled, order decided by documents, assumed objects). */
  readonly notes: string[];
  /** Every rule that can never win (also marked on its entry). */
  readonly shadowed: ShadowedRule[];
}

const pct = formatShare;

function headerChanges(m: HTTPHeaderFilter | undefined): string {
  const parts: string[] = [];
  for (const h of m?.set ?? []) parts.push(`set ${h.name}: ${h.value}`);
  for (const h of m?.add ?? []) parts.push(`add ${h.name}: ${h.value}`);
  for (const h of m?.remove ?? []) parts.push(`remove ${h}`);
  return parts.join(', ');
}

function pathModifier(p: HTTPPathModifier | undefined): string {
  if (!p) return '';
  return p.type === 'ReplaceFullPath' ? `path ${p.replaceFullPath}` : `path prefix -> ${p.replacePrefixMatch}`;
}

function backendName(route: RouteState, ref: Partial<AnyBackendRef>): string {
  const r = route.backends.get(ref);
  const group = r?.group ?? ref.group ?? '';
  const kind = r?.kind ?? ref.kind ?? 'Service';
  const ns = r?.namespace ?? ref.namespace ?? route.obj.namespace;
  const name = r?.name ?? ref.name;
  const port = r?.port ?? ref.port;
  const prefix = group === '' && kind === 'Service' ? '' : `${group ? `${group}/` : ''}${kind} `;
  return `${prefix}${ns}/${name}${port !== undefined ? `:${port}` : ''}`;
}

function describeFilter(route: RouteState, f: AnyRouteFilter): string {
  switch (f.type) {
    case 'RequestHeaderModifier': return `request headers: ${headerChanges(f.requestHeaderModifier)}`;
    case 'ResponseHeaderModifier': return `response headers: ${headerChanges(f.responseHeaderModifier)}`;
    case 'URLRewrite': return `rewrite ${[f.urlRewrite?.hostname ? `host ${f.urlRewrite.hostname}` : '', pathModifier(f.urlRewrite?.path)].filter(Boolean).join(', ')}`;
    case 'RequestMirror': {
      const fraction = mirrorFraction(f.requestMirror!);
      return `mirror to ${backendName(route, f.requestMirror?.backendRef ?? {})}${fraction < 1 ? ` (${pct(fraction)})` : ''}`;
    }
    case 'CORS': return `CORS: allow origins ${(f.cors?.allowOrigins ?? []).join(' ') || '(none)'}`;
    case 'ExtensionRef': return `extensionRef ${f.extensionRef?.group}/${f.extensionRef?.kind} ${f.extensionRef?.name} (not modelled by the plane: 500)`;
    default: return `${f.type} (not modelled by the plane: 500)`;
  }
}

function describeRedirect(r: HTTPRequestRedirectFilter | undefined): { status: number; to: string } {
  const parts: string[] = [];
  if (r?.scheme) parts.push(`scheme ${r.scheme}`);
  if (r?.hostname) parts.push(`host ${r.hostname}`);
  if (r?.port !== undefined) parts.push(`port ${r.port}`);
  if (r?.path) parts.push(pathModifier(r.path));
  return { status: redirectStatus(r), to: parts.length ? parts.join(', ') : 'the same URL' };
}

function describePolicies(rule: AnyRouteRule): string[] {
  const out: string[] = [];
  const t = rule?.timeouts;
  if (t?.request || t?.backendRequest) out.push(`timeouts: ${[t.request ? `request ${t.request}` : '', t.backendRequest ? `backend request ${t.backendRequest}` : ''].filter(Boolean).join(', ')}`);
  const r = rule?.retry;
  if (r) out.push(`retry: ${[r.attempts !== undefined ? `${r.attempts} attempts` : '', r.codes?.length ? `on ${r.codes.join(' ')}` : '', r.backoff ? `backoff ${r.backoff}` : ''].filter(Boolean).join(', ') || 'default'}`);
  if (rule?.sessionPersistence) out.push('session persistence');
  return out;
}

function backendsOf(route: RouteState, refs: readonly AnyBackendRef[]): RoutingTableBackend[] {
  const shares = backendShares(refs);
  return refs.map((b, i) => {
    const r = route.backends.get(b);
    const weight = backendWeight(b);
    const filters = (b.filters ?? []).map((f) => describeFilter(route, f));
    return {
      target: backendName(route, b),
      weight,
      fraction: shares[i],
      ...(r && !r.ok ? { invalid: `${r.reason}: ${r.message}` } : !r ? { invalid: 'not resolved' } : {}),
      ...(filters.length ? { filters } : {}),
    };
  });
}

function ruleEntry(route: RouteState, ref: RouteRuleRef, rank: number, rules: readonly AnyRouteRule[], failure: string): Omit<RoutingTableEntry, 'shadowed' | 'orderFromDocuments'> {
  const l4 = isConnectionRoute(route.kind);
  const rule: AnyRouteRule = rules[ref.rule] ?? {};
  const refs = l4 ? rules.flatMap((r) => r.backendRefs ?? []) : (rule.backendRefs ?? []);
  const filters = l4 ? [] : (rule.filters ?? []);
  const redirect = filters.find((f): f is HTTPRouteFilter => f.type === 'RequestRedirect');
  const backends = redirect ? [] : backendsOf(route, refs);
  const usable = backends.some((b) => b.fraction > 0 && b.invalid === undefined);
  const policies = describePolicies(rule);
  return {
    rank,
    rule: ref,
    filters: filters.filter((f) => f.type !== 'RequestRedirect').map((f) => describeFilter(route, f)),
    backends,
    ...(redirect ? { redirect: describeRedirect(redirect.requestRedirect) } : {}),
    ...(!redirect && !usable ? { failure: backends.length === 0 ? `no backendRefs: ${failure}` : backends.every((b) => b.fraction === 0) ? `every weight is 0: ${failure}` : `no valid backend: ${failure}` } : {}),
    ...(policies.length ? { policies } : {}),
  };
}

function listenerNotReady(l: ListenerState): string | undefined {
  if (l.ready) return undefined;
  const bad = l.conditions.list().find((c) => (c.type === 'Conflicted' ? c.status === 'True' : c.status === 'False'));
  return bad ? `${bad.type} ${bad.status}: ${bad.reason}: ${bad.message}` : 'not ready';
}

function shadowKey(gateway: string, listener: string, hostname: string, r: RouteRuleRef): string {
  return `${gateway}|${listener}|${hostname}|${r.kind}/${r.namespace}/${r.name}#${r.rule}.${r.match ?? ''}`;
}

function compareListeners(a: ListenerState, b: ListenerState): number {
  return a.port - b.port || a.protocol.localeCompare(b.protocol) || (a.hostname ?? '').localeCompare(b.hostname ?? '') || a.name.localeCompare(b.name)
    || `${a.owner.namespace}/${a.owner.name}`.localeCompare(`${b.owner.namespace}/${b.owner.name}`);
}

/** Builds the routing table of the plane's loaded state (see {@link DataPlane.routingTable}). */
export function buildRoutingTable(loaded: LoadedRoutes): RoutingTable {
  const ctl = loaded.controller;
  const shadowed = findShadowedRules(loaded);
  const byKey = new Map(shadowed.map((s) => [shadowKey(s.gateway, s.listener, s.hostname, s.shadowed), s]));
  const notes = new Set<string>();
  const gateways: RoutingTableGateway[] = [];
  const sortedGateways = [...ctl.gateways.values()].sort((a, b) => `${a.obj.namespace}/${a.obj.name}`.localeCompare(`${b.obj.namespace}/${b.obj.name}`));

  for (const gw of sortedGateways) {
    const gwName = `${gw.obj.namespace}/${gw.obj.name}`;
    const listeners: RoutingTableListener[] = [];
    for (const l of [...gw.serving].sort(compareListeners)) {
      const hosts: RoutingTableHost[] = [];
      const finish = <E>(hostname: string | undefined, kind: string, entries0: readonly E[], item: (e: E) => { route: RouteState; ref: RouteRuleRef }, equal: (a: E, b: E) => boolean, failure: string) => {
        const items = entries0.map(item);
        const host = hostname ?? '*';
        const entries = items.map((it, i) => {
          const s = byKey.get(shadowKey(gwName, l.name, host, it.ref));
          const prev = i > 0 ? items[i - 1].route : undefined;
          const orderFromDocuments = prev !== undefined && prev !== it.route && ageDependsOnDocumentOrder(prev.obj, it.route.obj) && equal(entries0[i - 1], entries0[i]);
          if (orderFromDocuments) notes.add('entries marked "(document order)" are ordered by their place in the input: neither route has a creationTimestamp and they are otherwise equal in precedence');
          return {
            ...ruleEntry(it.route, it.ref, i + 1, routeSpec(it.route.obj.obj)?.rules ?? [], failure),
            ...(s ? { shadowed: { by: formatShadowCause(s.shadowedBy), reason: s.reason } } : {}),
            ...(orderFromDocuments ? { orderFromDocuments } : {}),
          };
        });
        if (entries.length) hosts.push({ hostname: host, kind, entries });
      };
      if (l.protocol === 'HTTP' || l.protocol === 'HTTPS') {
        for (const b of loaded.httpTable(l).all()) {
          finish(b.hostname, 'HTTPRoute', b.entries, (e) => ({ route: e.route, ref: ruleRef(e.route, e.rule, e.match, describeHttpMatch(e.compiled)) }),
            (a, c) => compareHttpMatchSpecificity(a.compiled, c.compiled) === 0, '500');
        }
        for (const b of loaded.grpcTable(l).all()) {
          finish(b.hostname, 'GRPCRoute', b.entries, (e) => ({ route: e.route, ref: ruleRef(e.route, e.rule, e.match, describeGrpcEntry(e)) }),
            (a, c) => grpcSpecificity(a, c) === 0, 'UNAVAILABLE');
        }
      } else if (l.protocol === 'TLS') {
        for (const b of loaded.tlsTable(l).all()) finish(b.hostname, 'TLSRoute', b.entries, (r) => ({ route: r, ref: ruleRef(r, 0, undefined, 'every connection') }), () => true, 'connection closed');
      } else if (l.protocol === 'TCP' || l.protocol === 'UDP') {
        const kind = l.protocol === 'TCP' ? 'TCPRoute' : 'UDPRoute';
        const routes = [...new Set(l.attachments.filter((a) => a.route.kind === kind).map((a) => a.route))].sort((a, b) => compareAge(a.obj, b.obj));
        finish(undefined, kind, routes, (r) => ({ route: r, ref: ruleRef(r, 0, undefined, 'every connection') }), () => true, 'connection closed');
      }
      const notReady = listenerNotReady(l);
      listeners.push({
        name: l.name,
        port: l.port,
        protocol: l.protocol,
        ...(l.hostname ? { hostname: l.hostname } : {}),
        ...(l.tlsMode ? { tlsMode: l.tlsMode } : {}),
        ...(l.owner.kind === 'ListenerSet' ? { listenerSet: `${l.owner.namespace}/${l.owner.name}` } : {}),
        ...(notReady ? { notReady } : {}),
        hosts,
      });
    }
    const programmed = gw.conditions.get('Programmed');
    gateways.push({
      namespace: gw.obj.namespace,
      name: gw.obj.name,
      gatewayClassName: gw.obj.obj.spec.gatewayClassName,
      ...(programmed?.status !== 'True' ? { notProgrammed: programmed ? `${programmed.reason}: ${programmed.message}` : 'no Programmed condition' } : {}),
      listeners,
    });
  }

  for (const g of ctl.store.list('Gateway')) {
    if (ctl.gateways.has(`${g.namespace}/${g.name}`)) continue;
    const cls = g.obj.spec?.gatewayClassName;
    const known = ctl.store.list('GatewayClass').some((c) => c.name === cls);
    notes.add(`Gateway ${g.namespace}/${g.name} is not reconciled: GatewayClass '${cls}' ${known ? 'belongs to a controller the plane does not act as (see the controllerNames option)' : 'is not among the objects (load it, or use assumeMissing)'}`);
  }
  const assumed = loaded.assumed;
  if (assumed.length) notes.add(`assumed (referenced but not defined): ${assumed.map((o) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`).join(', ')}`);

  const unattached: RoutingTableUnattachedRoute[] = [];
  for (const r of ctl.routes.values()) {
    const reasons = unattachedReasons(r, ctl);
    if (reasons.length) unattached.push({ kind: r.kind, namespace: r.obj.namespace, name: r.obj.name, reasons });
  }
  // The controller reconciles every route but those of a kind the implementation (ctl.claims) does not claim.
  for (const kind of ROUTE_KINDS) {
    for (const r of ctl.store.list(kind)) {
      if (ctl.routes.has(`${kind}/${r.namespace}/${r.name}`)) continue;
      unattached.push({ kind, namespace: r.namespace, name: r.name, reasons: [`not reconciled: ${kind} is ${ctl.claims!.phrase}`] });
    }
  }
  // One order for both lists (each route once, so the key never ties).
  unattached.sort((a, b) => a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return { gateways, unattached, notes: [...notes].sort(), shadowed };
}

function unattachedReasons(r: RouteState, ctl: LoadedRoutes['controller']): string[] {
  const out: string[] = [];
  const refs = routeSpec(r.obj.obj)?.parentRefs ?? [];
  for (const p of r.parents) {
    const accepted = (p.conditions ?? []).find((c) => c.type === 'Accepted');
    if (accepted?.status === 'True') continue;
    const ref = p.parentRef;
    const parent = `${ref.kind ?? 'Gateway'} ${ref.namespace ?? r.obj.namespace}/${ref.name}${ref.sectionName ? ` section ${ref.sectionName}` : ''}${ref.port !== undefined ? ` port ${ref.port}` : ''}`;
    out.push(`${parent}: ${accepted ? `${accepted.reason}: ${accepted.message}` : 'not accepted'}`);
  }
  // The parentRefs without an entry in status.parents: the plane writes one for every Gateway and ListenerSet it reconciles.
  for (const ref of refs) {
    const parentRef = normalizeParentRef(ref, r.obj.namespace);
    const { group, kind, namespace: ns, name } = parentRef;
    if (!isGatewayParent(parentRef)) {
      out.push(`${group && group !== GATEWAY_API_GROUP ? `${group}/` : ''}${kind} ${ns}/${name}: not a Gateway or ListenerSet of ${GATEWAY_API_GROUP} (the plane attaches routes to those only)`);
      continue;
    }
    const reconciled = kind === 'Gateway' ? ctl.gateways.has(`${ns}/${name}`) : ctl.listenerSets.has(`${ns}/${name}`);
    if (reconciled) continue;
    const loaded = ctl.store.get(kind, ns, name);
    out.push(`${kind} ${ns}/${name}: ${loaded ? 'is not reconciled by the plane (its GatewayClass is not handled)' : 'is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)'}`);
  }
  return out;
}

/** Renders a routing table as stable, readable text (one fact per line, two-space indents). */
export function renderRoutingTable(t: RoutingTable): string {
  const lines: string[] = [];
  for (const g of t.gateways) {
    lines.push(`Gateway ${g.namespace}/${g.name} (class ${g.gatewayClassName})${g.notProgrammed ? ` NOT PROGRAMMED: ${g.notProgrammed}` : ''}`);
    if (g.listeners.length === 0) lines.push('  (no listeners)');
    for (const l of g.listeners) {
      const from = l.listenerSet ? ` from ListenerSet ${l.listenerSet}` : '';
      lines.push(`  listener ${l.name}: ${l.protocol} port ${l.port}, hostname ${l.hostname ?? '*'}${l.tlsMode ? `, TLS ${l.tlsMode}` : ''}${from}${l.notReady ? ` NOT READY: ${l.notReady}` : ''}`);
      if (l.hosts.length === 0) lines.push('    (no routes)');
      for (const h of l.hosts) {
        lines.push(`    host ${h.hostname}${h.kind === 'HTTPRoute' ? '' : ` (${h.kind})`}`);
        for (const e of h.entries) {
          const r = e.rule;
          lines.push(`      ${e.rank}. ${r.matches} -> ${r.kind} ${r.namespace}/${r.name} rule ${r.rule}${r.ruleName ? ` (${r.ruleName})` : ''}${e.orderFromDocuments ? ' (document order)' : ''}`);
          if (e.shadowed) lines.push(`         SHADOWED by ${e.shadowed.by}: ${e.shadowed.reason}`);
          for (const f of e.filters) lines.push(`         filter ${f}`);
          for (const p of e.policies ?? []) lines.push(`         ${p}`);
          if (e.redirect) lines.push(`         redirect ${e.redirect.status} to ${e.redirect.to}`);
          for (const b of e.backends) {
            lines.push(`         backend ${b.target} weight ${b.weight} (${pct(b.fraction)})${b.invalid ? ` INVALID: ${b.invalid}` : ''}`);
            for (const f of b.filters ?? []) lines.push(`           filter ${f}`);
          }
          if (e.failure) lines.push(`         answers ${e.failure}`);
        }
      }
    }
  }
  if (t.unattached.length) {
    lines.push('Not attached');
    for (const u of t.unattached) {
      lines.push(`  ${u.kind} ${u.namespace}/${u.name}`);
      for (const r of u.reasons) lines.push(`    ${r}`);
    }
  }
  if (t.notes.length) {
    lines.push('Notes');
    for (const n of t.notes) lines.push(`  ${n}`);
  }
  if (lines.length === 0) lines.push('(no Gateways)');
  return `${lines.join('\n')}\n`;
}
