import { GATEWAY_API_GROUP } from './api-group';
import type { ParentReference } from '../../generated';

/** A parentRef with the spec defaults filled in. */
export interface NormalizedParentRef {
  /** API group of the parent (default `gateway.networking.k8s.io`). */
  readonly group: string;
  /** Kind of the parent (default `Gateway`). */
  readonly kind: string;
  /** Namespace of the parent (default: the route's). */
  readonly namespace: string;
  /** Name of the parent. */
  readonly name: string;
  /** Listener name, when the ref names one. @default - every listener of the parent */
  readonly sectionName?: string;
  /** Listener port, when the ref names one. @default - every port of the parent */
  readonly port?: number;
}

/**
 * Fills a route parentRef's defaults: group `gateway.networking.k8s.io`, kind
 * `Gateway`, namespace = the route's own namespace. `sectionName` and `port`
 * stay absent when not given.
 */
export function normalizeParentRef(ref: ParentReference, routeNamespace: string): NormalizedParentRef {
  return {
    group: ref.group ?? GATEWAY_API_GROUP,
    kind: ref.kind ?? 'Gateway',
    namespace: ref.namespace ?? routeNamespace,
    name: ref.name,
    ...(ref.sectionName !== undefined ? { sectionName: ref.sectionName } : {}),
    ...(ref.port !== undefined ? { port: ref.port } : {}),
  };
}

/**
 * Whether a (normalized) parentRef names a Gateway or a ListenerSet of the
 * Gateway API group: the parents whose listeners routes attach to (any other
 * parent, such as a mesh Service, gets no listener and no route status here).
 */
export function isGatewayParent(ref: { readonly group: string; readonly kind: string }): boolean {
  return ref.group === GATEWAY_API_GROUP && (ref.kind === 'Gateway' || ref.kind === 'ListenerSet');
}

/**
 * Whether a (normalized) parentRef names the object `parent`
 * (group/kind/namespace/name), ignoring sectionName and port.
 */
export function parentRefTargets(ref: NormalizedParentRef, parent: { group?: string; kind: string; namespace: string; name: string }): boolean {
  return ref.group === (parent.group ?? GATEWAY_API_GROUP) && ref.kind === parent.kind && ref.namespace === parent.namespace && ref.name === parent.name;
}

/**
 * Whether a parentRef selects a listener of the parent it targets: a
 * `sectionName` must equal the listener name, and a `port` must equal the
 * listener port; a parentRef with neither selects every listener.
 */
export function parentRefSelectsListener(ref: { readonly sectionName?: string; readonly port?: number }, listener: { readonly name: string; readonly port: number }): boolean {
  if (ref.sectionName !== undefined && ref.sectionName !== listener.name) return false;
  if (ref.port !== undefined && ref.port !== listener.port) return false;
  return true;
}

/** Whether two normalized parentRefs are the same entry (all six fields equal). */
export function sameParentRef(a: NormalizedParentRef, b: NormalizedParentRef): boolean {
  return a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && a.sectionName === b.sectionName && a.port === b.port;
}
