import type { ControllerState, ListenerState, RouteState } from './controller';

/**
 * Lines for `explain()` about routes of `kind` whose rules are not all valid
 * and that name the listener's Gateway as a parent: the rules dropped under
 * the `drop-rule` approach, and the routes rejected whole under the default
 * `reject-route` approach (which otherwise leave no trace among the
 * candidates).
 */
export function partiallyInvalidNotes(ctl: ControllerState, listener: ListenerState, kind: 'HTTPRoute' | 'GRPCRoute'): string[] {
  const out: string[] = [];
  const gw = listener.gateway.obj;
  for (const route of routesWithInvalidRules(ctl)) {
    if (route.kind !== kind) continue;
    if (route.droppedRules.size > 0 && route.attachments.some((a) => a.listener === listener)) {
      for (const [rule, why] of route.droppedRules) {
        out.push(`  dropped: ${kind} ${route.obj.namespace}/${route.obj.name} rule ${rule}: ${why} (PartiallyInvalid, approach drop-rule: the other rules serve)`);
      }
    }
    if (route.invalid) {
      const names = route.parents.some((p) => (p.parentRef.kind ?? 'Gateway') === 'Gateway' && p.parentRef.name === gw.name && (p.parentRef.namespace ?? route.obj.namespace) === gw.namespace);
      if (names) out.push(`  rejected: ${kind} ${route.obj.namespace}/${route.obj.name} is not Accepted (${route.invalidReason ?? 'UnsupportedValue'}): ${route.invalid}`);
    }
  }
  return out;
}

/** The routes with invalid rules (dropped or rejecting the route), in `ctl.routes` order, by controller. */
const withInvalidRules = new WeakMap<ControllerState, { readonly size: number; readonly routes: readonly RouteState[] }>();

/**
 * The routes of `ctl` that have invalid rules. Every 404 is explained (and
 * so reaches {@link partiallyInvalidNotes}), so this is computed once per
 * controller rather than scanning every route per request (it made a 404
 * cost time in proportion to the number of routes). The controller's routes
 * are all reconciled when it is built; the count is checked anyway.
 */
function routesWithInvalidRules(ctl: ControllerState): readonly RouteState[] {
  let cached = withInvalidRules.get(ctl);
  if (!cached || cached.size !== ctl.routes.size) {
    cached = { size: ctl.routes.size, routes: [...ctl.routes.values()].filter((r) => r.droppedRules.size > 0 || r.invalid !== undefined) };
    withInvalidRules.set(ctl, cached);
  }
  return cached.routes;
}
