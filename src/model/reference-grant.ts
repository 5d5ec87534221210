import type { ReferenceGrantSpec } from '../../generated';

/** The object that holds a reference: a route, a Gateway, a ListenerSet... */
interface ReferenceFrom {
  /** API group; `''` for the core group. */
  readonly group: string;
  /** Kind of the referrer. */
  readonly kind: string;
  /** Namespace of the referrer. */
  readonly namespace: string;
}

/** The object referenced: a Service, a Secret, a Gateway... */
interface ReferenceTo {
  /** API group; `''` (or `core`) for the core group. */
  readonly group: string;
  /** Kind of the target. */
  readonly kind: string;
  /** Namespace of the target. */
  readonly namespace: string;
  /** Name of the target. */
  readonly name: string;
}

/** A ReferenceGrant as read from a manifest (only namespace and spec matter). */
interface ReferenceGrantLike {
  /** The grant lives in (and only grants access to) this namespace. @default 'default' (where kubectl puts an object written without one, as the loaders do) */
  readonly metadata?: { readonly namespace?: string };
  /** The `from` and `to` lists. @default - no from/to entries (the grant permits nothing) */
  readonly spec?: ReferenceGrantSpec;
}

/** `core` and `''` both name the Kubernetes core API group. */
export function normalizeGroup(group: string | undefined): string {
  return group === undefined || group === 'core' ? '' : group;
}

/**
 * Whether `from` may reference `to`. A reference within one namespace is always
 * permitted; across namespaces it needs a ReferenceGrant in the target's
 * namespace with a `from` entry equal to the referrer's group, kind and
 * namespace, and a `to` entry with the target's group and kind whose `name`
 * is absent (every object of that kind) or equal to the target's name.
 * A grant written without a namespace is in `default`, as every loader of
 * this package places such objects.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
export function isReferencePermitted(from: ReferenceFrom, to: ReferenceTo, grants: readonly ReferenceGrantLike[]): boolean {
  if (from.namespace === to.namespace) return true;
  const fromGroup = normalizeGroup(from.group);
  const toGroup = normalizeGroup(to.group);
  return grants.some((g) =>
    (g.metadata?.namespace || 'default') === to.namespace &&
    (g.spec?.from ?? []).some((f) => normalizeGroup(f.group) === fromGroup && f.kind === from.kind && f.namespace === from.namespace) &&
    (g.spec?.to ?? []).some((t) => normalizeGroup(t.group) === toGroup && t.kind === to.kind && (t.name === undefined || t.name === '' || t.name === to.name)),
  );
}
