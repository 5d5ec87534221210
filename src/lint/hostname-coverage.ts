/**
 * Hostname checks that need the controller's attachments: route hostnames no
 * listener the route is attached to serves, and route hostnames whose
 * requests a more specific listener takes although the route is not attached
 * to it. Both pass the API server and every schema, and both lose traffic
 * without any status condition saying so.
 */
import { HOSTNAME_ROUTES, hostnameRank, intersectHostnames, isWildcardHostname, listenerAllowsRoute, narrowHostnames, parentRefSelectsListener, parentRefTargets, normalizeParentRef, sampleHost } from '../model';
import type { ControllerState, ListenerState, RouteState } from '../testing/controller';
import { bestListener } from '../testing/listener-selection';
import type { StoredObject } from '../testing/object-store';
import { routeSpec } from '../testing/stored-kinds';
import type { Diagnostic } from '../validation';

/** Route kinds whose requests are routed by hostname. */

/** `file#document` of a stored object. */
export function storedSource(o: StoredObject): string {
  return `${o.source}#${o.index}`;
}

function listenerName(l: ListenerState): string {
  const owner = l.owner.kind === 'Gateway' ? `Gateway ${l.owner.namespace}/${l.owner.name}` : `ListenerSet ${l.owner.namespace}/${l.owner.name}`;
  return `listener ${l.name} of ${owner} (${l.protocol} ${l.port}${l.hostname ? `, hostname ${l.hostname}` : ', every hostname'})`;
}

/** The route's hostnames (the store admits a route only when they are a list of strings). */
function routeHostnames(r: RouteState): readonly string[] {
  return routeSpec(r.obj.obj).hostnames ?? [];
}

/**
 * `lint/hostname-not-served`: a hostname of an attached route that none of
 * the listeners it is attached to serves (the route's other hostnames
 * attached it, so no condition reports this one), e.g. `example.com` on a
 * listener for `*.example.com`.
 */
export function checkUnservedHostnames(ctl: ControllerState): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of ctl.routes.values()) {
    if (!HOSTNAME_ROUTES.has(r.kind) || r.attachments.length === 0) continue;
    routeHostnames(r).forEach((h, i) => {
      // One route hostname intersected with a listener's: a list (possibly empty), never undefined.
      const served = r.attachments.some((a) => intersectHostnames(a.listener.hostname, [h])!.length > 0);
      if (served) return;
      // None of them lacks a hostname: a listener without one serves every hostname.
      const listeners = [...new Set(r.attachments.map((a) => a.listener))];
      out.push({
        code: 'lint/hostname-not-served',
        severity: 'warning',
        message: `hostname '${h}' is served by none of the listeners the route is attached to (${listeners.map((l) => `${l.name}: ${l.hostname!}`).join('; ')}), so requests for it never reach this route; ` +
          `${isWildcardHostname(listeners[0]!.hostname!) && listeners[0]!.hostname!.slice(2) === h.toLowerCase() ? `a wildcard listener hostname does not cover its own parent domain; add a listener for '${h}', or ` : 'add a listener for it, or '}remove the hostname`,
        fix: `add a listener for '${h}', or remove the hostname`,
        object: { kind: r.kind, namespace: r.obj.namespace, name: r.obj.name },
        field: `spec.hostnames[${i}]`,
        source: storedSource(r.obj),
      });
    });
  }
  return out;
}

/**
 * Why `r` is not attached to `l`: its parentRefs do not select it, the listener does not admit it, or a route of
 * the other kind (HTTPRoute and GRPCRoute) holds an intersecting hostname there.
 */
function whyNotAttached(ctl: ControllerState, r: RouteState, l: ListenerState): string {
  // The route is attached to a listener, so it has parentRefs.
  const refs = routeSpec(r.obj.obj).parentRefs!;
  const owner = l.owner;
  const targeting = refs.map((ref) => normalizeParentRef(ref, r.obj.namespace))
    .filter((ref) => parentRefTargets(ref, owner));
  if (!targeting.some((ref) => parentRefSelectsListener(ref, l))) {
    return targeting.length === 0
      ? `the route's parentRefs do not name ${owner.kind} ${owner.namespace}/${owner.name}`
      : `the route's parentRefs select other listeners (${targeting.map((ref) => ref.sectionName ? `sectionName ${ref.sectionName}` : `port ${ref.port}`).join(', ')})`;
  }
  const refusal = listenerAllowsRoute(l.spec, owner.namespace, { kind: r.kind, namespace: r.obj.namespace }, ctl.namespaceLabels(r.obj.namespace));
  if (refusal === 'kind') return `the listener does not accept ${r.kind}`;
  if (refusal === 'namespace') {
    // The CRD defaults fill in allowedRoutes.namespaces.from (Same) where the listener leaves it out.
    const from = l.spec.allowedRoutes!.namespaces!.from!;
    return `the listener admits routes from ${from === 'Same' ? `its own namespace ${owner.namespace} only` : 'namespaces matching its selector only'} (allowedRoutes.namespaces.from: ${from}), and the route is in ${r.obj.namespace}`;
  }
  const rival = r.lostListeners.get(l);
  if (rival) {
    return `an HTTPRoute and a GRPCRoute cannot share a hostname on one listener, and ${rival.kind} ${rival.obj.namespace}/${rival.obj.name} holds an intersecting hostname there (it comes first: older, or first by namespace/name at the same age)`;
  }
  return 'its hostnames do not intersect the listener hostname';
}

/**
 * `lint/hostname-captured`: a route serves a hostname through a listener, but
 * on the same port a listener with a more specific hostname takes those
 * requests (listeners are chosen by the most specific hostname first), and
 * the route is not attached to that listener: the requests go to whatever
 * that listener has, or get a 404. Only accepted listeners count, on both
 * sides: the others carry no traffic.
 */
export function checkCapturedHostnames(ctl: ControllerState): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of ctl.routes.values()) {
    if (!HOSTNAME_ROUTES.has(r.kind)) continue;
    const attachedTo = new Set(r.attachments.map((a) => a.listener));
    const seen = new Set<string>();
    for (const a of r.attachments) {
      const l = a.listener;
      // A listener that is not Accepted carries no traffic (status says why), so none of it can be captured.
      if (!l.conditions.isTrue('Accepted')) continue;
      const served: (string | undefined)[] = a.hostnames ?? [undefined];
      for (const other of l.gateway.serving) {
        if (other === l || other.port !== l.port || other.protocol !== l.protocol || !other.hostname) continue;
        if (hostnameRank(other.hostname) <= hostnameRank(l.hostname)) continue;
        for (const s of served) {
          const overlap = s === undefined ? other.hostname : narrowHostnames(s, other.hostname);
          if (overlap === undefined) continue;
          const winner = bestListener(l.gateway.serving, l.port, [l.protocol], sampleHost(overlap, l.gateway.serving.map((x) => x.hostname)), false);
          if (!winner || winner === l || attachedTo.has(winner)) continue;
          const key = `${overlap}|${winner.owner.namespace}/${winner.owner.name}/${winner.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const hostIndex = s === undefined ? -1 : routeHostnames(r).findIndex((h) => narrowHostnames(h, s) !== undefined);
          const field = hostIndex < 0 ? 'spec.parentRefs' : `spec.hostnames[${hostIndex}]`;
          out.push({
            code: 'lint/hostname-captured',
            severity: 'warning',
            message: `requests for '${overlap}' on port ${l.port} go to ${listenerName(winner)}, whose hostname is more specific than that of listener ${l.name} (${l.hostname ?? 'every hostname'}) the route is attached to; ` +
              `the route is not attached to ${winner.name} because ${whyNotAttached(ctl, r, winner)}, so this route never sees those requests; attach the route to ${winner.name} (parentRefs and allowedRoutes), or drop '${overlap}' from what it serves`,
            fix: `attach the route to ${winner.name} (parentRefs and allowedRoutes), or drop '${overlap}' from what it serves`,
            object: { kind: r.kind, namespace: r.obj.namespace, name: r.obj.name },
            field,
            source: storedSource(r.obj),
          });
        }
      }
    }
  }
  return out;
}
