import { pickBackend } from '../model';
import { ControllerState, ListenerState, RouteState } from './controller';
import { bestListener, listenerForSni, listenersOnPort, selectGateway } from './listener-selection';
import { ageDependsOnDocumentOrder, compareAge } from './object-store';
import { StreamRequest, StreamResult, TlsRequest } from './requests';
import { gatewayRootCause, gatewaysServing, listenerRootCause, streamListeners, withCause } from './root-cause';
import { routeDecision } from './route-rules';
import { HostnameTable } from './route-table';
import { routeSpec } from './stored-kinds';

/** What the stream engine needs from the plane. */
export interface StreamContext {
  /** The reconciled state. */
  readonly controller: ControllerState;
  /** The (cached) route table of a listener. */
  tlsTable(l: ListenerState): HostnameTable<RouteState>;
  /** A number in [0, 1): from `seed` when given, else the next of the plane's sequence. */
  random(seed: number | undefined): number;
}

/** Builds the TLSRoute table of one listener (routes by hostname, oldest first). */
export function buildTlsTable(listener: ListenerState): HostnameTable<RouteState> {
  const t = new HostnameTable<RouteState>();
  for (const a of listener.attachments) if (a.route.kind === 'TLSRoute') t.add(a.hostnames, a.route);
  t.sort((a, b) => compareAge(a.obj, b.obj));
  return t;
}

function forward(ctx: StreamContext, route: RouteState, seed: number | undefined, explanation: string[]): { ok: boolean; backend?: { namespace: string; name: string; port?: number } } {
  const rules = routeSpec(route.obj.obj).rules ?? [];
  const backends = rules.flatMap((r) => r.backendRefs ?? []);
  const idx = pickBackend(backends, ctx.random(seed));
  if (idx < 0) {
    explanation.push(`${route.kind} ${route.obj.namespace}/${route.obj.name} has no backend with weight > 0: connection closed`);
    return { ok: false };
  }
  const r = route.backends.get(backends[idx]);
  if (!r || !r.ok) {
    explanation.push(`backendRef ${backends[idx].name} is invalid (${r?.reason}): connection closed`);
    return { ok: false };
  }
  explanation.push(`forwarded to Service ${r.namespace}/${r.name}:${r.port}`);
  return { ok: true, backend: { namespace: r.namespace, name: r.name, port: r.port } };
}

/** Evaluates a TLS connection: listener by port and SNI, then the TLSRoute with the most specific hostname. */
export function evaluateTls(ctx: StreamContext, req: TlsRequest): StreamResult {
  const explanation: string[] = [];
  const port = req.port ?? 443;
  const sni = req.sni?.toLowerCase();
  const gw = selectGateway(ctx.controller, req.gateway, port, ['TLS']);
  const gwName = `${gw.obj.namespace}/${gw.obj.name}`;
  const listener = gw.conditions.isTrue('Programmed') ? listenerForSni(listenersOnPort(gw, port), port, sni) : undefined;
  if (listener && listener.protocol !== 'TLS') {
    explanation.push(`SNI ${sni ?? '(none)'} selects HTTPS listener ${listener.name} of ${gwName}, the most specific HTTPS/TLS listener for that name on port ${port}: it terminates TLS for HTTP routes, so no TLSRoute takes the connection (evaluate it with http())`);
    return { outcome: 'refused', listener: { gateway: gwName, name: listener.name }, dependsOnDocumentOrder: false, explanation };
  }
  if (!listener) {
    const cause = gw.conditions.isTrue('Programmed') ? listenerRootCause(gw, port, ['TLS'], sni) : `Gateway ${gwName} is not programmed: ${gatewayRootCause(gw)}`;
    explanation.push(withCause(`no ready TLS listener of ${gwName} on port ${port} serves SNI ${sni ?? '(none)'}: refused`, cause));
    return { outcome: 'refused', dependsOnDocumentOrder: false, explanation };
  }
  const listenerRef = { gateway: gwName, name: listener.name };
  explanation.push(`SNI ${sni ?? '(none)'} selects listener ${listener.name} (${listener.tlsMode}) of ${gwName}`);
  for (const bucket of ctx.tlsTable(listener).buckets(sni)) {
    const route = bucket.entries[0];
    const dependsOnDocumentOrder = bucket.entries.length > 1 && ageDependsOnDocumentOrder(route.obj, bucket.entries[1].obj);
    explanation.push(`hostname ${bucket.hostname ?? '(any)'}: TLSRoute ${route.obj.namespace}/${route.obj.name} wins`);
    const f = forward(ctx, route, req.seed, explanation);
    const decision = routeDecision(route, 0);
    if (!f.ok) return { outcome: 'refused', listener: listenerRef, route: decision, dependsOnDocumentOrder, explanation };
    const passthrough = listener.tlsMode === 'Passthrough';
    return {
      outcome: 'forwarded',
      backend: f.backend,
      listener: listenerRef,
      route: decision,
      dependsOnDocumentOrder,
      explanation,
      backendTLS: passthrough,
      ...(passthrough && sni ? { backendSNI: sni } : {}),
    };
  }
  explanation.push(`no TLSRoute on listener ${listener.name} serves SNI ${sni ?? '(none)'}: refused`);
  return { outcome: 'refused', listener: listenerRef, dependsOnDocumentOrder: false, explanation };
}

/** Evaluates a TCP connection or UDP datagram: the listener on the port, then its oldest attached route. */
export function evaluateStream(ctx: StreamContext, protocol: 'TCP' | 'UDP', req: StreamRequest): StreamResult {
  const explanation: string[] = [];
  if (req.gateway === undefined && gatewaysServing(ctx.controller, req.port, [protocol]).length === 0) {
    explanation.push(withCause(`no Gateway has a ${protocol} listener on port ${req.port}: refused`, streamListeners(ctx.controller)));
    return { outcome: 'refused', dependsOnDocumentOrder: false, explanation };
  }
  const gw = selectGateway(ctx.controller, req.gateway, req.port, [protocol]);
  const gwName = `${gw.obj.namespace}/${gw.obj.name}`;
  const listener = gw.conditions.isTrue('Programmed') ? bestListener(listenersOnPort(gw, req.port), req.port, [protocol], undefined) : undefined;
  if (!listener) {
    const cause = gw.conditions.isTrue('Programmed') ? listenerRootCause(gw, req.port, [protocol], undefined) : `Gateway ${gwName} is not programmed: ${gatewayRootCause(gw)}`;
    explanation.push(withCause(`no ready ${protocol} listener of ${gwName} on port ${req.port}: refused`, cause));
    return { outcome: 'refused', dependsOnDocumentOrder: false, explanation };
  }
  const listenerRef = { gateway: gwName, name: listener.name };
  const kind = protocol === 'TCP' ? 'TCPRoute' : 'UDPRoute';
  const routes = [...new Set(listener.attachments.filter((a) => a.route.kind === kind).map((a) => a.route))].sort((a, b) => compareAge(a.obj, b.obj));
  if (routes.length === 0) {
    explanation.push(`no ${kind} is attached to listener ${listener.name}: refused`);
    return { outcome: 'refused', listener: listenerRef, dependsOnDocumentOrder: false, explanation };
  }
  const route = routes[0];
  const dependsOnDocumentOrder = routes.length > 1 && ageDependsOnDocumentOrder(route.obj, routes[1].obj);
  explanation.push(`listener ${listener.name} of ${gwName}: ${kind} ${route.obj.namespace}/${route.obj.name} (oldest of ${routes.length}) takes the connection`);
  const f = forward(ctx, route, req.seed, explanation);
  const decision = routeDecision(route, 0);
  return f.ok
    ? { outcome: 'forwarded', backend: f.backend, listener: listenerRef, route: decision, dependsOnDocumentOrder, explanation }
    : { outcome: 'refused', listener: listenerRef, route: decision, dependsOnDocumentOrder, explanation };
}
