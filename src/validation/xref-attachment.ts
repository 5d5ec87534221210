/**
 * Cross-object checks of attachment: does each route parentRef (and each
 * ListenerSet parentRef) reach a listener that would accept it? Uses the
 * shared Gateway API semantics of src/model (allowedRoutes, hostname
 * intersection, parentRef matching). Parents that are not among the objects
 * are not judged (they may live elsewhere); see `xref/parent-not-found`.
 */
import {
  Labels, describeLabels,
  describeLabelSelector,
  GATEWAY_API_GROUP,
  intersectHostnames,
  LISTENER_SET_NOT_ALLOWED,
  listenerSetRefusal,
  listenerAllowsRoute,
  listenerRouteKinds,
  namespaceLabels,
  isGatewayParent,
  normalizeParentRef,
  parentRefSelectsListener,
  HOSTNAME_ROUTES,
  isRouteKind,
} from '../model';
import type { Diagnostic } from './diagnostic';
import { formatFieldPath } from './field-path';
import { uncheckedSpec, type IndexedObject, type ManifestIndex, type PlacedDiagnostic } from './manifest-index';
import type { ExternalObject } from './validate-manifests';
import { workCounters } from './work-counters';
import type { AllowedRoutes, GatewaySpec, HTTPRouteSpec, ListenerSetSpec } from '../../generated/experimental';


interface ListenerView {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** allowedRoutes as written. @default - routes of the listener's namespace, of the kinds its protocol supports */
  readonly allowedRoutes?: AllowedRoutes;
}

function listenersOf(parent: IndexedObject): ListenerView[] {
  const ls = uncheckedSpec<GatewaySpec | ListenerSetSpec>(parent)?.listeners;
  return Array.isArray(ls) ? ls.filter((l) => l && typeof l.name === 'string') : [];
}

/** The Namespace objects of the set (their name and labels are read with optional chaining). */
function namespaceObjects(index: ManifestIndex): readonly { readonly metadata?: { readonly name?: string; readonly labels?: Labels } }[] {
  return index.ofKind('', 'Namespace').map((n) => n.obj);
}

function describe(o: IndexedObject): string {
  return `${o.id.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

interface Refusal {
  readonly rank: number;
  readonly code: string;
  readonly text: string;
  /** True when the outcome depends on Namespace labels we do not have. @default false */
  readonly uncertain?: boolean;
  /** What to change so the listener accepts the route. @default - no single fix */
  readonly fix?: string;
}

/** Why `listener` refuses the route, or undefined when it accepts it. */
function refusal(listener: ListenerView, owner: IndexedObject, route: IndexedObject, shared: SharedViews): Refusal | undefined {
  const namespaces = shared.namespaces;
  const labels = namespaceLabels(route.namespace, namespaces);
  const verdict = listenerAllowsRoute(listener, owner.namespace, { kind: route.id.kind, namespace: route.namespace }, labels);
  if (verdict === 'kind') {
    const kinds = listenerRouteKinds(listener.protocol, listener.allowedRoutes).supported.map((k) => k.kind);
    const listed = Array.isArray(listener.allowedRoutes?.kinds) && listener.allowedRoutes.kinds.length > 0;
    return {
      rank: 0,
      code: 'xref/route-kind-not-allowed',
      text: `listener '${listener.name}' (protocol ${listener.protocol}) accepts ${kinds.length ? kinds.join(', ') : 'no route kinds'}` +
        `${listed ? ' (its allowedRoutes.kinds)' : ''}, not ${route.id.kind}`,
    };
  }
  if (verdict === 'namespace') {
    const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
    if (from === 'Selector') {
      const known = namespaces.some((n) => n?.metadata?.name === route.namespace);
      return {
        rank: 1,
        code: 'xref/listener-not-allowed',
        text: `listener '${listener.name}' accepts routes only from namespaces labelled ${describeLabelSelector(listener.allowedRoutes?.namespaces?.selector)}; ` +
          (known ? `namespace ${route.namespace} has ${describeLabels(labels)}` : `no Namespace object for ${route.namespace} was given, so it is assumed to have only ${describeLabels(labels)}`) +
          ' (add the labels to the namespace, or change the listener\'s allowedRoutes)',
        uncertain: !known,
        fix: `add the labels to namespace ${route.namespace}, or change the allowedRoutes of listener '${listener.name}'`,
      };
    }
    return {
      rank: 1,
      code: 'xref/listener-not-allowed',
      text: from === 'Same'
        ? `listener '${listener.name}' accepts routes only from its own namespace ${owner.namespace} (allowedRoutes.namespaces.from: Same, the default), not from ${route.namespace}; ` +
          'set allowedRoutes.namespaces.from to All or Selector on the listener, or put the route in that namespace'
        : `listener '${listener.name}' has allowedRoutes.namespaces.from ${from}, which admits no route from ${route.namespace}`,
      ...(from === 'Same' ? { fix: 'set allowedRoutes.namespaces.from to All or Selector on the listener, or put the route in that namespace' } : {}),
    };
  }
  if (HOSTNAME_ROUTES.has(route.id.kind)) {
    const routeHosts = uncheckedSpec<HTTPRouteSpec>(route)?.hostnames;
    const overlap = intersectHostnames(listener.hostname, routeHosts);
    if (overlap !== undefined && overlap.length === 0) {
      return {
        rank: 2,
        code: 'xref/no-hostname-intersection',
        text: `listener '${listener.name}' has hostname ${listener.hostname}, which none of the route's hostnames (${(routeHosts ?? []).join(', ')}) matches`,
      };
    }
  }
  return undefined;
}

/** Whether an object is known to exist outside the manifests. */
type IsExternal = (group: string, kind: string, namespace: string, name: string) => boolean;

/**
 * What every route's check reads the same way, made once per set: the Namespace objects, and each parent's
 * listeners (a Gateway's listeners are read for every route attached to it).
 */
interface SharedViews {
  readonly namespaces: ReturnType<typeof namespaceObjects>;
  listenersOf(parent: IndexedObject): ListenerView[];
}

function sharedViews(index: ManifestIndex): SharedViews {
  const listeners = new Map<IndexedObject, ListenerView[]>();
  return {
    namespaces: namespaceObjects(index),
    listenersOf: (parent) => {
      let list = listeners.get(parent);
      if (list === undefined) {
        workCounters.listenerViewsMade++;
        list = listenersOf(parent);
        listeners.set(parent, list);
      }
      return list;
    },
  };
}

function checkRouteParents(route: IndexedObject, index: ManifestIndex, out: PlacedDiagnostic[], isExternal: IsExternal, shared: SharedViews): void {
  const refs = uncheckedSpec<HTTPRouteSpec>(route)?.parentRefs;
  if (!Array.isArray(refs)) return;
  refs.forEach((raw, i) => {
    if (!raw || typeof raw.name !== 'string') return;
    const ref = normalizeParentRef(raw, route.namespace);
    if (!isGatewayParent(ref)) return;
    // The location is written only for a diagnostic (most parentRefs have none).
    const parentField = (): string => formatFieldPath(['spec', 'parentRefs', i]);
    const emit = (code: string, message: string, severity: 'error' | 'warning' = 'error', at = parentField(), fix?: string): void => {
      out.push({ index: route.index, diagnostic: { code, severity, message, ...(fix ? { fix } : {}), object: route.id, field: at } });
    };
    const parent = index.find(ref.group, ref.kind, ref.namespace, ref.name);
    if (!parent) {
      const present = index.ofKind(ref.group, ref.kind);
      if (present.length > 0 && !isExternal(ref.group, ref.kind, ref.namespace, ref.name)) {
        emit('xref/parent-not-found', `parentRefs[${i}] names ${ref.kind} ${ref.namespace}/${ref.name}, which is not among the given objects ` +
          `(${ref.kind} objects given: ${present.map((p) => `${p.namespace}/${p.name}`).join(', ')}); check the name and namespace`, 'warning', parentField(),
        `check the name and namespace of parentRefs[${i}] against the ${ref.kind} objects given`);
      }
      return;
    }
    const listeners = shared.listenersOf(parent);
    if (ref.sectionName !== undefined && !listeners.some((l) => l.name === ref.sectionName)) {
      emit('xref/section-not-found', `parentRefs[${i}] names sectionName '${ref.sectionName}', but ${describe(parent)} has no listener of that name; ` +
        `its listeners are: ${listeners.map((l) => l.name).join(', ') || 'none'}`, 'error', `${parentField()}.sectionName`,
      listeners.length > 0 ? `set sectionName to one of ${listeners.map((l) => `'${l.name}'`).join(', ')}` : undefined);
      return;
    }
    const selected = listeners.filter((l) => parentRefSelectsListener(ref, l));
    if (ref.port !== undefined && selected.length === 0) {
      emit('xref/port-not-found', `parentRefs[${i}] names port ${ref.port}, but no listener of ${describe(parent)}` +
        `${ref.sectionName !== undefined ? ` named '${ref.sectionName}'` : ''} uses that port; its listeners: ` +
        `${listeners.map((l) => `${l.name} (port ${l.port})`).join(', ') || 'none'}`, 'error', `${parentField()}.port`,
      listeners.length > 0 ? `set port to that of one of the listeners${ref.sectionName !== undefined ? ', or drop sectionName' : ''}, or remove it` : undefined);
      return;
    }
    if (selected.length === 0) return;
    const refusals = selected.map((l) => refusal(l, parent, route, shared));
    if (refusals.some((r) => r === undefined)) return;
    const reasons = refusals as Refusal[];
    const best = reasons.reduce((a, b) => (b.rank > a.rank ? b : a));
    const uncertain = reasons.some((r) => r.uncertain);
    const lead = selected.length === 1
      ? `${describe(parent)} will not accept this ${route.id.kind} through parentRefs[${i}]: `
      : `none of the ${selected.length} listeners of ${describe(parent)} accepts this ${route.id.kind} (parentRefs[${i}]): `;
    emit(best.code, lead + reasons.map((r) => r.text).join('; '), uncertain ? 'warning' : 'error', parentField(), best.fix);
  });
}

function checkListenerSetParent(ls: IndexedObject, index: ManifestIndex, out: PlacedDiagnostic[], isExternal: IsExternal): void {
  const raw = uncheckedSpec<ListenerSetSpec>(ls)?.parentRef;
  if (!raw || typeof raw.name !== 'string') return;
  const group = raw.group ?? GATEWAY_API_GROUP;
  const kind = raw.kind ?? 'Gateway';
  const namespace = raw.namespace ?? ls.namespace;
  const gw = index.find(group, kind, namespace, raw.name);
  const field = 'spec.parentRef';
  const emit = (code: string, message: string, severity: 'error' | 'warning' = 'error', fix?: string): void => {
    out.push({ index: ls.index, diagnostic: { code, severity, message, ...(fix ? { fix } : {}), object: ls.id, field } });
  };
  if (!gw) {
    const present = index.ofKind(group, kind);
    if (present.length > 0 && !isExternal(group, kind, namespace, raw.name)) {
      emit('xref/parent-not-found', `parentRef names ${kind} ${namespace}/${raw.name}, which is not among the given objects ` +
        `(${kind} objects given: ${present.map((p) => `${p.namespace}/${p.name}`).join(', ')})`, 'warning');
    }
    return;
  }
  const namespaces = namespaceObjects(index);
  const setRefusal = listenerSetRefusal(uncheckedSpec<GatewaySpec>(gw)?.allowedListeners, gw.namespace, { namespace: ls.namespace, namespaceLabels: namespaceLabels(ls.namespace, namespaces) });
  if (setRefusal === undefined || setRefusal === 'unknown') return;
  // a selector judged on the one label every namespace has is only a guess
  const known = setRefusal.from !== 'Selector' || namespaces.some((n) => n?.metadata?.name === ls.namespace);
  emit(LISTENER_SET_NOT_ALLOWED, `${describe(gw)} ${setRefusal.detail}${known ? '' : ' (no Namespace object was given for it)'}; ${setRefusal.fix}`, known ? 'error' : 'warning', setRefusal.fix);
}

function checkGatewayClass(gw: IndexedObject, index: ManifestIndex, out: PlacedDiagnostic[]): void {
  const name = uncheckedSpec<GatewaySpec>(gw)?.gatewayClassName;
  const classes = index.ofKind(GATEWAY_API_GROUP, 'GatewayClass');
  if (typeof name !== 'string' || classes.length === 0 || classes.some((c) => c.name === name)) return;
  const diagnostic: Diagnostic = {
    code: 'xref/gateway-class-not-found',
    severity: 'warning',
    message: `gatewayClassName '${name}' names no GatewayClass among the given objects (given: ${classes.map((c) => c.name).join(', ')})`,
    object: gw.id,
    field: 'spec.gatewayClassName',
  };
  out.push({ index: gw.index, diagnostic });
}

/** Attachment checks of every route, ListenerSet and Gateway in the set. */
export function checkAttachments(index: ManifestIndex, external: readonly ExternalObject[] = []): PlacedDiagnostic[] {
  const out: PlacedDiagnostic[] = [];
  const isExternal = (group: string, kind: string, namespace: string, name: string) =>
    external.some((e) => e.group === group && e.kind === kind && e.name === name && (e.namespace === undefined || e.namespace === namespace));
  const shared = sharedViews(index);
  for (const o of index.all) {
    if (o.group !== GATEWAY_API_GROUP) continue;
    if (isRouteKind(o.id.kind)) checkRouteParents(o, index, out, isExternal, shared);
    else if (o.id.kind === 'ListenerSet') checkListenerSetParent(o, index, out, isExternal);
    else if (o.id.kind === 'Gateway') checkGatewayClass(o, index, out);
  }
  return out;
}
