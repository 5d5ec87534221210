import { IResource } from './resource';

/**
 * One entry of a route's `spec.parentRefs`, with the parent's namespace
 * always explicit.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
 */
export interface ParentReferenceConfig {
  /** API group of the parent, `gateway.networking.k8s.io` for a Gateway or ListenerSet. */
  readonly group: string;
  /** Kind of the parent: `Gateway` or `ListenerSet` (or an implementation-specific kind). */
  readonly kind: string;
  /** Name of the parent object. */
  readonly name: string;
  /**
   * Namespace of the parent object. A route omits it from its output when it
   * equals the route's own namespace.
   *
   * @default - the referring route's namespace
   */
  readonly namespace?: string;
  /**
   * Name of one listener of the parent; the route then attaches to that
   * listener only.
   *
   * @default - every listener that accepts the route
   */
  readonly sectionName?: string;
  /**
   * Port of the parent's listeners that the route attaches to.
   *
   * @default - listeners on any port
   */
  readonly port?: number;
}

/**
 * Something a route attaches to: a Gateway, one listener of a Gateway, a
 * ListenerSet or one of its listeners, defined in this app or imported by
 * name.
 */
export interface IParentRef {
  /**
   * The reference the route holds, in full. In `spec.parentRefs` the route
   * writes `group` only when it is not `gateway.networking.k8s.io`, `kind`
   * only when it is not `Gateway`, and `namespace` (the parent's, when known)
   * only when it is not the route's own: the CRD defaults the first two.
   */
  readonly parentRef: ParentReferenceConfig;
  /**
   * The Gateway or ListenerSet construct, when it is defined in this app.
   *
   * @default - undefined for imported parents
   */
  readonly parentResource?: IResource;
}
