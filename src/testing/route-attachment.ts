/**
 * Route attachment and route status: for each parentRef of a route, the
 * listeners it attaches to (sectionName and port, allowedRoutes, hostname
 * intersection) and the parent's Accepted, PartiallyInvalid and ResolvedRefs
 * conditions; then the rule that an HTTPRoute and a GRPCRoute cannot share a
 * hostname on one listener.
 */
import type { ParentReference, RouteParentStatus } from '../../generated';
import { GATEWAY_API_GROUP, HOSTNAME_ROUTES, NormalizedParentRef, intersectHostnames, listenerAllowsRoute, normalizeParentRef, parentRefSelectsListener } from '../model';
import { ConditionSet } from './conditions';
import type { ControllerState, ListenerState, PartiallyInvalidApproach, RouteAttachment, RouteState } from './controller';
import type { PlaneClaims } from './implementation-features';
import { StoredObject, ageDependsOnDocumentOrder, compareAge } from './object-store';
import { hostnamesOverlap } from './overlapping-tls';
import { ResolvedRules, resolveRouteRules } from './route-rules';
import { RouteDocument, routeSpec } from './stored-kinds';
import { workCounters } from '../validation/work-counters';

/** A parentRef's Gateway or ListenerSet, as far as attachment needs it. */
interface Parent {
  readonly listeners: ListenerState[];
  readonly controllerName: string;
  readonly accepted: boolean;
}

/** The outcome of attaching a route through one parentRef. */
interface Attached {
  readonly ok: boolean;
  readonly names: string[];
  readonly listeners: ListenerState[];
  readonly reason?: string;
  readonly message?: string;
}

/** The lost listeners of a route that lost none (one shared empty map: a route loses listeners only to a route of the other kind). */
const NO_LOST_LISTENERS: ReadonlyMap<ListenerState, RouteState> = new Map();

/**
 * Reconciles a route: resolves its rules, attaches it through each parentRef this controller reconciles and writes
 * `status.parents`. With `keepParentStates`, the route keeps each parent's conditions and listeners in `parentStates`
 * for resolveHttpGrpcHostnameConflicts (which the controller runs when it holds both HTTPRoutes and GRPCRoutes).
 */
export function reconcileRoute(ctl: ControllerState, r: StoredObject<RouteDocument>, approach: PartiallyInvalidApproach | undefined, claims: PlaneClaims | undefined, keepParentStates: boolean): void {
  const rules = resolveRouteRules(ctl.store, r, approach, claims, ctl.resolutions);
  const parents: RouteParentStatus[] = [];
  const parentStates: { conditions: ConditionSet; listeners: ListenerState[] }[] = [];
  const route: Mutable<RouteState> = { obj: r, kind: r.kind, parents, backends: rules.backends, invalid: rules.invalid, ...(rules.invalidReason ? { invalidReason: rules.invalidReason } : {}), droppedRules: rules.droppedRules, attachments: [], lostListeners: NO_LOST_LISTENERS, parentStates };
  // A flat key (a template literal would keep a chain of concatenated strings per route).
  ctl.routes.set([r.kind, r.namespace, r.name].join('/'), route);
  for (const ref of routeSpec(r.obj).parentRefs ?? []) {
    const n = normalizeParentRef(ref, r.namespace);
    const parent = n.group === GATEWAY_API_GROUP ? reconciledParent(ctl, n) : undefined;
    if (!parent) continue;
    const conditions = new ConditionSet(r.obj.metadata.generation);
    const attached = parent.accepted && !route.invalid ? attach(ctl, route, n, parent.listeners) : undefined;
    setParentConditions(conditions, n, parent, attached, rules);
    parents.push({ parentRef: stripParentRef(ref), controllerName: parent.controllerName, conditions: conditions.list() });
    if (keepParentStates) parentStates.push({ conditions, listeners: attached?.ok ? attached.listeners : [] });
  }
  // The route keeps exact-size copies: an array grown by push keeps room for 17 elements, and a plane holds
  // these three for every route.
  route.parents = parents.slice();
  route.parentStates = undefined;
  if (keepParentStates) {
    route.parentStates = parentStates.slice();
    workCounters.parentStatesKept++;
  }
  route.attachments = route.attachments.slice();
}

/** A type with its readonly properties writable (for the state a function builds and then hands out). */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The Gateway or ListenerSet a parentRef names, when the plane reconciles it. */
function reconciledParent(ctl: ControllerState, n: NormalizedParentRef): Parent | undefined {
  if (n.kind === 'Gateway') {
    const gw = ctl.gateways.get(`${n.namespace}/${n.name}`);
    return gw && { listeners: gw.listeners, controllerName: ctl.controllerNameOf(gw), accepted: gw.conditions.isTrue('Accepted') };
  }
  if (n.kind === 'ListenerSet') {
    const ls = ctl.listenerSets.get(`${n.namespace}/${n.name}`);
    if (!ls || !ls.gateway) return undefined;
    return { listeners: ls.listeners, controllerName: ctl.controllerNameOf(ls.gateway), accepted: ls.conditions.isTrue('Accepted') };
  }
  return undefined;
}

/** Accepted, PartiallyInvalid and ResolvedRefs of one entry of `status.parents`. */
function setParentConditions(conditions: ConditionSet, n: NormalizedParentRef, parent: Parent, attached: Attached | undefined, rules: ResolvedRules): void {
  if (rules.invalid) {
    conditions.set('Accepted', false, rules.invalidReason ?? 'UnsupportedValue', rules.invalid);
  } else if (!parent.accepted) {
    conditions.set('Accepted', false, 'NoMatchingParent', `parent ${n.kind} ${n.namespace}/${n.name} is not accepted`);
  } else if (attached!.ok) {
    conditions.set('Accepted', true, 'Accepted', `attached to listener(s) ${attached!.names.join(', ')}`);
  } else {
    conditions.set('Accepted', false, attached!.reason!, attached!.message!);
  }
  const dropped = rules.droppedRules;
  if (dropped.size > 0 && conditions.isTrue('Accepted')) {
    conditions.set('PartiallyInvalid', true, 'UnsupportedValue', `Dropped Rule(s) ${[...dropped.keys()].join(', ')}: ${[...dropped.values()].join('; ')}`);
  }
  const bad = rules.firstUnresolved;
  if (bad) conditions.set('ResolvedRefs', false, bad.reason!, bad.message!);
  else conditions.set('ResolvedRefs', true, 'ResolvedRefs', 'all backend references resolved');
}

/** Attaches a route to the listeners its parentRef selects; returns the outcome for the Accepted condition. */
function attach(ctl: ControllerState, route: RouteState, ref: NormalizedParentRef, listeners: ListenerState[]): Attached {
  const selected = listeners.filter((l) => parentRefSelectsListener(ref, l));
  if (selected.length === 0) {
    const what = [ref.sectionName !== undefined ? `sectionName ${ref.sectionName}` : '', ref.port !== undefined ? `port ${ref.port}` : ''].filter((x) => x).join(' and ');
    return { ok: false, names: [], listeners: [], reason: 'NoMatchingParent', message: `no listener of ${ref.kind} ${ref.namespace}/${ref.name} matches ${what || 'the parentRef'}` };
  }
  const labels = ctl.namespaceLabels(route.obj.namespace);
  // Attachment depends on parentRefs and allowedRoutes only: a listener that is not Accepted (conflicted, say)
  // still counts the route in attachedRoutes, though it carries no traffic.
  const allowed = selected.filter((l) => l.supportedKinds.length > 0 && listenerAllowsRoute(l.spec, l.owner.namespace, { kind: route.kind, namespace: route.obj.namespace }, labels) === undefined);
  if (allowed.length === 0) {
    return { ok: false, names: [], listeners: [], reason: 'NotAllowedByListeners', message: `no selected listener allows ${route.kind} from namespace ${route.obj.namespace}` };
  }
  const routeHosts = HOSTNAME_ROUTES.has(route.kind) ? routeSpec(route.obj.obj).hostnames : undefined;
  const attached: ListenerState[] = [];
  for (const l of allowed) {
    const hosts = intersectHostnames(l.hostname, routeHosts);
    if (hosts !== undefined && hosts.length === 0) continue;
    attached.push(l);
    if (route.attachments.some((a) => a.listener === l)) continue;
    const a: RouteAttachment = { route, listener: l, hostnames: hosts?.slice() };
    l.attachments.push(a);
    route.attachments.push(a);
  }
  const names = attached.map((l) => l.name);
  if (names.length === 0) {
    return { ok: false, names, listeners: [], reason: 'NoMatchingListenerHostname', message: 'no hostname of the route intersects a selected listener\'s hostname' };
  }
  return { ok: true, names, listeners: attached.slice() };
}

function stripParentRef(ref: ParentReference): ParentReference {
  // Keys in this order: group, kind, namespace, name, sectionName, port (status output is compared as text).
  return {
    group: ref.group ?? GATEWAY_API_GROUP,
    kind: ref.kind ?? 'Gateway',
    ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
    name: ref.name,
    ...(ref.sectionName !== undefined ? { sectionName: ref.sectionName } : {}),
    ...(ref.port !== undefined ? { port: ref.port } : {}),
  };
}

/**
 * An HTTPRoute and a GRPCRoute attached to one listener with intersecting
 * hostnames: exactly one of them is accepted there, the oldest (then the
 * first by namespace/name). The other is detached from that listener, and
 * its parent's Accepted turns False when no listener of the parentRef is
 * left.
 */
export function resolveHttpGrpcHostnameConflicts(routes: Iterable<RouteState>): void {
  const lost = new Set<RouteState>();
  const listeners = new Set<ListenerState>();
  for (const route of routes) for (const a of route.attachments) listeners.add(a.listener);
  for (const l of listeners) detachHttpGrpcLosers(l, lost);
  for (const route of lost) reportLostListeners(route, route.lostListeners);
}

/** On one listener, detaches every HTTPRoute or GRPCRoute that an older route of the other kind wins a hostname from; records who won (in the route's `lostListeners`). */
function detachHttpGrpcLosers(l: ListenerState, lost: Set<RouteState>): void {
  const web = l.attachments.filter((a) => a.route.kind === 'HTTPRoute' || a.route.kind === 'GRPCRoute');
  if (!web.some((a) => a.route.kind === 'HTTPRoute') || !web.some((a) => a.route.kind === 'GRPCRoute')) return;
  web.sort((a, b) => compareAge(a.route.obj, b.route.obj));
  const kept: RouteAttachment[] = [];
  for (const a of web) {
    const winner = kept.find((k) => k.route.kind !== a.route.kind && routeHostnamesIntersect(k.hostnames, a.hostnames));
    if (!winner) {
      kept.push(a);
      continue;
    }
    l.attachments.splice(l.attachments.indexOf(a), 1);
    a.route.attachments.splice(a.route.attachments.indexOf(a), 1);
    const lostHere = a.route.lostListeners === NO_LOST_LISTENERS ? new Map<ListenerState, RouteState>() : a.route.lostListeners as Map<ListenerState, RouteState>;
    lostHere.set(l, winner.route);
    a.route.lostListeners = lostHere;
    lost.add(a.route);
  }
}

/** Rewrites the Accepted condition of each parent of `route` that lost listeners to a route of the other kind. */
function reportLostListeners(route: RouteState, where: ReadonlyMap<ListenerState, RouteState>): void {
  route.parentStates!.forEach((p, i) => {
    const dropped = p.listeners.filter((l) => where.has(l));
    if (dropped.length === 0) return;
    p.listeners = p.listeners.filter((l) => !where.has(l));
    const why = dropped.map((l) => {
      const w = where.get(l)!;
      const order = ageDependsOnDocumentOrder(w.obj, route.obj) ? 'older by document order' : 'older, or first by namespace/name at the same age';
      return `listener ${l.name}: ${w.kind} ${w.obj.namespace}/${w.obj.name} (${order}) claims an intersecting hostname there`;
    });
    if (p.listeners.length === 0) {
      p.conditions.set('Accepted', false, 'NotAllowedByListeners', `an HTTPRoute and a GRPCRoute cannot share a hostname on one listener, and this route is not the one accepted: ${why.join('; ')}`);
    } else {
      p.conditions.set('Accepted', true, 'Accepted', `attached to listener(s) ${p.listeners.map((l) => l.name).join(', ')}; not to ${why.join('; ')}`);
    }
    route.parents[i] = { ...route.parents[i], conditions: p.conditions.list() };
  });
}

/** Whether two attachments' hostnames (undefined = every host) have a name in common. */
function routeHostnamesIntersect(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  return a.some((x) => b.some((y) => hostnamesOverlap(x, y)));
}
